package earkit.kit.run;

import java.util.Set;

/** How one scenario (one example row of an outline) ended, with its requirement and capability tags. */
public record ScenarioOutcome(String name, String source, Status status, String message, Set<String> tags) {
    public enum Status { PASSED, FAILED, NOT_APPLICABLE }

    public Set<String> requirements() {
        return tags.stream().filter(t -> t.startsWith("EAR-")).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
}

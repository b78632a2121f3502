package earkit.reports.sample;

import java.util.Set;

/**
 * What the sample steps pretend the target does: which requirements it breaks and which capabilities it lacks.
 * Static because Cucumber instantiates the glue itself; the tests run Cucumber one run at a time.
 */
public final class SampleTarget {
    static volatile Set<String> broken = Set.of();
    static volatile Set<String> missingCapabilities = Set.of();

    private SampleTarget() {
    }

    public static void configure(Set<String> brokenRequirements, Set<String> missing) {
        broken = Set.copyOf(brokenRequirements);
        missingCapabilities = Set.copyOf(missing);
    }
}

package earkit.kit.run;

import earkit.reports.Compliance;
import earkit.reports.RequirementStatus;
import earkit.reports.ScenarioResult;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What the self-tests read from a run's {@link Compliance}: the one assessment the reports and the exit code share. */
public final class Verdicts {
    private Verdicts() {
    }

    /** Requirement ID to status name ({@code PASSED}, {@code NOT_REACHED}, ...), as the golden files spell them. */
    public static Map<String, String> statuses(Compliance c) {
        Map<String, String> m = new TreeMap<>();
        c.requirements().forEach(r -> m.put(r.id(), r.status().name()));
        return m;
    }

    public static Set<String> with(Compliance c, RequirementStatus... statuses) {
        List<RequirementStatus> wanted = Arrays.asList(statuses);
        Set<String> ids = new TreeSet<>();
        c.requirements().stream().filter(r -> wanted.contains(r.status())).forEach(r -> ids.add(r.id()));
        return ids;
    }

    /** Every scenario of the run once, in the order of the requirements that carry them. */
    public static List<ScenarioResult> scenarios(Compliance c) {
        Set<ScenarioResult> all = new LinkedHashSet<>();
        c.requirements().forEach(r -> all.addAll(r.scenarios()));
        return List.copyOf(all);
    }
}

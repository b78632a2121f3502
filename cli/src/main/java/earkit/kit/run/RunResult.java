package earkit.kit.run;

import earkit.kit.steps.KitRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The scenarios of a run and the verdict for every requirement of the catalogue. */
public record RunResult(List<ScenarioOutcome> scenarios, Map<String, Verdict> verdicts, Map<String, String> levels,
                        Set<String> passingDeviations) {

    static RunResult of(List<ScenarioOutcome> scenarios, Catalogue catalogue, Map<String, KitRun.Deviation> deviations) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        for (String id : catalogue.levels().keySet()) {
            List<ScenarioOutcome> mine = scenarios.stream().filter(s -> s.requirements().contains(id)).toList();
            Verdict v;
            if (mine.isEmpty()) {
                v = Verdict.NOT_RUN;
            } else if (mine.stream().anyMatch(s -> s.status() == ScenarioOutcome.Status.FAILED)) {
                KitRun.Deviation d = deviations.get(id);
                v = d != null && !d.notApplicable() ? Verdict.KNOWN_DEVIATION : Verdict.FAILED;
            } else if (mine.stream().allMatch(s -> s.status() == ScenarioOutcome.Status.NOT_APPLICABLE)) {
                v = Verdict.NOT_APPLICABLE;
            } else {
                v = Verdict.PASSED;
            }
            verdicts.put(id, v);
        }
        Set<String> passing = new TreeSet<>(KitRun.PASSING_DEVIATIONS);
        passing.retainAll(verdicts.entrySet().stream().filter(e -> e.getValue() == Verdict.PASSED).map(Map.Entry::getKey).toList());
        return new RunResult(List.copyOf(scenarios), verdicts, catalogue.levels(), passing);
    }

    public Set<String> with(Verdict verdict) {
        Set<String> ids = new TreeSet<>();
        verdicts.forEach((id, v) -> {
            if (v == verdict) {
                ids.add(id);
            }
        });
        return ids;
    }

    /**
     * Exit 0 only if every applicable MUST requirement passed. In strict mode anything that did not pass
     * counts (not applicable, known deviations, SHOULDs, and known deviations that now pass).
     */
    public boolean success(boolean strict) {
        List<String> bad = new ArrayList<>();
        verdicts.forEach((id, v) -> {
            boolean must = "MUST".equals(levels.get(id));
            if (strict ? v != Verdict.PASSED && v != Verdict.NOT_RUN : must && v == Verdict.FAILED) {
                bad.add(id);
            }
        });
        return bad.isEmpty() && (!strict || passingDeviations.isEmpty());
    }
}

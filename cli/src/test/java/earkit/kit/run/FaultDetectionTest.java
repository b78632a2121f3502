package earkit.kit.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.reference.Fault;
import earkit.reports.Compliance;
import earkit.reports.RequirementStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who guards the guards: the kill matrix. Every built-in {@link Fault} runs the scenarios of the requirements
 * it may touch ({@link KillPlan}) against the in-process reference, and the suite must fail exactly the
 * requirements the plan names, compared with the faultless baseline of the same scenarios. A fault that kills
 * nothing, or kills only through another requirement than the one it is aimed at, fails the build; so does a
 * requirement of the catalogue that no fault kills. The matrix is written to {@code target/kill-matrix.md}
 * and {@code target/kill-matrix.json}.
 */
class FaultDetectionTest {
    private static final String FAULTS = "kit.reference.faults";
    private static final Map<Fault, Map<String, java.util.List<String>>> KILLS = new ConcurrentHashMap<>();
    private static Set<String> baselineFailures;
    private static Set<String> catalogue;

    @BeforeAll
    static void baseline() throws IOException {
        Compliance c = run(null, KillPlan.allTags());
        baselineFailures = failed(c);
        catalogue = new TreeSet<>(Verdicts.statuses(c).keySet());
        Set<String> notPassed = Verdicts.with(c, RequirementStatus.FAILED, RequirementStatus.TARGET_ERROR,
                RequirementStatus.NOT_REACHED, RequirementStatus.KNOWN_DEVIATION);
        assertEquals(Set.of(), notPassed, "the faultless reference must pass every scenario the matrix runs");
    }

    static Stream<KillPlan.Row> rows() {
        return KillPlan.rows().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theSuiteKillsTheFault(KillPlan.Row row) throws IOException {
        Compliance withFault = run(row.fault(), row.tags());
        Set<String> caught = new TreeSet<>(failed(withFault));
        caught.removeAll(baselineFailures);
        Map<String, java.util.List<String>> byRequirement = new TreeMap<>();
        withFault.requirements().stream().filter(r -> caught.contains(r.id()))
                .forEach(r -> byRequirement.put(r.id(), r.failingScenarios().stream()
                        .map(s -> s.name() + (s.example() == null || s.example().isEmpty() ? "" : " [" + s.example() + "]"))
                        .distinct().toList()));
        KILLS.put(row.fault(), byRequirement);
        assertTrue(caught.contains(row.aim()), row.fault() + " must be killed on " + row.aim() + ", the suite failed "
                + caught + " (baseline failures: " + baselineFailures + ")");
        if (!row.fails().isEmpty()) {
            assertEquals(new TreeSet<>(row.fails()), caught, "requirements failing only with " + row.fault());
        }
    }


    @Test
    void everyFaultIsInThePlan() {
        Set<Fault> planned = new TreeSet<>();
        KillPlan.rows().forEach(r -> planned.add(r.fault()));
        Set<Fault> all = new TreeSet<>(Arrays.asList(Fault.values()));
        all.removeAll(planned);
        assertEquals(Set.of(), all, "faults the kill matrix does not run");
    }

    /** Written whatever the outcome; then every requirement of the catalogue must have been killed by some fault. */
    @AfterAll
    static void writeMatrixAndCheckCoverage() throws IOException {
        KillMatrix.write(KillPlan.rows(), KILLS, Path.of("target"));
        if (KILLS.size() == KillPlan.rows().size()) {
            Set<String> unkilled = new TreeSet<>(catalogue);
            KILLS.values().forEach(k -> unkilled.removeAll(k.keySet()));
            assertEquals(Set.of(), unkilled, "requirements no fault is killed on");
        }
    }

    private static Compliance run(Fault fault, String tags) throws IOException {
        String name = fault == null ? "baseline" : fault.name();
        if (fault == null) {
            System.clearProperty(FAULTS);
        } else {
            System.setProperty(FAULTS, fault.name());
        }
        try {
            return SuiteRunner.run(new SuiteRunner.Settings(tags, Path.of("target", "kill-matrix", name), false, null));
        } finally {
            System.clearProperty(FAULTS);
        }
    }

    private static Set<String> failed(Compliance r) {
        return Verdicts.with(r, RequirementStatus.FAILED, RequirementStatus.KNOWN_DEVIATION);
    }

    @AfterEach
    void noFaultAfterwards() {
        System.clearProperty(FAULTS);
    }
}

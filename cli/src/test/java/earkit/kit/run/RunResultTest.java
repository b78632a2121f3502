package earkit.kit.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.kit.run.ScenarioOutcome.Status;
import earkit.kit.steps.KitRun;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Verdicts per requirement and the exit rule of {@code kit run}. */
class RunResultTest {
    private final Catalogue catalogue = new Catalogue(new byte[0],
            Map.of("EAR-AAA-001", "MUST", "EAR-BBB-001", "MUST", "EAR-CCC-001", "SHOULD", "EAR-DDD-001", "MUST"),
            Map.of());

    private static ScenarioOutcome scenario(Status status, String... tags) {
        return new ScenarioOutcome("s", "f", status, null, Set.of(tags));
    }

    @Test
    void oneFailedScenarioFailsTheRequirementAndTheRun() {
        RunResult r = RunResult.of(List.of(scenario(Status.PASSED, "EAR-AAA-001"), scenario(Status.FAILED, "EAR-AAA-001")),
                catalogue, Map.of());
        assertEquals(Verdict.FAILED, r.verdicts().get("EAR-AAA-001"));
        assertFalse(r.success(false));
    }

    @Test
    void notApplicableAndFailedShouldsPassOnlyWithoutStrict() {
        RunResult r = RunResult.of(List.of(scenario(Status.PASSED, "EAR-AAA-001"), scenario(Status.NOT_APPLICABLE, "EAR-BBB-001"),
                scenario(Status.FAILED, "EAR-CCC-001", "needs-clock-control")), catalogue, Map.of());
        assertEquals(Verdict.NOT_APPLICABLE, r.verdicts().get("EAR-BBB-001"));
        assertEquals(Verdict.NOT_RUN, r.verdicts().get("EAR-DDD-001"));
        assertTrue(r.success(false));
        assertFalse(r.success(true));
    }

    @Test
    void aDocumentedFailureIsAKnownDeviation() {
        RunResult r = RunResult.of(List.of(scenario(Status.FAILED, "EAR-AAA-001")), catalogue,
                Map.of("EAR-AAA-001", new KitRun.Deviation("EAR-AAA-001", "known-failure", "not built yet")));
        assertEquals(Verdict.KNOWN_DEVIATION, r.verdicts().get("EAR-AAA-001"));
        assertTrue(r.success(false));
        assertFalse(r.success(true));
    }
}

package earkit.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs that differ in exactly some requirements: --compare shows exactly those. */
class RunComparisonTest {
    @TempDir
    static Path dir;
    static Path healthy;
    static Path faulty;

    @BeforeAll
    static void runTwice() {
        healthy = SampleRun.breaking().writeTo(dir.resolve("healthy"));
        faulty = SampleRun.breaking("EAR-INA-001", "EAR-ROT-001").writeTo(dir.resolve("faulty"));
        ComplianceReport.write(healthy);
        ComplianceReport.write(faulty);
    }

    @Test
    void showsExactlyTheBrokenRequirementsAsWorse() {
        RunComparison comparison = RunComparison.of(healthy, faulty);
        assertEquals(List.of(
                        new RunComparison.Change("EAR-ROT-001", "MUST",
                                "AWS managed keys rotate one year after creation or after their most recent rotation.",
                                RequirementStatus.PASSED, RequirementStatus.FAILED),
                        new RunComparison.Change("EAR-INA-001", "MUST",
                                "A disabled customer managed key makes its table Inaccessible.",
                                RequirementStatus.PASSED, RequirementStatus.FAILED)),
                comparison.changes());
        assertTrue(comparison.anyWorse());
        String text = comparison.describe();
        assertTrue(text.contains("2 requirements changed status, 2 worse:"), text);
        assertTrue(text.contains("WORSE   EAR-INA-001    MUST   passed            -> failed"), text);
    }

    @Test
    void theOtherWayRoundIsBetterAndNotWorse() {
        RunComparison comparison = RunComparison.of(faulty, healthy);
        assertEquals(List.of("EAR-ROT-001", "EAR-INA-001"),
                comparison.changes().stream().map(RunComparison.Change::id).toList());
        assertFalse(comparison.anyWorse());
        assertTrue(comparison.describe().contains("better  EAR-ROT-001"), comparison.describe());
    }

    @Test
    void aRunComparedWithItselfShowsNoChange() {
        RunComparison comparison = RunComparison.of(healthy, healthy);
        assertTrue(comparison.changes().isEmpty());
        assertTrue(comparison.describe().contains("No requirement changed status."));
    }

    @Test
    void losingACapabilityCountsAsWorse() {
        Path blind = SampleRun.breaking().lacking("kms-audit", "clock-control").writeTo(dir.resolve("blind"));
        RunComparison comparison = RunComparison.of(healthy, blind);
        // The rotation feature and the archive scenario need the clock; EAR-ROT-002 was a flagged deviation.
        assertEquals(List.of("EAR-ROT-001", "EAR-ROT-002", "EAR-INA-002"),
                comparison.changes().stream().map(RunComparison.Change::id).toList(), comparison.describe());
        assertTrue(comparison.changes().stream().allMatch(RunComparison.Change::worse));
    }
}

package earkit.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import earkit.reports.Compliance.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The verdict of a run through several SDKs is the worst across them: a failure through any SDK fails the run. */
class SdkColumnsVerdictTest {
    private static final Verdict CONFORMANT = new Verdict(Verdict.CONFORMANT, false, "Every applicable MUST requirement passed",
            List.of(), 8, 1);

    private static SdkMatrix.Column column(String sdk, String verdict, Map<String, String> requirements) {
        return new SdkMatrix.Column(sdk, "name", "1.0", "runtime", "http", verdict, requirements, null, null);
    }

    @Test
    void everyColumnConformantLeavesTheVerdictAsItIs() {
        assertSame(CONFORMANT, SdkMatrix.worst(CONFORMANT, List.of(column("boto3", Verdict.CONFORMANT, Map.of("EAR-REF-001", "passed")))));
    }

    @Test
    void aFailureThroughOneSdkFailsTheRunAndSaysWhere() {
        Verdict v = SdkMatrix.worst(CONFORMANT, List.of(column("boto3", Verdict.CONFORMANT, Map.of("EAR-REF-001", "passed")),
                column("java-v1", Verdict.NOT_CONFORMANT, Map.of("EAR-REF-001", "failed", "EAR-ENC-004", "target-error"))));
        assertEquals(Verdict.NOT_CONFORMANT, v.result());
        assertEquals(1, v.exitCode());
        assertEquals("a requirement failed through java-v1", v.headline());
        assertEquals(Set.of("EAR-REF-001 failed through java-v1", "EAR-ENC-004 target error through java-v1"), Set.copyOf(v.reasons()));
        assertEquals(2, v.reasons().size());
    }

    @Test
    void anInconclusiveColumnMakesAConformantRunInconclusive() {
        Verdict v = SdkMatrix.worst(CONFORMANT, List.of(column("boto3", Verdict.INCONCLUSIVE, Map.of("EAR-REF-001", "not-applicable"))));
        assertEquals(Verdict.INCONCLUSIVE, v.result());
        assertEquals(3, v.exitCode());
    }

    @Test
    void aFailedKitRunStaysFailedWithItsOwnHeadline() {
        Verdict failed = new Verdict(Verdict.NOT_CONFORMANT, false, "1 MUST requirement failed.", List.of("EAR-MAN-001 failed"), 7, 1);
        Verdict v = SdkMatrix.worst(failed, List.of(column("boto3", Verdict.CONFORMANT, Map.of())));
        assertEquals(Verdict.NOT_CONFORMANT, v.result());
        assertEquals("1 MUST requirement failed.", v.headline());
        assertEquals(List.of("EAR-MAN-001 failed"), v.reasons());
    }
}

package earkit.kit.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import earkit.reference.Fault;
import earkit.reports.Compliance;
import earkit.reports.RequirementStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who guards the guards: the suite runs against the reference with one deliberate fault and must fail
 * exactly the requirements that fault breaks, compared with the same scenarios on the faultless
 * reference. A requirement that fails only with the fault is caught; one that fails in both runs
 * is not evidence, so the expected set must appear in the difference.
 */
class FaultDetectionTest {
    private static final String FAULTS = "kit.reference.faults";

    static Stream<Arguments> faults() {
        return Stream.of(
                // Archived at 6 days: the boundary scenario sees an archived table at 6 d 23 h, and access given
                // back at 6 d 23 h can no longer return the table to service.
                Arguments.of(Fault.ARCHIVE_AFTER_SIX_DAYS, "@EAR-INA-004 or @EAR-INA-005 or @EAR-INA-006 or @EAR-INA-001",
                        Set.of("EAR-INA-004", "EAR-INA-005")),
                // A KMS Decrypt per request: more KMS calls than one per connection and 5 minutes, a disabled key
                // noticed before the refresh, KMS latency on a kept-alive connection.
                Arguments.of(Fault.NO_KEY_CACHE, "@EAR-REF-001 or @EAR-REF-002 or @EAR-REF-003 or @EAR-CON-001 or @EAR-CON-002 or @EAR-ENC-003",
                        Set.of("EAR-REF-001", "EAR-REF-002", "EAR-REF-003", "EAR-CON-001", "EAR-CON-002")),
                Arguments.of(Fault.MANAGED_KEY_REPORTED_AS_CUSTOMER, "@EAR-MAN-001 or @EAR-MAN-004 or @EAR-MAN-005 or @EAR-CMK-002",
                        Set.of("EAR-MAN-004", "EAR-MAN-005")),
                Arguments.of(Fault.PLAINTEXT_AT_REST, "@EAR-ENC-001 or @EAR-ENC-004",
                        Set.of("EAR-ENC-001")));
    }

    @ParameterizedTest(name = "{0} fails {2}")
    @MethodSource("faults")
    void theSuiteCatchesTheFault(Fault fault, String tags, Set<String> expected) throws IOException {
        Set<String> baseline = failed(run(null, tags));
        Set<String> withFault = failed(run(fault, tags));
        Set<String> caught = new TreeSet<>(withFault);
        caught.removeAll(baseline);
        assertEquals(new TreeSet<>(expected), caught, "requirements failing only with " + fault
                + " (baseline failures: " + baseline + ", with the fault: " + withFault + ")");
    }

    private static Compliance run(Fault fault, String tags) throws IOException {
        String name = fault == null ? "baseline" : fault.name();
        if (fault == null) {
            System.clearProperty(FAULTS);
        } else {
            System.setProperty(FAULTS, fault.name());
        }
        return SuiteRunner.run(new SuiteRunner.Settings(tags, Path.of("target", "self-test", name + "-" + Math.abs(tags.hashCode())),
                false, null));
    }

    private static Set<String> failed(Compliance r) {
        return Verdicts.with(r, RequirementStatus.FAILED, RequirementStatus.KNOWN_DEVIATION);
    }

    @AfterEach
    void noFaultAfterwards() {
        System.clearProperty(FAULTS);
    }
}

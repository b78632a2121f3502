package earkit.kit.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code --threads N}: Cucumber's parallel execution, with exclusive locks only where scenarios share state. */
class ParallelRunTest {
    private static final Set<String> IDS = Set.of("EAR-AAA-001", "EAR-BBB-002");

    @Test
    void oneThreadLeavesCucumberSerial() {
        assertTrue(ParallelRun.configuration(1, IDS, false, Set.of("clock-control")).isEmpty());
    }

    @Test
    void onASharedTargetTheDeclaredClockAndMeterScenariosRunAlone() {
        Map<String, String> c = ParallelRun.configuration(3, IDS, false, Set.of("clock-control", "kms-meter"));
        assertEquals("true", c.get("cucumber.execution.parallel.enabled"));
        assertEquals("3", c.get("cucumber.execution.parallel.config.fixed.parallelism"));
        assertEquals("earkit-clock", c.get("cucumber.execution.exclusive-resources.needs-clock-control.read-write"));
        assertEquals("earkit-kms-meter", c.get("cucumber.execution.exclusive-resources.needs-kms-meter.read-write"));
        assertEquals("earkit-account-keys", c.get("cucumber.execution.exclusive-resources.account-wide.read-write"));
        assertEquals("earkit-clock,earkit-kms-meter,earkit-account-keys",
                c.get("cucumber.execution.exclusive-resources.EAR-BBB-002.read"));
    }

    @Test
    void aScenarioThatWillBeSkippedTakesNoExclusiveLock() {
        // No clock-control declared: the clock scenarios skip at once and must not stop the other threads meanwhile.
        Map<String, String> c = ParallelRun.configuration(2, IDS, false, Set.of("kms-audit"));
        assertNull(c.get("cucumber.execution.exclusive-resources.needs-clock-control.read-write"));
        assertNull(c.get("cucumber.execution.exclusive-resources.needs-kms-meter.read-write"));
        assertEquals("earkit-account-keys", c.get("cucumber.execution.exclusive-resources.EAR-AAA-001.read"));
    }

    @Test
    void aTargetThatIsolatesScenariosLocksNothing() {
        Map<String, String> c = ParallelRun.configuration(4, IDS, true, Set.of("clock-control", "kms-meter", "kms-proxy"));
        assertEquals("4", c.get("cucumber.execution.parallel.config.fixed.parallelism"));
        assertFalse(c.keySet().stream().anyMatch(k -> k.startsWith("cucumber.execution.exclusive-resources.")), c.toString());
    }
}

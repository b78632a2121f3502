package earkit.kit.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code --threads N}: Cucumber's parallel execution, with the clock and the KMS meter as exclusive resources. */
class ParallelRunTest {
    @Test
    void oneThreadLeavesCucumberSerial() {
        assertTrue(ParallelRun.configuration(1, Set.of("EAR-AAA-001")).isEmpty());
    }

    @Test
    void severalThreadsRunInParallelButClockAndMeterScenariosAlone() {
        Map<String, String> c = ParallelRun.configuration(3, Set.of("EAR-AAA-001", "EAR-BBB-002"));
        assertEquals("true", c.get("cucumber.execution.parallel.enabled"));
        assertEquals("3", c.get("cucumber.execution.parallel.config.fixed.parallelism"));
        assertEquals("earkit-clock", c.get("cucumber.execution.exclusive-resources.needs-clock-control.read-write"));
        assertEquals("earkit-kms-meter", c.get("cucumber.execution.exclusive-resources.needs-kms-meter.read-write"));
        assertEquals("earkit-account-keys", c.get("cucumber.execution.exclusive-resources.account-wide.read-write"));
        assertEquals("earkit-clock,earkit-kms-meter,earkit-kms-proxy,earkit-account-keys",
                c.get("cucumber.execution.exclusive-resources.EAR-BBB-002.read"));
    }
}

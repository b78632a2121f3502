package earkit.kit.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --threads N}: Cucumber's parallel execution, with no lock declared to the platform (the glue guards shared state). */
class ParallelRunTest {
    @Test
    void oneThreadLeavesCucumberSerial() {
        assertTrue(ParallelRun.configuration(1).isEmpty());
    }

    @Test
    void severalThreadsRunScenariosInParallelWithoutPlatformLocks() {
        Map<String, String> c = ParallelRun.configuration(3);
        assertEquals("true", c.get("cucumber.execution.parallel.enabled"));
        assertEquals("3", c.get("cucumber.execution.parallel.config.fixed.parallelism"));
        assertEquals("3", c.get("cucumber.execution.parallel.config.fixed.max-pool-size"));
        // A lock declared to the platform would be taken for a scenario's whole feature file.
        assertFalse(c.keySet().stream().anyMatch(k -> k.startsWith("cucumber.execution.exclusive-resources.")), c.toString());
    }
}

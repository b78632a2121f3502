package earkit.kit.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.kit.spi.SessionRequest;
import earkit.kit.spi.Target;
import earkit.kit.spi.TargetSession;
import java.util.Map;
import java.util.Set;
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

    @Test
    void unsaidThreadsAreSeveralOnlyAgainstATargetThatIsolatesScenariosInTheWrittenOrder() {
        assertEquals(ParallelRun.ISOLATED_DEFAULT, ParallelRun.threads(0, target(true), false));
        assertTrue(ParallelRun.ISOLATED_DEFAULT > 1);
        assertEquals(1, ParallelRun.threads(0, target(true), true), "--order random --seed N repeats its order on one thread");
        assertEquals(1, ParallelRun.threads(0, target(false), false), "a shared target runs one scenario at a time");
    }

    @Test
    void saidThreadsAreKept() {
        assertEquals(1, ParallelRun.threads(1, target(true), false));
        assertEquals(2, ParallelRun.threads(2, target(false), false));
        assertEquals(3, ParallelRun.threads(3, target(true), true));
    }

    private static Target target(boolean isolates) {
        return new Target() {
            @Override
            public String name() {
                return "t";
            }

            @Override
            public Set<String> capabilities() {
                return Set.of();
            }

            @Override
            public TargetSession open(SessionRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isolatesScenarios() {
                return isolates;
            }
        };
    }
}

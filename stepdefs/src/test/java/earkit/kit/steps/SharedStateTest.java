package earkit.kit.steps;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.kit.spi.SessionRequest;
import earkit.kit.spi.Target;
import earkit.kit.spi.TargetSession;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** On a shared target a scenario that moves the clock runs alone; elsewhere scenarios run side by side. */
class SharedStateTest {
    /** One scenario: it takes and lets go on a thread of its own, as Cucumber runs a scenario on one thread. */
    private static final class Scenario implements AutoCloseable {
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final Future<SharedState.Held> held;

        Scenario(Target target, String... tags) {
            held = thread.submit(() -> SharedState.take(target, Set.of(tags)));
        }

        /**
         * Whether the scenario got what it needs: a scenario expected to start gets 60 s (spent only when broken; a
         * busy machine may take seconds to schedule its thread), one expected to wait is watched for 300 ms
         * (bounded waits, not sleeps).
         */
        boolean started() throws Exception {
            return startsWithin(60_000);
        }

        boolean waiting() throws Exception {
            return !startsWithin(300);
        }

        private boolean startsWithin(long millis) throws Exception {
            try {
                held.get(millis, TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException stillWaiting) {
                return false;
            }
        }

        void end() throws Exception {
            thread.submit(() -> {
                held.get().release();
                return null;
            }).get(5, TimeUnit.SECONDS);
        }

        /** Lets go of what the scenario still holds, so that a failed test does not leave the next one waiting. */
        @Override
        public void close() throws Exception {
            if (held.isDone() && !held.isCancelled()) {
                thread.submit(() -> {
                    held.get().release();
                    return null;
                }).get(5, TimeUnit.SECONDS);
            }
            thread.shutdownNow();
        }
    }

    private static Target target(boolean isolates) {
        return new Target() {
            @Override
            public String name() {
                return "t";
            }

            @Override
            public Set<String> capabilities() {
                return Set.of("clock-control");
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

    @Test
    void aClockScenarioWaitsForTheOthersAndTheOthersWaitForIt() throws Exception {
        Target shared = target(false);
        try (Scenario reader = new Scenario(shared, "@EAR-ENC-004");
             Scenario clock = new Scenario(shared, "@EAR-INA-005", "@needs-clock-control")) {
            assertTrue(reader.started());
            assertTrue(clock.waiting(), "the clock scenario waits while another scenario runs");
            reader.end();
            assertTrue(clock.started(), "and starts when it ends");
            try (Scenario next = new Scenario(shared, "@EAR-OWN-001")) {
                assertTrue(next.waiting(), "no scenario starts while the clock scenario runs");
                clock.end();
                assertTrue(next.started());
                next.end();
            }
        }
    }

    @Test
    void ordinaryScenariosRunSideBySide() throws Exception {
        Target shared = target(false);
        try (Scenario one = new Scenario(shared, "@EAR-ENC-004"); Scenario two = new Scenario(shared, "@EAR-OWN-001")) {
            assertTrue(one.started() && two.started());
            one.end();
            two.end();
        }
    }

    @Test
    void aTargetThatIsolatesScenariosLocksNothing() {
        SharedState.Held held = SharedState.take(target(true), Set.of("@needs-clock-control"));
        assertFalse(held.holdsAny());
        held.release();
    }
}

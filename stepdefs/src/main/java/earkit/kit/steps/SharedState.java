package earkit.kit.steps;

import earkit.kit.spi.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * What scenarios on a target shared by the whole run hold of its global state (the virtual clock, the account's KMS
 * meter, the KMS relay, the account's list of keys): a scenario that moves, reads whole or proxies one of them holds
 * it alone, every other scenario holds it for reading, so none runs while the clock jumps or the meter is read.
 *
 * <p>Taken per scenario by the glue, after the scenario is known to apply, rather than declared to the JUnit Platform
 * as exclusive resources: the platform extends a scenario's lock to its whole feature file (a container takes the
 * locks of its children), which serialises every feature holding one clock scenario. Locks are fair, so a waiting
 * writer is not starved by readers, and always taken in the one order below, so two scenarios never deadlock.
 */
final class SharedState {
    private enum Resource {
        CLOCK("@needs-clock-control", "@needs-historic-clock"),
        KMS_METER("@needs-kms-meter"),
        KMS_PROXY("@needs-kms-proxy"),
        ACCOUNT_KEYS("@account-wide");

        private final Set<String> exclusiveTags;

        Resource(String... exclusiveTags) {
            this.exclusiveTags = Set.of(exclusiveTags);
        }
    }

    /**
     * The locks of each shared target, one per resource: a target's state is its own, so two targets (two runs in one
     * JVM, or a test beside a suite) never wait for each other.
     */
    private static final Map<Target, ReentrantReadWriteLock[]> LOCKS = Collections.synchronizedMap(new WeakHashMap<>());

    private SharedState() {
    }

    /** Takes what a scenario with these tags needs on {@code target}; nothing where the target isolates scenarios. */
    static Held take(Target target, Set<String> tags) {
        List<Lock> held = new ArrayList<>();
        if (!target.isolatesScenarios()) {
            ReentrantReadWriteLock[] locks = LOCKS.computeIfAbsent(target, t -> {
                ReentrantReadWriteLock[] fresh = new ReentrantReadWriteLock[Resource.values().length];
                for (int i = 0; i < fresh.length; i++) {
                    fresh[i] = new ReentrantReadWriteLock(true);
                }
                return fresh;
            });
            for (Resource r : Resource.values()) {
                ReentrantReadWriteLock rw = locks[r.ordinal()];
                Lock lock = tags.stream().anyMatch(r.exclusiveTags::contains) ? rw.writeLock() : rw.readLock();
                lock.lock();
                held.add(lock);
            }
        }
        return new Held(held);
    }

    /** The locks one scenario holds, let go in the reverse order when it ends. */
    static final class Held {
        private final List<Lock> locks;

        private Held(List<Lock> locks) {
            this.locks = locks;
        }

        boolean holdsAny() {
            return !locks.isEmpty();
        }

        void release() {
            for (int i = locks.size() - 1; i >= 0; i--) {
                locks.get(i).unlock();
            }
            locks.clear();
        }
    }
}

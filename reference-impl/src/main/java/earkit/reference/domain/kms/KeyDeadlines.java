package earkit.reference.domain.kms;

import earkit.reference.time.Deadline;
import earkit.reference.time.VirtualClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * At most one pending deadline per key, for one kind of key event (rotation, deletion). A deadline already past
 * fires at once, so a key read back at start-up with an overdue date catches up. Callers hold the {@link KeyState}
 * lock; the action takes it when it fires.
 */
final class KeyDeadlines {
    private final VirtualClock clock;
    private final Consumer<String> due;
    private final Map<String, Deadline> pending = new HashMap<>();

    KeyDeadlines(VirtualClock clock, Consumer<String> due) {
        this.clock = clock;
        this.due = due;
    }

    /** Replaces the key's deadline with one at {@code at}. */
    void set(String keyId, Instant at, String label) {
        cancel(keyId);
        if (!at.isAfter(clock.now())) {
            due.accept(keyId);
            return;
        }
        pending.put(keyId, clock.schedule(at, label, () -> due.accept(keyId)));
    }

    void cancel(String keyId) {
        Deadline d = pending.remove(keyId);
        if (d != null) {
            d.cancel();
        }
    }

    /** The key's deadline fired: it is no longer pending. */
    void fired(String keyId) {
        pending.remove(keyId);
    }
}

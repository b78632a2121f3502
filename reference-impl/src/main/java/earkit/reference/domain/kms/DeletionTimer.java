package earkit.reference.domain.kms;

import earkit.reference.time.Deadline;
import java.util.HashMap;
import java.util.Map;

/**
 * Key deletion on the virtual clock: when a key's waiting period ends it goes, with its aliases and
 * grants, and KMS records {@code DeleteKey}. Callers hold the {@link KeyState} lock; the deadlines take it
 * when they fire.
 */
final class DeletionTimer {
    private final KeyState state;
    private final RotationTimer rotation;
    private final Map<String, Deadline> deadlines = new HashMap<>();

    DeletionTimer(KeyState state, RotationTimer rotation) {
        this.state = state;
        this.rotation = rotation;
    }

    void schedule(KmsKey k) {
        cancel(k.id);
        String id = k.id;
        if (!k.deletionDate.isAfter(state.clock.now())) {
            due(id);
            return;
        }
        deadlines.put(id, state.clock.schedule(k.deletionDate, "kms delete " + k.arn(), () -> due(id)));
    }

    void cancel(String keyId) {
        KeyState.cancel(deadlines.remove(keyId));
    }

    private void due(String id) {
        synchronized (state) {
            deadlines.remove(id);
            KmsKey k = state.keys.get(id);
            if (k == null || !KmsKey.PENDING_DELETION.equals(k.keyState)) {
                return;
            }
            state.aliases.values().removeIf(a -> {
                boolean hit = a.targetKeyId().equals(k.id) && a.accountId().equals(k.accountId);
                if (hit) {
                    state.repo.remove(a);
                }
                return hit;
            });
            state.grants.values().removeIf(g -> {
                boolean hit = g.keyId().equals(k.id);
                if (hit) {
                    state.repo.remove(g);
                }
                return hit;
            });
            state.keys.remove(id);
            rotation.cancel(id);
            state.repo.delete(k);
            state.repo.commit();
            state.meter.keyChanged(k, state.clock.now(), true);
            state.recordServiceEvent(k, "DeleteKey");
        }
    }
}

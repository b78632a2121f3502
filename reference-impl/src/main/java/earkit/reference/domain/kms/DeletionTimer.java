package earkit.reference.domain.kms;


/**
 * Key deletion on the virtual clock: when a key's waiting period ends it goes, with its aliases and
 * grants, and KMS records {@code DeleteKey}. Callers hold the {@link KeyState} lock; the deadlines take it
 * when they fire.
 */
final class DeletionTimer {
    private final KeyState state;
    private final RotationTimer rotation;
    private final KeyDeadlines deadlines;

    DeletionTimer(KeyState state, RotationTimer rotation) {
        this.state = state;
        this.rotation = rotation;
        this.deadlines = new KeyDeadlines(state.clock, this::due);
    }

    void schedule(KmsKey k) {
        deadlines.set(k.id, k.deletionDate, "kms delete " + k.arn());
    }

    void cancel(String keyId) {
        deadlines.cancel(keyId);
    }

    private void due(String id) {
        synchronized (state) {
            deadlines.fired(id);
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

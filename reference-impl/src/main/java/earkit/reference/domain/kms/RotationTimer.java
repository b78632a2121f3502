package earkit.reference.domain.kms;

import earkit.reference.Fault;
import java.time.Duration;
import java.time.Instant;

/**
 * Automatic rotation on the virtual clock: one deadline per key whose rotation runs, and the rotation
 * itself (new material, the cost meter, the {@code RotateKey} event). Callers hold the {@link KeyState} lock;
 * the deadlines take it when they fire. Deadlines are not persisted: {@link KeyManagement} derives them
 * again from the keys' state at start.
 */
final class RotationTimer {
    private final KeyState state;
    private final KeyDeadlines deadlines;

    RotationTimer(KeyState state) {
        this.state = state;
        this.deadlines = new KeyDeadlines(state.clock, this::due);
    }

    void schedule(KmsKey k) {
        boolean runs = k.awsManaged() || (k.rotationEnabled && rotatesInState(k));
        if (k.nextRotation == null || !runs) {
            cancel(k.id);
            return;
        }
        deadlines.set(k.id, k.nextRotation, "kms rotate " + k.arn());
    }

    /** Only an enabled key rotates (a disabled one keeps rotating with the DISABLED_KEY_ROTATED fault). */
    private boolean rotatesInState(KmsKey k) {
        return KmsKey.ENABLED.equals(k.keyState)
                || (KmsKey.DISABLED.equals(k.keyState) && state.faults.has(Fault.DISABLED_KEY_ROTATED));
    }

    void cancel(String keyId) {
        deadlines.cancel(keyId);
    }

    private void due(String id) {
        synchronized (state) {
            deadlines.fired(id);
            KmsKey k = state.keys.get(id);
            if (k == null || !rotatesInState(k) || (!k.awsManaged() && !k.rotationEnabled)) {
                return; // a disabled key is not rotated; EnableKey applies the re-enable rule
            }
            Instant now = state.clock.now();
            rotate(k, "AUTOMATIC");
            k.nextRotation = k.awsManaged() ? RotationSchedule.nextManaged(now, state.faults) : now.plus(Duration.ofDays(k.rotationPeriodDays));
            state.save(k);
            schedule(k);
        }
    }

    void rotate(KmsKey k, String type) {
        k.materials.add(state.newMaterial(type));
        state.meter.keyChanged(k, state.clock.now(), false);
        state.save(k);
        state.recordServiceEvent(k, "RotateKey");
    }

    /** Re-enabled: rotate now if the material is over a year old and a rotation was missed, else resume the schedule. */
    void resumeAfterReEnable(KmsKey k) {
        if (!k.rotationEnabled || k.nextRotation == null) {
            return;
        }
        Instant now = state.clock.now();
        if (!k.nextRotation.isAfter(now)) {
            if (Duration.between(k.currentMaterial().createdAt(), now).compareTo(RotationSchedule.YEAR) > 0) {
                rotate(k, "AUTOMATIC");
                k.nextRotation = now.plus(Duration.ofDays(k.rotationPeriodDays));
            } else {
                Instant next = k.nextRotation;
                while (!next.isAfter(now)) {
                    next = next.plus(Duration.ofDays(k.rotationPeriodDays));
                }
                k.nextRotation = next;
            }
        }
        schedule(k);
    }
}

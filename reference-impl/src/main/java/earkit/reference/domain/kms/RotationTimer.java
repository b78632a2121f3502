package earkit.reference.domain.kms;

import earkit.reference.time.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Automatic rotation on the virtual clock: one deadline per key whose rotation runs, and the rotation
 * itself (new material, the cost meter, the {@code RotateKey} event). Callers hold the {@link KeyState} lock;
 * the deadlines take it when they fire. Deadlines are not persisted: {@link KeyManagement} derives them
 * again from the keys' state at start.
 */
final class RotationTimer {
    private final KeyState state;
    private final Map<String, Deadline> deadlines = new HashMap<>();

    RotationTimer(KeyState state) {
        this.state = state;
    }

    void schedule(KmsKey k) {
        cancel(k.id);
        boolean runs = k.awsManaged() || (k.rotationEnabled && KmsKey.ENABLED.equals(k.keyState));
        if (k.nextRotation == null || !runs) {
            return;
        }
        String id = k.id;
        if (!k.nextRotation.isAfter(state.clock.now())) {
            due(id);
            return;
        }
        deadlines.put(id, state.clock.schedule(k.nextRotation, "kms rotate " + k.arn(), () -> due(id)));
    }

    void cancel(String keyId) {
        KeyState.cancel(deadlines.remove(keyId));
    }

    private void due(String id) {
        synchronized (state) {
            deadlines.remove(id);
            KmsKey k = state.keys.get(id);
            if (k == null || !KmsKey.ENABLED.equals(k.keyState) || (!k.awsManaged() && !k.rotationEnabled)) {
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

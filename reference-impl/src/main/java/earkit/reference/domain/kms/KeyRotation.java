package earkit.reference.domain.kms;

import earkit.reference.Fault;

import static earkit.reference.domain.kms.KeyStateRules.disabled;
import static earkit.reference.domain.kms.KeyStateRules.requireNotPending;

import earkit.reference.domain.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Rotation as callers ask for it: automatic rotation on and off, its status, rotation on demand, past rotations. */
public final class KeyRotation {
    private static final Duration ROTATION_CONFLICT = Duration.ofMinutes(20);

    private final KeyState state;
    private final KeyAccess access;
    private final RotationTimer timer;

    public record RotationStatus(String keyId, boolean enabled, Integer periodDays, Instant nextRotation) {
    }

    KeyRotation(KeyState state, KeyAccess access, RotationTimer timer) {
        this.state = state;
        this.access = access;
        this.timer = timer;
    }

    public void enableKeyRotation(KmsCall call, String keyId, Integer periodDays) {
        synchronized (state) {
            KmsKey k = access.authorized(call, keyId, "EnableKeyRotation");
            int period = periodDays == null ? RotationSchedule.DEFAULT_PERIOD_DAYS : periodDays;
            int scheduled = state.faults.has(Fault.ROTATION_PERIOD_IGNORED) ? RotationSchedule.DEFAULT_PERIOD_DAYS : period;
            int slack = state.faults.has(Fault.ROTATION_PERIOD_BOUNDS_OFF_BY_ONE) ? 1 : 0;
            if (period < RotationSchedule.MIN_PERIOD_DAYS - slack || period > RotationSchedule.MAX_PERIOD_DAYS + slack) {
                throw DomainException.validation("1 validation error detected: Value '" + period
                        + "' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value "
                        + (period < RotationSchedule.MIN_PERIOD_DAYS ? "greater than or equal to 90" : "less than or equal to 2560"));
            }
            rotationPrerequisites(k);
            Instant now = state.clock.now();
            if (k.rotationEnabled && k.nextRotation != null) {
                // A new period counts from the last time the schedule was set or ran.
                Instant base = k.nextRotation.minus(Duration.ofDays(k.rotationPeriodDays));
                Instant next = base.plus(Duration.ofDays(scheduled));
                k.nextRotation = next.isAfter(now) ? next : now;
            } else {
                k.nextRotation = now.plus(Duration.ofDays(scheduled));
            }
            k.rotationEnabled = true;
            k.rotationPeriodDays = period;
            state.save(k);
            timer.schedule(k);
        }
    }

    public void disableKeyRotation(KmsCall call, String keyId) {
        synchronized (state) {
            KmsKey k = access.authorized(call, keyId, "DisableKeyRotation");
            rotationPrerequisites(k);
            k.rotationEnabled = false;
            k.nextRotation = null;
            timer.cancel(k.id);
            state.save(k);
        }
    }

    private static void rotationPrerequisites(KmsKey k) {
        if (!k.symmetric()) {
            throw new DomainException("UnsupportedOperationException", k.arn() + " key spec " + k.keySpec
                    + " does not support automatic rotation.");
        }
        if (KmsKey.DISABLED.equals(k.keyState)) {
            throw disabled(k);
        }
        requireNotPending(k);
    }

    public RotationStatus rotationStatus(KmsCall call, String keyId) {
        synchronized (state) {
            KmsKey k = access.authorized(call, keyId, "GetKeyRotationStatus");
            if (k.awsManaged()) {
                return new RotationStatus(k.id, !state.faults.has(Fault.MANAGED_ROTATION_REPORTED_OFF), 365, k.nextRotation);
            }
            if (!k.rotationEnabled || KmsKey.PENDING_DELETION.equals(k.keyState)) {
                return new RotationStatus(k.id, false, null, null);
            }
            return new RotationStatus(k.id, true, k.rotationPeriodDays, k.nextRotation);
        }
    }

    public KmsKey rotateKeyOnDemand(KmsCall call, String keyId) {
        synchronized (state) {
            KmsKey k = access.authorized(call, keyId, "RotateKeyOnDemand");
            if (!k.symmetric()) {
                throw new DomainException("UnsupportedOperationException", k.arn() + " key spec " + k.keySpec
                        + " does not support on-demand rotation.");
            }
            if (KmsKey.DISABLED.equals(k.keyState)) {
                throw disabled(k);
            }
            requireNotPending(k);
            int limit = state.faults.has(Fault.ON_DEMAND_LIMIT_TEN) ? 10 : RotationSchedule.ON_DEMAND_LIMIT;
            if (k.onDemandRotations >= limit) {
                throw new DomainException("LimitExceededException", "The on-demand rotations limit has been reached for the given "
                        + "keyId. No more on-demand rotations can be performed for this key: " + k.arn());
            }
            if (k.rotationEnabled && k.nextRotation != null
                    && Duration.between(state.clock.now(), k.nextRotation).compareTo(ROTATION_CONFLICT) < 0) {
                throw new DomainException("ConflictException", "An automatic rotation of " + k.arn()
                        + " is due within 20 minutes; try again after it.");
            }
            k.onDemandRotations++;
            timer.rotate(k, "ON_DEMAND");
            if (state.faults.has(Fault.ON_DEMAND_RESETS_SCHEDULE) && k.rotationEnabled) {
                k.nextRotation = state.clock.now().plus(Duration.ofDays(k.rotationPeriodDays));
                state.save(k);
                timer.schedule(k);
            }
            return k;
        }
    }

    public List<KeyMaterial> listKeyRotations(KmsCall call, String keyId, boolean allMaterial) {
        synchronized (state) {
            KmsKey k = access.authorized(call, keyId, "ListKeyRotations");
            if (!k.symmetric()) {
                throw new DomainException("UnsupportedOperationException", k.arn() + " key spec " + k.keySpec
                        + " does not support rotation.");
            }
            return allMaterial ? List.copyOf(k.materials) : k.materials.subList(1, k.materials.size()).stream().toList();
        }
    }
}

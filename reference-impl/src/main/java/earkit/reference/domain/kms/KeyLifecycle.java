package earkit.reference.domain.kms;

import earkit.reference.Fault;

import static earkit.reference.domain.kms.KeyStateRules.invalidState;
import static earkit.reference.domain.kms.KeyStateRules.requireNotPending;

import earkit.reference.domain.DomainException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A key from creation to deletion: create, describe, list, change the description, enable, disable, schedule and cancel deletion. */
public final class KeyLifecycle {
    private final KeyState state;
    private final KeyAccess access;
    private final RotationTimer rotation;
    private final DeletionTimer deletion;

    KeyLifecycle(KeyState state, KeyAccess access, RotationTimer rotation, DeletionTimer deletion) {
        this.state = state;
        this.access = access;
        this.rotation = rotation;
        this.deletion = deletion;
    }

    public KmsKey createKey(KmsCall call, String description, String keySpec, String keyUsage,
                            String policy, boolean bypassLockout, Map<String, String> tags, String origin) {
        synchronized (state) {
            Caller c = call.caller();
            if (!c.iamAdmin() || c.serviceOnly()) {
                throw KeyAccess.identityDenied(c, "CreateKey");
            }
            if (origin != null && !origin.equals("AWS_KMS")) {
                throw new DomainException("UnsupportedOperationException",
                        "Origin " + origin + " is not supported by this KMS; only AWS_KMS key material is available.");
            }
            if (description != null && description.length() > 8192) {
                throw DomainException.validation("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192");
            }
            String spec = keySpec == null ? "SYMMETRIC_DEFAULT" : keySpec;
            String usage = keyUsage == null ? "ENCRYPT_DECRYPT" : keyUsage;
            if (!usageFits(spec, usage)) {
                throw DomainException.validation("KeyUsage " + usage + " is not compatible with KeySpec " + spec + ".");
            }
            String doc = policy == null ? KeyPolicy.defaultPolicy(c.accountId()) : policy;
            KeyPolicy parsed = KeyPolicy.parse(doc);
            if (!bypassLockout && parsed.evaluate(c, "PutKeyPolicy") != KeyPolicy.Decision.ALLOW) {
                throw KeyPolicies.lockout();
            }
            KeyTags.validate(tags);
            KmsKey k = new KmsKey();
            k.id = UUID.randomUUID().toString();
            k.accountId = c.accountId();
            k.region = call.region();
            k.creationDate = state.clock.now();
            k.description = description == null ? "" : description;
            k.keySpec = spec;
            k.keyUsage = usage;
            k.policy = doc;
            if (tags != null) {
                k.tags.putAll(tags);
            }
            if (k.symmetric()) {
                k.materials.add(state.newMaterial(null));
            }
            state.keys.put(k.id, k);
            call.touch(k);
            state.meter.keyCreated(k, state.clock.now());
            state.save(k);
            return k;
        }
    }

    private static boolean usageFits(String spec, String usage) {
        if (spec.equals("SYMMETRIC_DEFAULT")) {
            return usage.equals("ENCRYPT_DECRYPT");
        }
        if (spec.startsWith("RSA_")) {
            return usage.equals("ENCRYPT_DECRYPT") || usage.equals("SIGN_VERIFY");
        }
        if (spec.startsWith("HMAC_")) {
            return usage.equals("GENERATE_VERIFY_MAC");
        }
        if (spec.startsWith("ECC_NIST_P") || spec.equals("ECC_SECG_P256K1") || spec.equals("SM2")) {
            return usage.equals("SIGN_VERIFY") || usage.equals("KEY_AGREEMENT");
        }
        return usage.equals("SIGN_VERIFY");
    }

    public KmsKey describeKey(KmsCall call, String keyId) {
        synchronized (state) {
            KmsKey k = access.resolve(call, keyId, true);
            access.authorize(call, k, "DescribeKey", null);
            return k;
        }
    }

    public List<KmsKey> listKeys(KmsCall call) {
        synchronized (state) {
            KeyAccess.requireIam(call, "ListKeys");
            return state.keys.values().stream().filter(k -> KeyAccess.inScope(k, call)).toList();
        }
    }

    public void updateKeyDescription(KmsCall call, String keyId, String description) {
        synchronized (state) {
            KmsKey k = access.authorized(call, keyId, "UpdateKeyDescription");
            requireNotPending(k);
            k.description = description;
            state.save(k);
        }
    }

    public void enableKey(KmsCall call, String keyId) {
        synchronized (state) {
            KmsKey k = access.authorized(call, keyId, "EnableKey");
            requireNotPending(k);
            if (KmsKey.DISABLED.equals(k.keyState)) {
                k.keyState = KmsKey.ENABLED;
                rotation.resumeAfterReEnable(k);
                state.save(k);
            }
        }
    }

    public void disableKey(KmsCall call, String keyId) {
        synchronized (state) {
            KmsKey k = access.authorized(call, keyId, "DisableKey");
            requireNotPending(k);
            k.keyState = KmsKey.DISABLED;
            if (!state.faults.has(Fault.DISABLED_KEY_ROTATED)) {
                rotation.cancel(k.id);
            }
            state.save(k);
        }
    }

    public KmsKey scheduleKeyDeletion(KmsCall call, String keyId, Integer windowDays) {
        synchronized (state) {
            int days = windowDays == null ? 30 : windowDays;
            KmsKey k = access.authorized(call, keyId, "ScheduleKeyDeletion");
            if (days < 7) {
                throw DomainException.validation("1 validation error detected: Value '" + days
                        + "' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7");
            }
            if (days > 30) {
                throw DomainException.validation("1 validation error detected: Value '" + days
                        + "' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value less than or equal to 30");
            }
            requireNotPending(k);
            k.keyState = KmsKey.PENDING_DELETION;
            k.deletionDate = state.clock.now().plus(Duration.ofDays(days));
            rotation.cancel(k.id);
            state.meter.keyChanged(k, state.clock.now(), false);
            state.save(k);
            deletion.schedule(k);
            return k;
        }
    }

    public KmsKey cancelKeyDeletion(KmsCall call, String keyId) {
        synchronized (state) {
            KmsKey k = access.authorized(call, keyId, "CancelKeyDeletion");
            if (!KmsKey.PENDING_DELETION.equals(k.keyState)) {
                throw invalidState(k.arn() + " is not pending deletion");
            }
            k.keyState = KmsKey.DISABLED;
            k.deletionDate = null;
            deletion.cancel(k.id);
            state.meter.keyChanged(k, state.clock.now(), false);
            state.save(k);
            return k;
        }
    }
}

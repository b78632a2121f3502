package earkit.reference.domain.kms;

import earkit.reference.Faults;

import earkit.reference.domain.audit.AuditTrail;
import earkit.reference.storage.Storage;
import earkit.reference.time.VirtualClock;
import java.time.Instant;
import java.util.List;

/**
 * The mock AWS KMS: keys of every account and Region, their material, aliases, grants and policies,
 * authorization, the key-state rules, rotation and deletion on the virtual clock, and the
 * {@code AwsServiceEvent}s KMS emits by itself. It wires its parts over one {@link KeyState}, whose lock
 * they all share, and hands them to the service layer; it adds no behaviour of its own.
 */
public final class KeyManagement {
    public static final String DYNAMODB_ALIAS = "alias/aws/dynamodb";
    public static final String DYNAMODB_DESCRIPTION = "Default key that protects my DynamoDB data when no other key is defined";

    private final KeyState state;
    private final KeyLifecycle lifecycle;
    private final KeyRotation rotation;
    private final KeyCryptography cryptography;
    private final KeyAliases aliases;
    private final KeyGrants grants;
    private final KeyPolicies policies;
    private final KeyTags tags;

    public KeyManagement(Storage storage, VirtualClock clock, AuditTrail audit, CostMeter meter) {
        this(storage, clock, audit, meter, Faults.NONE);
    }

    public KeyManagement(Storage storage, VirtualClock clock, AuditTrail audit, CostMeter meter, Faults faults) {
        this.state = new KeyState(storage, clock, audit, meter, faults);
        RotationTimer rotationTimer = new RotationTimer(state);
        DeletionTimer deletionTimer = new DeletionTimer(state, rotationTimer);
        KeyAccess access = new KeyAccess(state, rotationTimer);
        this.lifecycle = new KeyLifecycle(state, access, rotationTimer, deletionTimer);
        this.rotation = new KeyRotation(state, access, rotationTimer);
        this.cryptography = new KeyCryptography(state, access);
        this.aliases = new KeyAliases(state, access);
        this.grants = new KeyGrants(state, access);
        this.policies = new KeyPolicies(state, access);
        this.tags = new KeyTags(state, access);
        synchronized (state) {
            // Deadlines are not persisted: derive them again from the keys' state.
            for (KmsKey k : List.copyOf(state.keys.values())) {
                if (KmsKey.PENDING_DELETION.equals(k.keyState)) {
                    deletionTimer.schedule(k);
                } else {
                    rotationTimer.schedule(k);
                }
            }
        }
    }

    public KeyLifecycle lifecycle() {
        return lifecycle;
    }

    public KeyRotation rotation() {
        return rotation;
    }

    public KeyCryptography cryptography() {
        return cryptography;
    }

    public KeyAliases aliases() {
        return aliases;
    }

    public KeyGrants grants() {
        return grants;
    }

    public KeyPolicies policies() {
        return policies;
    }

    public KeyTags tags() {
        return tags;
    }

    public Instant now() {
        return state.clock.now();
    }
}

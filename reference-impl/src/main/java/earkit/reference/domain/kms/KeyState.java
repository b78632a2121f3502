package earkit.reference.domain.kms;

import earkit.reference.Faults;

import earkit.reference.crypto.Aead;
import earkit.reference.domain.audit.AuditEvent;
import earkit.reference.domain.audit.AuditTrail;
import earkit.reference.domain.audit.CloudTrailEvents;
import earkit.reference.storage.Storage;
import earkit.reference.time.VirtualClock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the mock KMS holds: keys, aliases and grants of every account and Region, with the clock,
 * the audit and the cost meter its rules report to. It is also the one lock of the mock KMS: every
 * operation runs synchronized on it, and every change is committed to {@link Storage} before it returns.
 */
final class KeyState {
    static final String EVENT_SOURCE = "kms.amazonaws.com";

    final VirtualClock clock;
    final AuditTrail audit;
    final CostMeter meter;
    final KmsRepository repo;
    final Map<String, KmsKey> keys = new LinkedHashMap<>();
    final Map<String, Alias> aliases = new TreeMap<>();
    final Map<String, Grant> grants = new LinkedHashMap<>();

    /** Deliberate faults of the kit's self-tests; none in normal use. */
    final Faults faults;

    KeyState(Storage storage, VirtualClock clock, AuditTrail audit, CostMeter meter, Faults faults) {
        this.faults = faults;
        this.clock = clock;
        this.audit = audit;
        this.meter = meter;
        this.repo = new KmsRepository(storage);
        repo.loadKeys().forEach(k -> keys.put(k.id, k));
        repo.loadAliases().forEach(a -> aliases.put(KmsRepository.aliasKey(a.accountId(), a.region(), a.name()), a));
        repo.loadGrants().forEach(g -> grants.put(g.grantId(), g));
    }

    void save(KmsKey k) {
        repo.save(k);
        repo.commit();
    }

    KeyMaterial newMaterial(String rotationType) {
        return new KeyMaterial(HexFormat.of().formatHex(Aead.random(32)), Aead.randomKey(), clock.now(), rotationType);
    }

    /** An {@code AwsServiceEvent} KMS records by itself about a key (RotateKey, DeleteKey). */
    void recordServiceEvent(KmsKey k, String eventName) {
        var details = CloudTrailEvents.JSON.createObjectNode().put("keyId", k.id);
        audit.record(CloudTrailEvents.serviceEvent(k.accountId, k.region, clock.now(), EVENT_SOURCE, eventName,
                details, List.of(new AuditEvent.Resource("AWS::KMS::Key", k.arn()))));
    }
}

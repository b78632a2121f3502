package earkit.reference.domain.kms;

import earkit.reference.crypto.Aead;
import earkit.reference.domain.audit.AuditEvent;
import earkit.reference.domain.audit.AuditTrail;
import earkit.reference.domain.audit.CloudTrailEvents;
import earkit.reference.domain.DomainException;
import earkit.reference.storage.Storage;
import earkit.reference.time.Deadline;
import earkit.reference.time.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.kms.model.GrantOperation;

/**
 * The mock AWS KMS: keys of every account and Region, their material, aliases, grants and policies,
 * authorization, the key-state rules, rotation and deletion on the virtual clock, and the
 * {@code AwsServiceEvent}s KMS emits by itself. One lock guards all of it; every change is committed
 * to {@link Storage} before the call returns.
 */
public final class KeyManagement {
    public static final String DYNAMODB_ALIAS = "alias/aws/dynamodb";
    public static final String DYNAMODB_DESCRIPTION = "Default key that protects my DynamoDB data when no other key is defined";
    static final String EVENT_SOURCE = "kms.amazonaws.com";
    private static final Set<String> CRYPTO = Set.of("Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo",
            "GenerateDataKey", "GenerateDataKeyWithoutPlaintext");
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern KEY_ARN = Pattern.compile("arn:aws:kms:([a-z0-9-]+):(\\d{12}):key/(.*)");
    private static final Pattern ALIAS_ARN = Pattern.compile("arn:aws:kms:([a-z0-9-]+):(\\d{12}):(alias/.*)");
    private static final Pattern ALIAS_NAME = Pattern.compile("^[a-zA-Z0-9:/_-]+$");
    private static final Duration ROTATION_CONFLICT = Duration.ofMinutes(20);

    private final VirtualClock clock;
    private final AuditTrail audit;
    private final CostMeter meter;
    private final KmsRepository repo;
    private final Map<String, KmsKey> keys = new LinkedHashMap<>();
    private final Map<String, Alias> aliases = new TreeMap<>();
    private final Map<String, Grant> grants = new LinkedHashMap<>();
    private final Map<String, Deadline> rotationDeadlines = new HashMap<>();
    private final Map<String, Deadline> deletionDeadlines = new HashMap<>();

    /** Results of the cryptographic operations. */
    public record Encrypted(KmsKey key, String materialId, byte[] ciphertext) {
    }

    public record Decrypted(KmsKey key, String materialId, byte[] plaintext) {
    }

    public record DataKey(KmsKey key, String materialId, byte[] plaintext, byte[] ciphertext) {
    }

    public record ReEncrypted(KmsKey source, String sourceMaterialId, KmsKey destination, String destinationMaterialId,
                              byte[] ciphertext) {
    }

    public record RotationStatus(String keyId, boolean enabled, Integer periodDays, Instant nextRotation) {
    }

    public record GrantIssued(String grantId, String grantToken) {
    }

    public KeyManagement(Storage storage, VirtualClock clock, AuditTrail audit, CostMeter meter) {
        this.clock = clock;
        this.audit = audit;
        this.meter = meter;
        this.repo = new KmsRepository(storage);
        synchronized (this) {
            repo.loadKeys().forEach(k -> keys.put(k.id, k));
            repo.loadAliases().forEach(a -> aliases.put(KmsRepository.aliasKey(a.accountId(), a.region(), a.name()), a));
            repo.loadGrants().forEach(g -> grants.put(g.grantId(), g));
            // Deadlines are not persisted: derive them again from the keys' state.
            for (KmsKey k : List.copyOf(keys.values())) {
                if (KmsKey.PENDING_DELETION.equals(k.keyState)) {
                    scheduleDeletion(k);
                } else {
                    scheduleRotation(k);
                }
            }
        }
    }

    // ---------------------------------------------------------------- keys

    public synchronized KmsKey createKey(KmsCall call, String description, String keySpec, String keyUsage,
                                         String policy, boolean bypassLockout, Map<String, String> tags, String origin) {
        Caller c = call.caller();
        if (!c.iamAdmin() || c.serviceOnly()) {
            throw identityDenied(c, "CreateKey");
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
            throw lockout();
        }
        validateTags(tags);
        KmsKey k = new KmsKey();
        k.id = UUID.randomUUID().toString();
        k.accountId = c.accountId();
        k.region = call.region();
        k.creationDate = clock.now();
        k.description = description == null ? "" : description;
        k.keySpec = spec;
        k.keyUsage = usage;
        k.policy = doc;
        if (tags != null) {
            k.tags.putAll(tags);
        }
        if (k.symmetric()) {
            k.materials.add(newMaterial(null));
        }
        keys.put(k.id, k);
        call.touch(k);
        meter.keyCreated(k, clock.now());
        save(k);
        return k;
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

    public synchronized KmsKey describeKey(KmsCall call, String keyId) {
        KmsKey k = resolve(call, keyId, true);
        authorize(call, k, "DescribeKey", null);
        return k;
    }

    public synchronized List<KmsKey> listKeys(KmsCall call) {
        requireIam(call, "ListKeys");
        return keys.values().stream().filter(k -> inScope(k, call)).toList();
    }

    public synchronized void updateKeyDescription(KmsCall call, String keyId, String description) {
        KmsKey k = manageable(call, keyId, "UpdateKeyDescription");
        requireNotPending(k);
        k.description = description;
        save(k);
    }

    public synchronized void enableKey(KmsCall call, String keyId) {
        KmsKey k = manageable(call, keyId, "EnableKey");
        requireNotPending(k);
        if (KmsKey.DISABLED.equals(k.keyState)) {
            k.keyState = KmsKey.ENABLED;
            resumeRotationAfterReEnable(k);
            save(k);
        }
    }

    public synchronized void disableKey(KmsCall call, String keyId) {
        KmsKey k = manageable(call, keyId, "DisableKey");
        requireNotPending(k);
        k.keyState = KmsKey.DISABLED;
        cancel(rotationDeadlines.remove(k.id));
        save(k);
    }

    public synchronized KmsKey scheduleKeyDeletion(KmsCall call, String keyId, Integer windowDays) {
        int days = windowDays == null ? 30 : windowDays;
        KmsKey k = manageable(call, keyId, "ScheduleKeyDeletion");
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
        k.deletionDate = clock.now().plus(Duration.ofDays(days));
        cancel(rotationDeadlines.remove(k.id));
        meter.keyChanged(k, clock.now(), false);
        save(k);
        scheduleDeletion(k);
        return k;
    }

    public synchronized KmsKey cancelKeyDeletion(KmsCall call, String keyId) {
        KmsKey k = manageable(call, keyId, "CancelKeyDeletion");
        if (!KmsKey.PENDING_DELETION.equals(k.keyState)) {
            throw invalidState(k.arn() + " is not pending deletion");
        }
        k.keyState = KmsKey.DISABLED;
        k.deletionDate = null;
        cancel(deletionDeadlines.remove(k.id));
        meter.keyChanged(k, clock.now(), false);
        save(k);
        return k;
    }

    // ---------------------------------------------------------------- rotation

    public synchronized void enableKeyRotation(KmsCall call, String keyId, Integer periodDays) {
        KmsKey k = manageable(call, keyId, "EnableKeyRotation");
        int period = periodDays == null ? RotationSchedule.DEFAULT_PERIOD_DAYS : periodDays;
        if (period < RotationSchedule.MIN_PERIOD_DAYS || period > RotationSchedule.MAX_PERIOD_DAYS) {
            throw DomainException.validation("1 validation error detected: Value '" + period
                    + "' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value "
                    + (period < RotationSchedule.MIN_PERIOD_DAYS ? "greater than or equal to 90" : "less than or equal to 2560"));
        }
        rotationPrerequisites(k);
        Instant now = clock.now();
        if (k.rotationEnabled && k.nextRotation != null) {
            // A new period counts from the last time the schedule was set or ran.
            Instant base = k.nextRotation.minus(Duration.ofDays(k.rotationPeriodDays));
            Instant next = base.plus(Duration.ofDays(period));
            k.nextRotation = next.isAfter(now) ? next : now;
        } else {
            k.nextRotation = now.plus(Duration.ofDays(period));
        }
        k.rotationEnabled = true;
        k.rotationPeriodDays = period;
        save(k);
        scheduleRotation(k);
    }

    public synchronized void disableKeyRotation(KmsCall call, String keyId) {
        KmsKey k = manageable(call, keyId, "DisableKeyRotation");
        rotationPrerequisites(k);
        k.rotationEnabled = false;
        k.nextRotation = null;
        cancel(rotationDeadlines.remove(k.id));
        save(k);
    }

    private void rotationPrerequisites(KmsKey k) {
        if (!k.symmetric()) {
            throw new DomainException("UnsupportedOperationException", k.arn() + " key spec " + k.keySpec
                    + " does not support automatic rotation.");
        }
        if (KmsKey.DISABLED.equals(k.keyState)) {
            throw disabled(k);
        }
        requireNotPending(k);
    }

    public synchronized RotationStatus rotationStatus(KmsCall call, String keyId) {
        KmsKey k = resolve(call, keyId, false);
        authorize(call, k, "GetKeyRotationStatus", null);
        if (k.awsManaged()) {
            return new RotationStatus(k.id, true, 365, k.nextRotation);
        }
        if (!k.rotationEnabled || KmsKey.PENDING_DELETION.equals(k.keyState)) {
            return new RotationStatus(k.id, false, null, null);
        }
        return new RotationStatus(k.id, true, k.rotationPeriodDays, k.nextRotation);
    }

    public synchronized KmsKey rotateKeyOnDemand(KmsCall call, String keyId) {
        KmsKey k = manageable(call, keyId, "RotateKeyOnDemand");
        if (!k.symmetric()) {
            throw new DomainException("UnsupportedOperationException", k.arn() + " key spec " + k.keySpec
                    + " does not support on-demand rotation.");
        }
        if (KmsKey.DISABLED.equals(k.keyState)) {
            throw disabled(k);
        }
        requireNotPending(k);
        if (k.onDemandRotations >= RotationSchedule.ON_DEMAND_LIMIT) {
            throw new DomainException("LimitExceededException", "The on-demand rotations limit has been reached for the given "
                    + "keyId. No more on-demand rotations can be performed for this key: " + k.arn());
        }
        if (k.rotationEnabled && k.nextRotation != null
                && Duration.between(clock.now(), k.nextRotation).compareTo(ROTATION_CONFLICT) < 0) {
            throw new DomainException("ConflictException", "An automatic rotation of " + k.arn()
                    + " is due within 20 minutes; try again after it.");
        }
        k.onDemandRotations++;
        rotate(k, "ON_DEMAND");
        return k;
    }

    public synchronized List<KeyMaterial> listKeyRotations(KmsCall call, String keyId, boolean allMaterial) {
        KmsKey k = resolve(call, keyId, false);
        authorize(call, k, "ListKeyRotations", null);
        if (!k.symmetric()) {
            throw new DomainException("UnsupportedOperationException", k.arn() + " key spec " + k.keySpec
                    + " does not support rotation.");
        }
        return allMaterial ? List.copyOf(k.materials) : k.materials.subList(1, k.materials.size()).stream().toList();
    }

    private void rotate(KmsKey k, String type) {
        k.materials.add(newMaterial(type));
        meter.keyChanged(k, clock.now(), false);
        save(k);
        var details = CloudTrailEvents.JSON.createObjectNode().put("keyId", k.id);
        audit.record(CloudTrailEvents.serviceEvent(k.accountId, k.region, clock.now(), EVENT_SOURCE, "RotateKey",
                details, List.of(new AuditEvent.Resource("AWS::KMS::Key", k.arn()))));
    }

    private KeyMaterial newMaterial(String rotationType) {
        return new KeyMaterial(HexFormat.of().formatHex(Aead.random(32)), Aead.randomKey(), clock.now(), rotationType);
    }

    private void scheduleRotation(KmsKey k) {
        cancel(rotationDeadlines.remove(k.id));
        boolean runs = k.awsManaged() || (k.rotationEnabled && KmsKey.ENABLED.equals(k.keyState));
        if (k.nextRotation == null || !runs) {
            return;
        }
        String id = k.id;
        if (!k.nextRotation.isAfter(clock.now())) {
            rotationDue(id);
            return;
        }
        rotationDeadlines.put(id, clock.schedule(k.nextRotation, "kms rotate " + k.arn(), () -> rotationDue(id)));
    }

    private synchronized void rotationDue(String id) {
        rotationDeadlines.remove(id);
        KmsKey k = keys.get(id);
        if (k == null || !KmsKey.ENABLED.equals(k.keyState) || (!k.awsManaged() && !k.rotationEnabled)) {
            return; // a disabled key is not rotated; EnableKey applies the re-enable rule
        }
        Instant now = clock.now();
        rotate(k, "AUTOMATIC");
        k.nextRotation = k.awsManaged() ? RotationSchedule.nextManaged(now) : now.plus(Duration.ofDays(k.rotationPeriodDays));
        save(k);
        scheduleRotation(k);
    }

    /** Re-enabled: rotate now if the material is over a year old and a rotation was missed, else resume the schedule. */
    private void resumeRotationAfterReEnable(KmsKey k) {
        if (!k.rotationEnabled || k.nextRotation == null) {
            return;
        }
        Instant now = clock.now();
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
        scheduleRotation(k);
    }

    // ---------------------------------------------------------------- deletion

    private void scheduleDeletion(KmsKey k) {
        cancel(deletionDeadlines.remove(k.id));
        String id = k.id;
        if (!k.deletionDate.isAfter(clock.now())) {
            deletionDue(id);
            return;
        }
        deletionDeadlines.put(id, clock.schedule(k.deletionDate, "kms delete " + k.arn(), () -> deletionDue(id)));
    }

    private synchronized void deletionDue(String id) {
        deletionDeadlines.remove(id);
        KmsKey k = keys.get(id);
        if (k == null || !KmsKey.PENDING_DELETION.equals(k.keyState)) {
            return;
        }
        aliases.values().removeIf(a -> {
            boolean hit = a.targetKeyId().equals(k.id) && a.accountId().equals(k.accountId);
            if (hit) {
                repo.remove(a);
            }
            return hit;
        });
        grants.values().removeIf(g -> {
            boolean hit = g.keyId().equals(k.id);
            if (hit) {
                repo.remove(g);
            }
            return hit;
        });
        keys.remove(id);
        cancel(rotationDeadlines.remove(id));
        repo.delete(k);
        repo.commit();
        meter.keyChanged(k, clock.now(), true);
        var details = CloudTrailEvents.JSON.createObjectNode().put("keyId", k.id);
        audit.record(CloudTrailEvents.serviceEvent(k.accountId, k.region, clock.now(), EVENT_SOURCE, "DeleteKey",
                details, List.of(new AuditEvent.Resource("AWS::KMS::Key", k.arn()))));
    }

    // ---------------------------------------------------------------- cryptography

    public synchronized Encrypted encrypt(KmsCall call, String keyId, byte[] plaintext, Map<String, String> context) {
        checkPlaintext(plaintext);
        KmsKey k = resolve(call, keyId, true);
        authorize(call, k, "Encrypt", context);
        requireUsable(k, "Encrypt");
        KeyMaterial m = k.currentMaterial();
        return new Encrypted(k, m.id(), CiphertextBlob.seal(k.arn(), m, plaintext, context).bytes());
    }

    public synchronized DataKey generateDataKey(KmsCall call, String keyId, Integer numberOfBytes, String keySpec,
                                                Map<String, String> context, String operation) {
        if ((numberOfBytes == null) == (keySpec == null)) {
            throw DomainException.validation("Please specify either number of bytes or key spec.");
        }
        int n;
        if (numberOfBytes != null) {
            if (numberOfBytes < 1 || numberOfBytes > 1024) {
                throw DomainException.validation("1 validation error detected: Value '" + numberOfBytes
                        + "' at 'numberOfBytes' failed to satisfy constraint: Member must have value "
                        + (numberOfBytes < 1 ? "greater than or equal to 1" : "less than or equal to 1024"));
            }
            n = numberOfBytes;
        } else if (keySpec.equals("AES_256")) {
            n = 32;
        } else if (keySpec.equals("AES_128")) {
            n = 16;
        } else {
            throw DomainException.validation("1 validation error detected: Value '" + keySpec
                    + "' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]");
        }
        KmsKey k = resolve(call, keyId, true);
        authorize(call, k, operation, context);
        requireUsable(k, operation);
        KeyMaterial m = k.currentMaterial();
        byte[] plaintext = Aead.random(n);
        return new DataKey(k, m.id(), plaintext, CiphertextBlob.seal(k.arn(), m, plaintext, context).bytes());
    }

    public synchronized Decrypted decrypt(KmsCall call, byte[] blob, Map<String, String> context, String keyId) {
        CiphertextBlob parsed = CiphertextBlob.parse(blob);
        KmsKey k = keyOfBlob(call, parsed);
        if (keyId != null) {
            KmsKey named = resolve(call, keyId, true);
            if (named != k) {
                throw new DomainException("IncorrectKeyException",
                        "The key ID in the request does not identify a CMK that can perform this operation.");
            }
        }
        authorize(call, k, "Decrypt", context);
        requireUsable(k, "Decrypt");
        KeyMaterial m = k.material(parsed.materialId());
        if (m == null) {
            throw CiphertextBlob.invalid();
        }
        return new Decrypted(k, m.id(), parsed.open(m, context));
    }

    public synchronized ReEncrypted reEncrypt(KmsCall call, byte[] blob, Map<String, String> sourceContext,
                                              String sourceKeyId, String destinationKeyId,
                                              Map<String, String> destinationContext) {
        CiphertextBlob parsed = CiphertextBlob.parse(blob);
        KmsKey src = keyOfBlob(call, parsed);
        if (sourceKeyId != null && resolve(call, sourceKeyId, true) != src) {
            throw new DomainException("IncorrectKeyException",
                    "The key ID in the request does not identify a CMK that can perform this operation.");
        }
        KmsKey dst = resolve(call, destinationKeyId, true);
        authorize(call, src, "ReEncryptFrom", sourceContext);
        authorize(call, dst, "ReEncryptTo", destinationContext);
        requireUsable(src, "ReEncrypt");
        requireUsable(dst, "ReEncrypt");
        KeyMaterial sm = src.material(parsed.materialId());
        if (sm == null) {
            throw CiphertextBlob.invalid();
        }
        byte[] plaintext = parsed.open(sm, sourceContext);
        KeyMaterial dm = dst.currentMaterial();
        return new ReEncrypted(src, sm.id(), dst, dm.id(), CiphertextBlob.seal(dst.arn(), dm, plaintext, destinationContext).bytes());
    }

    private KmsKey keyOfBlob(KmsCall call, CiphertextBlob parsed) {
        Matcher m = KEY_ARN.matcher(parsed.keyArn());
        if (!m.matches()) {
            throw CiphertextBlob.invalid();
        }
        KmsKey k = keys.get(m.group(3));
        if (k == null || !k.arn().equals(parsed.keyArn())) {
            if (repo.wasDeleted(parsed.keyArn())) {
                throw new DomainException("NotFoundException", "Key '" + parsed.keyArn() + "' does not exist");
            }
            throw CiphertextBlob.invalid();
        }
        if (!k.region.equals(call.region())) {
            throw CiphertextBlob.invalid();
        }
        call.touch(k);
        return k;
    }

    private static void checkPlaintext(byte[] plaintext) {
        if (plaintext.length > 4096) {
            throw DomainException.validation("1 validation error detected: Value at 'plaintext' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 4096");
        }
        if (plaintext.length == 0) {
            throw DomainException.validation("1 validation error detected: Value at 'plaintext' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 1");
        }
    }

    private static void requireUsable(KmsKey k, String operation) {
        if (KmsKey.DISABLED.equals(k.keyState)) {
            throw disabled(k);
        }
        requireNotPending(k);
        if (!k.keyUsage.equals("ENCRYPT_DECRYPT")) {
            throw new DomainException("InvalidKeyUsageException", k.arn() + " key usage is " + k.keyUsage
                    + " which is not valid for " + operation + ".");
        }
        if (!k.symmetric()) {
            throw new DomainException("UnsupportedOperationException", k.arn() + " key spec " + k.keySpec
                    + " is not valid for " + operation + " in this KMS (asymmetric cryptography is not provided).");
        }
    }

    // ---------------------------------------------------------------- aliases

    public synchronized void createAlias(KmsCall call, String aliasName, String targetKeyId) {
        validateAliasName(aliasName);
        KmsKey k = manageable(call, targetKeyId, "CreateAlias");
        requireIam(call, "CreateAlias");
        String key = KmsRepository.aliasKey(call.caller().accountId(), call.region(), aliasName);
        if (aliases.containsKey(key)) {
            throw new DomainException("AlreadyExistsException", "An alias with the name " + aliasArn(call, aliasName)
                    + " already exists");
        }
        requireNotPending(k);
        Alias a = new Alias(aliasName, k.accountId, k.region, k.id, clock.now(), clock.now());
        aliases.put(key, a);
        repo.save(a);
        repo.commit();
    }

    public synchronized void updateAlias(KmsCall call, String aliasName, String targetKeyId) {
        validateAliasName(aliasName);
        Alias a = alias(call, aliasName);
        KmsKey k = manageable(call, targetKeyId, "UpdateAlias");
        requireIam(call, "UpdateAlias");
        requireNotPending(k);
        Alias updated = a.retarget(k.id, clock.now());
        aliases.put(KmsRepository.aliasKey(a.accountId(), a.region(), a.name()), updated);
        repo.save(updated);
        repo.commit();
    }

    public synchronized void deleteAlias(KmsCall call, String aliasName) {
        validateAliasName(aliasName);
        Alias a = alias(call, aliasName);
        KmsKey k = keys.get(a.targetKeyId());
        if (k != null) {
            call.touch(k);
            authorize(call, k, "DeleteAlias", null);
        }
        requireIam(call, "DeleteAlias");
        aliases.remove(KmsRepository.aliasKey(a.accountId(), a.region(), a.name()));
        repo.remove(a);
        repo.commit();
    }

    /** Aliases of the caller's account and Region, with the predefined {@code alias/aws/dynamodb} (no target until created). */
    public synchronized List<Alias> listAliases(KmsCall call, String keyId) {
        requireIam(call, "ListAliases");
        String account = call.caller().accountId();
        List<Alias> out = new ArrayList<>();
        String filter = null;
        if (keyId != null) {
            KmsKey k = resolve(call, keyId, false);
            filter = k.id;
        }
        boolean managedExists = false;
        for (Alias a : aliases.values()) {
            if (a.accountId().equals(account) && a.region().equals(call.region())
                    && (filter == null || filter.equals(a.targetKeyId()))) {
                out.add(a);
            }
            managedExists |= a.name().equals(DYNAMODB_ALIAS) && a.accountId().equals(account) && a.region().equals(call.region());
        }
        if (!managedExists && filter == null) {
            out.add(new Alias(DYNAMODB_ALIAS, account, call.region(), null, null, null));
        }
        out.sort(Comparator.comparing(Alias::name));
        return out;
    }

    private static void validateAliasName(String name) {
        if (!name.startsWith("alias/")) {
            throw DomainException.validation("Alias must start with the prefix \"alias/\". Please see "
                    + "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
        }
        if (name.length() > 256 || !ALIAS_NAME.matcher(name).matches()) {
            throw DomainException.validation("1 validation error detected: Value '" + name + "' at 'aliasName' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
        }
        if (name.startsWith("alias/aws/")) {
            throw new DomainException("InvalidAliasNameException", "Alias name " + name
                    + " is not valid: the prefix alias/aws/ is reserved for AWS managed keys.");
        }
    }

    private Alias alias(KmsCall call, String name) {
        Alias a = aliases.get(KmsRepository.aliasKey(call.caller().accountId(), call.region(), name));
        if (a == null) {
            throw new DomainException("NotFoundException", "Alias " + aliasArn(call, name) + " is not found.");
        }
        return a;
    }

    private static String aliasArn(KmsCall call, String name) {
        return "arn:aws:kms:" + call.region() + ":" + call.caller().accountId() + ":" + name;
    }

    // ---------------------------------------------------------------- grants

    public synchronized GrantIssued createGrant(KmsCall call, String keyId, String grantee, List<String> operations,
                                                String retiring, Map<String, String> subset, Map<String, String> equals,
                                                String name, boolean dryRun) {
        if (operations.isEmpty()) {
            throw DomainException.validation("1 validation error detected: Value '[]' at 'operations' failed to satisfy "
                    + "constraint: Member must have length greater than or equal to 1");
        }
        for (String op : operations) {
            if (GrantOperation.fromValue(op) == GrantOperation.UNKNOWN_TO_SDK_VERSION) {
                throw DomainException.validation("1 validation error detected: Value '" + operations + "' at 'operations' "
                        + "failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: "
                        + GrantOperation.knownValues() + "]");
            }
        }
        KmsKey k = resolve(call, keyId, false);
        authorize(call, k, "CreateGrant", null);
        requireUsable(k, "CreateGrant");
        if (dryRun) {
            throw dryRunSucceeded();
        }
        for (Grant g : grants.values()) {
            if (name != null && name.equals(g.name()) && g.keyId().equals(k.id) && g.granteePrincipal().equals(grantee)
                    && g.operations().equals(operations) && java.util.Objects.equals(g.retiringPrincipal(), retiring)
                    && java.util.Objects.equals(g.encryptionContextSubset(), subset)
                    && java.util.Objects.equals(g.encryptionContextEquals(), equals)) {
                return new GrantIssued(g.grantId(), token(g.grantId()));
            }
        }
        String grantId = HexFormat.of().formatHex(Aead.random(32));
        Grant g = new Grant(grantId, k.id, k.accountId, k.region, name, grantee, retiring, k.accountId,
                List.copyOf(operations), subset, equals, clock.now());
        grants.put(grantId, g);
        repo.save(g);
        repo.commit();
        return new GrantIssued(grantId, token(grantId));
    }

    public synchronized List<Grant> listGrants(KmsCall call, String keyId, String grantId, String grantee) {
        KmsKey k = resolve(call, keyId, false);
        authorize(call, k, "ListGrants", null);
        return grants.values().stream().filter(g -> g.keyId().equals(k.id))
                .filter(g -> grantId == null || grantId.equals(g.grantId()))
                .filter(g -> grantee == null || grantee.equals(g.granteePrincipal())).toList();
    }

    public synchronized List<Grant> listRetirableGrants(KmsCall call, String retiringPrincipal) {
        requireIam(call, "ListRetirableGrants");
        return grants.values().stream().filter(g -> retiringPrincipal.equals(g.retiringPrincipal())
                && g.region().equals(call.region())).toList();
    }

    public synchronized Grant retireGrant(KmsCall call, String grantToken, String keyId, String grantId, boolean dryRun) {
        Grant g;
        if (grantToken != null) {
            g = grants.get(grantIdOf(grantToken));
            if (g == null) {
                throw new DomainException("InvalidGrantTokenException", "Grant token is not valid or refers to a retired grant.");
            }
        } else if (keyId != null && grantId != null) {
            KmsKey k = resolve(call, keyId, false);
            g = grants.get(grantId);
            if (g == null || !g.keyId().equals(k.id)) {
                throw new DomainException("NotFoundException", "Grant ID " + grantId + " not found");
            }
        } else {
            throw DomainException.validation("Either a grant token or a key ID and a grant ID are required.");
        }
        KmsKey k = keys.get(g.keyId());
        if (k != null) {
            call.touch(k);
        }
        Caller c = call.caller();
        boolean allowed;
        if (c.throughService()) {
            Set<String> service = servicePrincipals(call);
            allowed = service.contains(g.retiringPrincipal())
                    || (service.contains(g.granteePrincipal()) && g.operations().contains("RetireGrant"));
        } else {
            allowed = c.arn().equals(g.retiringPrincipal())
                    || (c.arn().equals(g.granteePrincipal()) && g.operations().contains("RetireGrant"))
                    || (c.iamAdmin() && c.accountId().equals(g.accountId()));
        }
        if (!allowed) {
            throw denied(c, "RetireGrant", k == null ? "*" : k.arn(), false);
        }
        if (dryRun) {
            throw dryRunSucceeded();
        }
        remove(g);
        return g;
    }

    public synchronized void revokeGrant(KmsCall call, String keyId, String grantId, boolean dryRun) {
        KmsKey k = resolve(call, keyId, false);
        authorize(call, k, "RevokeGrant", null);
        Grant g = grants.get(grantId);
        if (g == null || !g.keyId().equals(k.id)) {
            throw new DomainException("NotFoundException", "Grant ID " + grantId + " not found");
        }
        if (dryRun) {
            throw dryRunSucceeded();
        }
        remove(g);
    }

    /** What a call with {@code DryRun} answers once every check has passed. */
    public static DomainException dryRunSucceeded() {
        return new DomainException("DryRunOperationException", "The request would have succeeded, but the DryRun option is set.");
    }

    private void remove(Grant g) {
        grants.remove(g.grantId());
        repo.remove(g);
        repo.commit();
    }

    private static String token(String grantId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (grantId + ":" + HexFormat.of().formatHex(Aead.random(16))).getBytes(StandardCharsets.UTF_8));
    }

    private static String grantIdOf(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = s.indexOf(':');
            return colon == 64 ? s.substring(0, colon) : "";
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    // ---------------------------------------------------------------- policy and tags

    public synchronized String getKeyPolicy(KmsCall call, String keyId, String policyName) {
        KmsKey k = resolve(call, keyId, false);
        authorize(call, k, "GetKeyPolicy", null);
        requirePolicyName(policyName);
        return k.policy;
    }

    public synchronized void putKeyPolicy(KmsCall call, String keyId, String policyName, String policy, boolean bypass) {
        KmsKey k = manageable(call, keyId, "PutKeyPolicy");
        requirePolicyName(policyName);
        KeyPolicy parsed = KeyPolicy.parse(policy);
        if (!bypass && parsed.evaluate(call.caller(), "PutKeyPolicy") != KeyPolicy.Decision.ALLOW) {
            throw lockout();
        }
        k.policy = policy;
        save(k);
    }

    public synchronized List<String> listKeyPolicies(KmsCall call, String keyId) {
        KmsKey k = resolve(call, keyId, false);
        authorize(call, k, "ListKeyPolicies", null);
        return List.of("default");
    }

    private static void requirePolicyName(String name) {
        if (name != null && !name.equals("default")) {
            throw new DomainException("NotFoundException", "No such policy exists: " + name);
        }
    }

    private static DomainException lockout() {
        return new DomainException("MalformedPolicyDocumentException", "The new key policy will not allow you to update "
                + "the key policy in the future.");
    }

    public synchronized void tagResource(KmsCall call, String keyId, Map<String, String> tags) {
        KmsKey k = manageable(call, keyId, "TagResource");
        requireNotPending(k);
        validateTags(tags);
        if (k.tags.size() + tags.keySet().stream().filter(t -> !k.tags.containsKey(t)).count() > 50) {
            throw new DomainException("TagException", "Too many tags");
        }
        k.tags.putAll(tags);
        save(k);
    }

    public synchronized void untagResource(KmsCall call, String keyId, List<String> tagKeys) {
        KmsKey k = manageable(call, keyId, "UntagResource");
        requireNotPending(k);
        tagKeys.forEach(k.tags::remove);
        save(k);
    }

    public synchronized Map<String, String> listResourceTags(KmsCall call, String keyId) {
        KmsKey k = resolve(call, keyId, false);
        authorize(call, k, "ListResourceTags", null);
        return new TreeMap<>(k.tags);
    }

    /** Tags as a map; duplicates were detected by the caller while building it. */
    private static void validateTags(Map<String, String> tags) {
        if (tags == null) {
            return;
        }
        if (tags.size() > 50) {
            throw new DomainException("TagException", "Too many tags");
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            if (t.getKey().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw new DomainException("TagException", "Tags beginning with aws: are reserved");
            }
            if (t.getKey().isEmpty() || t.getKey().length() > 128 || t.getValue().length() > 256) {
                throw DomainException.validation("1 validation error detected: a tag key must have 1-128 characters and a tag value 0-256");
            }
        }
    }

    // ---------------------------------------------------------------- resolution and authorization

    /** The key named by id, ARN, alias name or alias ARN (the last two only where {@code aliasAllowed}). */
    private KmsKey resolve(KmsCall call, String keyId, boolean aliasAllowed) {
        String account = call.caller().accountId();
        String region = call.region();
        String id = keyId;
        Matcher m;
        if ((m = KEY_ARN.matcher(keyId)).matches()) {
            if (!m.group(1).equals(region)) {
                throw new DomainException("NotFoundException", "Invalid arn " + m.group(1));
            }
            account = m.group(2);
            id = m.group(3);
        } else if ((m = ALIAS_ARN.matcher(keyId)).matches() && aliasAllowed) {
            if (!m.group(1).equals(region)) {
                throw new DomainException("NotFoundException", "Invalid arn " + m.group(1));
            }
            return byAlias(call, m.group(2), m.group(3));
        } else if (keyId.startsWith("alias/") && aliasAllowed) {
            return byAlias(call, account, keyId);
        }
        if (!KEY_ID.matcher(id).matches()) {
            throw new DomainException("NotFoundException", "Invalid keyId '" + keyId + "'");
        }
        KmsKey k = keys.get(id);
        if (k == null || !k.accountId.equals(account) || !k.region.equals(region)) {
            throw new DomainException("NotFoundException", "Key '" + KmsKey.arn(region, account, id) + "' does not exist");
        }
        call.touch(k);
        return k;
    }

    private KmsKey byAlias(KmsCall call, String account, String name) {
        Alias a = aliases.get(KmsRepository.aliasKey(account, call.region(), name));
        KmsKey k;
        if (a == null && name.equals(DYNAMODB_ALIAS)) {
            k = createManagedKey(account, call.region());
        } else if (a == null || a.targetKeyId() == null || (k = keys.get(a.targetKeyId())) == null) {
            throw new DomainException("NotFoundException", "Alias arn:aws:kms:" + call.region() + ":" + account + ":" + name
                    + " is not found.");
        }
        call.touch(k);
        return k;
    }

    /** Creates {@code aws/dynamodb} of an account and Region, as KMS does on first use of the alias. */
    private KmsKey createManagedKey(String account, String region) {
        KmsKey k = new KmsKey();
        k.id = UUID.randomUUID().toString();
        k.accountId = account;
        k.region = region;
        k.creationDate = clock.now();
        k.description = DYNAMODB_DESCRIPTION;
        k.keyManager = KmsKey.AWS;
        k.policy = KeyPolicy.dynamoDbManagedPolicy(account);
        k.materials.add(newMaterial(null));
        k.rotationEnabled = true;
        k.rotationPeriodDays = 365;
        k.nextRotation = RotationSchedule.nextManaged(k.creationDate);
        keys.put(k.id, k);
        Alias a = new Alias(DYNAMODB_ALIAS, account, region, k.id, clock.now(), clock.now());
        aliases.put(KmsRepository.aliasKey(account, region, DYNAMODB_ALIAS), a);
        repo.save(a);
        meter.keyCreated(k, clock.now());
        save(k);
        scheduleRotation(k);
        return k;
    }

    /** Resolves a key for a management call (key id or ARN only) and authorizes the action. */
    private KmsKey manageable(KmsCall call, String keyId, String action) {
        KmsKey k = resolve(call, keyId, false);
        authorize(call, k, action, null);
        return k;
    }

    /**
     * Key policy, IAM (through the account root) and grants. When DynamoDB calls, a cryptographic
     * operation on a customer managed key needs DynamoDB's own grant; everything else is judged by the
     * permissions of the principal DynamoDB acts for, with {@code kms:ViaService} set.
     */
    private void authorize(KmsCall call, KmsKey k, String action, Map<String, String> context) {
        Caller c = call.caller();
        boolean crypto = CRYPTO.contains(action);
        if (c.throughService() && crypto && !k.awsManaged()) {
            // DynamoDB's grant suffices, but an explicit deny for the principal it acts for still applies.
            if (KeyPolicy.parse(k.policy).evaluate(c, action) == KeyPolicy.Decision.EXPLICIT_DENY) {
                throw denied(c, action, k.arn(), true);
            }
            if (!serviceGrant(call, k, action, context)) {
                throw denied(c, action, k.arn(), false);
            }
            return;
        }
        KeyPolicy.Decision d = KeyPolicy.parse(k.policy).evaluate(c, action);
        if (d == KeyPolicy.Decision.EXPLICIT_DENY) {
            throw denied(c, action, k.arn(), true);
        }
        if (d == KeyPolicy.Decision.ALLOW) {
            return;
        }
        boolean granted = c.serviceOnly() ? serviceGrant(call, k, action, context)
                : grants.values().stream().anyMatch(g -> g.keyId().equals(k.id) && g.granteePrincipal().equals(c.arn())
                && g.allows(action, context));
        if (!granted) {
            throw denied(c, action, k.arn(), false);
        }
    }

    private boolean serviceGrant(KmsCall call, KmsKey k, String action, Map<String, String> context) {
        Set<String> service = servicePrincipals(call);
        return grants.values().stream().anyMatch(g -> g.keyId().equals(k.id)
                && service.contains(g.granteePrincipal()) && g.allows(action, context));
    }

    private static Set<String> servicePrincipals(KmsCall call) {
        return Set.of("dynamodb." + call.region() + ".amazonaws.com", Caller.SERVICE_PRINCIPAL);
    }

    private static void requireIam(KmsCall call, String action) {
        if (!call.caller().iamAdmin() || call.caller().serviceOnly()) {
            throw identityDenied(call.caller(), action);
        }
    }

    private static DomainException denied(Caller c, String action, String resource, boolean explicit) {
        return new DomainException("AccessDeniedException", "User: " + c.arn() + " is not authorized to perform: kms:"
                + action + " on resource: " + resource + (explicit ? " with an explicit deny in a resource-based policy"
                : " because no resource-based policy allows the kms:" + action + " action"));
    }

    private static DomainException identityDenied(Caller c, String action) {
        return new DomainException("AccessDeniedException", "User: " + c.arn() + " is not authorized to perform: kms:"
                + action + " on resource: * because no identity-based policy allows the kms:" + action + " action");
    }

    private static DomainException disabled(KmsKey k) {
        return new DomainException("DisabledException", k.arn() + " is disabled.");
    }

    private static DomainException invalidState(String message) {
        return new DomainException("KMSInvalidStateException", message);
    }

    private static void requireNotPending(KmsKey k) {
        if (KmsKey.PENDING_DELETION.equals(k.keyState)) {
            throw invalidState(k.arn() + " is pending deletion.");
        }
    }

    private static boolean inScope(KmsKey k, KmsCall call) {
        return k.accountId.equals(call.caller().accountId()) && k.region.equals(call.region());
    }

    private void save(KmsKey k) {
        repo.save(k);
        repo.commit();
    }

    private static void cancel(Deadline d) {
        if (d != null) {
            d.cancel();
        }
    }

    public Instant now() {
        return clock.now();
    }
}

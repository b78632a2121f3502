package earkit.reference.domain.table;

import earkit.reference.Fault;
import earkit.reference.Faults;
import earkit.reference.crypto.Aead;
import earkit.reference.crypto.OwnedKeyVault;
import earkit.reference.crypto.SealBroken;
import earkit.reference.crypto.TableKeyring;
import earkit.reference.domain.DomainException;
import earkit.reference.time.VirtualClock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GrantOperation;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;

/**
 * The table keys: made by KMS GenerateDataKey (or the owned-key vault), kept only wrapped, and unwrapped
 * through KMS Decrypt once per client connection and 5 minutes of virtual time, exactly as DynamoDB
 * caches them (S44–S46; KMS Developer Guide "How Amazon DynamoDB uses AWS KMS"). The cache
 * ({@link ConnectionKeyCache}) is the reason a kept-alive connection costs one Decrypt per 5 minutes while a
 * connection per request costs one Decrypt per request.
 */
public final class TableKeys {
    public static final String MANAGED_ALIAS = "alias/aws/dynamodb";

    /** What the SSESpecification asked for; {@code keyId} as given (id, ARN, alias, alias ARN). */
    public record Choice(TableRecord.KeyKind kind, String keyId) {
    }

    /** A new table key: its wrapped form to persist and its plaintext to wrap the table's keyring. */
    public record NewKey(TableRecord.KeyKind kind, String keyArn, String grantId, byte[] wrapped, byte[] plaintext) {
        /** Makes this the table's key, with the data and naming keys wrapped under it. */
        void installIn(TableRecord t, TableKeyring.Material material) {
            t.keyKind = kind;
            t.keyArn = keyArn;
            t.grantId = grantId;
            t.wrappedTableKey = wrapped;
            t.wrappedDataKeys = material.wrappedDataKeys();
            t.wrappedNamingKey = material.wrappedNamingKey();
        }
    }

    private record Ring(int keyVersion, TableKeyring ring) {
    }

    private final KmsGateway kms;
    private final OwnedKeyVault vault;
    private final VirtualClock clock;
    private final Faults faults;
    private java.util.function.Consumer<TableRecord> ownedKeyUse = t -> { };
    private final ConnectionKeyCache cache;
    private final Map<String, Ring> rings = new ConcurrentHashMap<>();

    /** When each table key was last unwrapped by KMS (kept only for the DEADLINES_FROM_LAST_KEY_USE fault). */
    private final Map<String, Instant> lastDecrypt = new ConcurrentHashMap<>();

    public TableKeys(KmsGateway kms, OwnedKeyVault vault, VirtualClock clock, Faults faults) {
        this.kms = kms;
        this.vault = vault;
        this.clock = clock;
        this.faults = faults;
        this.cache = new ConnectionKeyCache(clock, faults);
    }

    public Faults faults() {
        return faults;
    }

    /** Called on every request that uses the AWS owned key (the OWNED_KEY_METERED fault meters it). */
    public void onOwnedKeyUse(java.util.function.Consumer<TableRecord> listener) {
        this.ownedKeyUse = listener;
    }

    /** The KMS key a choice names, checked as DynamoDB checks it (DescribeKey on behalf of the caller). */
    public record Resolved(TableRecord.KeyKind kind, String arn) {
    }

    public Resolved resolve(TableRecord t, Choice choice, String callerArn) {
        if (choice.kind() == TableRecord.KeyKind.OWNED) {
            if (faults.has(Fault.OWNED_TABLE_CREATES_MANAGED_KEY)) {
                KmsAnswers.creating(() -> kms.client(t.region).describeKey(b -> b.keyId(MANAGED_ALIAS)));
            }
            return new Resolved(TableRecord.KeyKind.OWNED, null);
        }
        String keyId = choice.keyId() == null ? MANAGED_ALIAS : choice.keyId();
        if (faults.has(Fault.UNKNOWN_KEY_FALLS_BACK) && choice.keyId() != null) {
            try {
                kms.client(t.region).describeKey(b -> b.keyId(keyId).overrideConfiguration(kms.onBehalfOf(callerArn)));
            } catch (AwsServiceException e) {
                return resolve(t, new Choice(TableRecord.KeyKind.MANAGED, null), callerArn);
            }
        }
        if (keyId.startsWith("arn:") && !t.region.equals(arnRegion(keyId))) {
            throw DomainException.validation("KMS validation error: com.amazonaws.services.kms.model.NotFoundException: Key '"
                    + keyId + "' does not exist (Service: AWSKMS; Status Code: 400; Error Code: NotFoundException)");
        }
        KeyMetadata meta = KmsAnswers.creating(() -> kms.client(t.region).describeKey(b -> b.keyId(keyId)
                .overrideConfiguration(kms.onBehalfOf(callerArn)))).keyMetadata();
        String arn = meta.arn();
        if (!t.region.equals(arnRegion(arn))) {
            throw DomainException.validation("KMS validation error: com.amazonaws.services.kms.model.NotFoundException: Key '"
                    + arn + "' does not exist (Service: AWSKMS; Status Code: 400; Error Code: NotFoundException)");
        }
        if (meta.keyState() == KeyState.DISABLED) {
            throw DomainException.validation("KMS validation error: com.amazonaws.services.kms.model.DisabledException: "
                    + arn + " is disabled. (Service: AWSKMS; Status Code: 400; Error Code: DisabledException)");
        }
        if (meta.keyState() == KeyState.PENDING_DELETION) {
            throw DomainException.validation("KMS validation error: com.amazonaws.services.kms.model.KMSInvalidStateException: "
                    + arn + " is pending deletion. (Service: AWSKMS; Status Code: 400; Error Code: KMSInvalidStateException)");
        }
        if (meta.keySpec() != null && meta.keySpec() != KeySpec.SYMMETRIC_DEFAULT) {
            throw DomainException.validation("One or more parameter values were invalid: KMSMasterKeyId must be a "
                    + "symmetric encryption KMS key, " + arn + " has KeySpec " + meta.keySpecAsString());
        }
        return new Resolved(meta.keyManager() == KeyManagerType.AWS ? TableRecord.KeyKind.MANAGED
                : TableRecord.KeyKind.CUSTOMER, arn);
    }

    /** Makes a table key under a resolved key: CreateGrant for the table, then GenerateDataKey through it. */
    public NewKey create(TableRecord t, Resolved key, String callerArn) {
        if (key.kind() == TableRecord.KeyKind.OWNED) {
            byte[] plain = faults.has(Fault.OWNED_KEY_DRAWN_FROM_ACCOUNT)
                    ? KmsAnswers.creating(() -> kms.client(t.region).generateDataKey(b -> b.keyId(MANAGED_ALIAS)
                            .keySpec(DataKeySpec.AES_256).encryptionContext(context(t)))).plaintext().asByteArray()
                    : Aead.randomKey();
            return new NewKey(TableRecord.KeyKind.OWNED, null, null, vault.wrap(plain, ownedContext(t)), plain);
        }
        KmsClient client = kms.client(t.region);
        String arn = key.arn();
        String principal = "dynamodb." + t.region + ".amazonaws.com";
        String grantId = KmsAnswers.creating(() -> client.createGrant(b -> b.keyId(arn)
                .granteePrincipal(principal).retiringPrincipal(principal)
                .operations(GrantOperation.DESCRIBE_KEY, GrantOperation.GENERATE_DATA_KEY, GrantOperation.DECRYPT,
                        GrantOperation.ENCRYPT, GrantOperation.RE_ENCRYPT_FROM, GrantOperation.RE_ENCRYPT_TO,
                        GrantOperation.RETIRE_GRANT)
                .constraints(c -> {
                    if (!faults.has(Fault.GRANT_UNCONSTRAINED)) {
                        c.encryptionContextSubset(context(t));
                    }
                })
                .overrideConfiguration(kms.onBehalfOf(callerArn)))).grantId();
        DataKeySpec spec = faults.has(Fault.DATA_KEY_AES_128) ? DataKeySpec.AES_128 : DataKeySpec.AES_256;
        try {
            var dk = KmsAnswers.creating(() -> client.generateDataKey(b -> b.keyId(arn).keySpec(spec)
                    .encryptionContext(context(t))));
            byte[] plaintext = stretched(dk.plaintext().asByteArray());
            String reported = dk.keyId() != null ? dk.keyId() : arn;
            if (faults.has(Fault.MANAGED_KEY_REPORTED_BY_ALIAS) && key.kind() == TableRecord.KeyKind.MANAGED) {
                reported = reported.substring(0, reported.indexOf(":key/")) + ":" + MANAGED_ALIAS;
            }
            return new NewKey(key.kind(), reported, grantId,
                    dk.ciphertextBlob().asByteArray(), plaintext);
        } catch (DomainException e) {
            retireGrant(t.region, arn, grantId);
            throw e;
        }
    }

    /**
     * The table's keyring for a request on a connection: from the connection's cache while its entry is
     * younger than 5 virtual minutes, else through KMS Decrypt on behalf of the caller.
     *
     * @throws KeyAccessException if KMS refuses the table key
     */
    public TableKeyring keyring(TableRecord t, String connectionId, String callerArn, boolean forceRefresh) {
        ConnectionKeyCache.Slot slot = cache.slot(t, connectionId);
        ConnectionKeyCache.Cached c = cache.held(t, slot);
        byte[] key;
        if (!forceRefresh && cache.usable(c)) {
            key = c.key();
            if (faults.has(Fault.KEY_STATE_CHECKED_PER_REQUEST) && t.keyKind != TableRecord.KeyKind.OWNED) {
                kms.client(t.region).describeKey(b -> b.keyId(t.keyArn));
            }
        } else {
            try {
                key = unwrap(t, callerArn, c != null);
            } catch (KeyAccessException e) {
                if (faults.has(Fault.KEY_LOSS_IGNORED_AT_REFRESH) && c != null) {
                    return ring(t, c.key());
                }
                throw e;
            } catch (KmsTroubleException e) {
                if (c == null) {
                    throw e; // nothing to serve from: the request fails, the table stays as it is
                }
                cache.refreshFailed(slot, c);
                return ring(t, c.key());
            }
            if (connectionId != null) {
                ConnectionKeyCache.Cached fresh = cache.put(t, slot, key);
                if (faults.has(Fault.KEY_REFRESHED_WITHOUT_TRAFFIC)) {
                    refreshByTimer(t, slot, fresh, callerArn);
                }
            }
        }
        if (t.keyKind == TableRecord.KeyKind.OWNED) {
            ownedKeyUse.accept(t);
        }
        if (faults.has(Fault.DATA_KEY_PER_REQUEST) && t.keyKind != TableRecord.KeyKind.OWNED) {
            kms.client(t.region).generateDataKey(b -> b.keyId(t.keyArn).keySpec(DataKeySpec.AES_256)
                    .encryptionContext(context(t)));
        }
        return ring(t, key);
    }

    /** The KEY_REFRESHED_WITHOUT_TRAFFIC fault: the cached key is fetched again every 5 minutes while it is cached. */
    private void refreshByTimer(TableRecord t, ConnectionKeyCache.Slot slot, ConnectionKeyCache.Cached cached, String callerArn) {
        clock.schedule(cached.fetched().plus(ConnectionKeyCache.REFRESH), "key-refresh-timer " + t.name, () -> {
            if (!cache.current(slot, cached)) {
                return;
            }
            try {
                refreshByTimer(t, slot, cache.put(t, slot, unwrap(t, callerArn)), callerArn);
            } catch (RuntimeException e) {
                cache.drop(slot);
            }
        });
    }

    /** The keyring for work the service does on its own (Time to Live deletions, key switches). */
    public TableKeyring keyringAsService(TableRecord t) {
        return ring(t, unwrap(t, null));
    }

    /** The last successful KMS Decrypt of the table key, or {@code otherwise} (the DEADLINES_FROM_LAST_KEY_USE fault). */
    Instant lastDecrypt(String tableId, Instant otherwise) {
        return lastDecrypt.getOrDefault(tableId, otherwise);
    }

    /** Installs the keyring of a key just made, so the request that made it needs no Decrypt. */
    public TableKeyring remember(TableRecord t, byte[] plaintextKey, String connectionId) {
        if (connectionId != null) {
            cache.put(t, cache.slot(t, connectionId), plaintextKey);
        }
        return ring(t, plaintextKey);
    }

    /** The keyring held in memory for the table's current key, if any (the INACCESSIBLE_TABLE_SERVED_FROM_MEMORY fault). */
    TableKeyring heldRing(TableRecord t) {
        Ring r = rings.get(t.id);
        return r != null && r.keyVersion() == t.keyVersion ? r.ring() : null;
    }

    private TableKeyring ring(TableRecord t, byte[] key) {
        Ring r = rings.get(t.id);
        if (r == null || r.keyVersion() != t.keyVersion) {
            r = new Ring(t.keyVersion, TableKeyring.open(t.id, key,
                    new TableKeyring.Material(t.wrappedDataKeys, t.wrappedNamingKey), faults.has(Fault.PLAINTEXT_AT_REST)));
            rings.put(t.id, r);
        }
        return r.ring();
    }

    /** The plaintext table key: the vault for the owned key, KMS Decrypt otherwise ({@code callerArn} null = via the grant). */
    public byte[] unwrap(TableRecord t, String callerArn) {
        return unwrap(t, callerArn, false);
    }

    /** {@code keyHeld}: a refresh that can fall back on the key the connection holds, so it waits for KMS less. */
    private byte[] unwrap(TableRecord t, String callerArn, boolean keyHeld) {
        if (t.keyKind == TableRecord.KeyKind.OWNED) {
            return vault.unwrap(t.wrappedTableKey, ownedContext(t));
        }
        try {
            byte[] key = stretched(kms.client(t.region).decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(t.wrappedTableKey))
                    .encryptionContext(context(t))
                    .overrideConfiguration(keyHeld ? kms.refreshOnBehalfOf(callerArn) : kms.onBehalfOf(callerArn)))
                    .plaintext().asByteArray());
            if (faults.has(Fault.DEADLINES_FROM_LAST_KEY_USE)) {
                lastDecrypt.put(t.id, clock.now());
            }
            return key;
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (KmsAnswers.keyLost(code)) {
                throw new KeyAccessException(code, KmsAnswers.v1Message(e));
            }
            if ("InvalidCiphertextException".equals(code)) {
                throw new SealBroken("KMS rejected the wrapped table key");
            }
            if (KmsAnswers.transientFailure(code) || e.statusCode() >= 500) {
                throw trouble(code, "KMS failed: " + KmsAnswers.v1Message(e));
            }
            throw DomainException.internal("KMS failed: " + KmsAnswers.v1Message(e));
        } catch (SdkClientException e) {
            throw trouble("Timeout", "KMS unreachable: " + e.getMessage());
        }
    }

    /** KMS trouble, or with the KMS_THROTTLE_IS_KEY_LOSS fault the loss of the key. */
    private DomainException trouble(String code, String message) {
        return faults.has(Fault.KMS_THROTTLE_IS_KEY_LOSS) ? new KeyAccessException(code, message) : new KmsTroubleException(message);
    }

    /**
     * The table key of a backup, whose table may be gone with its grant: DynamoDB makes a grant for the
     * restore on behalf of the caller (so the caller must be allowed to), unwraps through it, and retires it.
     *
     * @throws KeyAccessException if KMS refuses the grant or the Decrypt
     */
    public byte[] unwrapForRestore(TableRecord src, String callerArn) {
        if (src.keyKind != TableRecord.KeyKind.CUSTOMER) {
            return unwrap(src, callerArn);
        }
        String principal = "dynamodb." + src.region + ".amazonaws.com";
        String grantId;
        try {
            grantId = kms.client(src.region).createGrant(b -> b.keyId(src.keyArn)
                    .granteePrincipal(principal).retiringPrincipal(principal)
                    .operations(GrantOperation.DECRYPT, GrantOperation.DESCRIBE_KEY, GrantOperation.RETIRE_GRANT)
                    .constraints(c -> c.encryptionContextSubset(context(src)))
                    .overrideConfiguration(kms.onBehalfOf(callerArn))).grantId();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (KmsAnswers.keyLost(code)) {
                throw new KeyAccessException(code, KmsAnswers.v1Message(e));
            }
            throw DomainException.internal("KMS failed: " + KmsAnswers.v1Message(e));
        } catch (SdkClientException e) {
            throw DomainException.internal("KMS unreachable: " + e.getMessage());
        }
        try {
            return unwrap(src, null);
        } finally {
            retireGrant(src.region, src.keyArn, grantId);
        }
    }

    /** DeleteTable and the end of a key switch retire the grant made for the table (as the retiring principal). */
    public void retireGrant(String region, String keyArn, String grantId) {
        if (keyArn == null || grantId == null) {
            return;
        }
        try {
            kms.client(region).retireGrant(b -> b.keyId(keyArn).grantId(grantId));
        } catch (AwsServiceException | SdkClientException e) {
            // The key may be gone already; a grant that cannot be retired grants nothing usable.
        }
    }

    public void forgetConnection(String connectionId) {
        cache.forgetConnection(connectionId);
    }

    public void forgetTable(String tableId) {
        cache.forgetTable(tableId);
        rings.remove(tableId);
    }

    /** Drops cached plaintext keys of a table, so that the next request of every connection asks KMS. */
    public void expire(String tableId) {
        cache.forgetTable(tableId);
    }

    /** The DATA_KEY_AES_128 fault's table key: 128 bits from KMS, repeated to the 256 the keyring takes. */
    private byte[] stretched(byte[] key) {
        if (!faults.has(Fault.DATA_KEY_AES_128) || key.length != 16) {
            return key;
        }
        byte[] out = java.util.Arrays.copyOf(key, 32);
        System.arraycopy(key, 0, out, 16, 16);
        return out;
    }

    /** The encryption context of the table's KMS requests (EAR-AUD-002). */
    private Map<String, String> context(TableRecord t) {
        return faults.has(Fault.CONTEXT_WITHOUT_SUBSCRIBER) ? Map.of("aws:dynamodb:tableName", t.name) : t.encryptionContext();
    }

    private static String ownedContext(TableRecord t) {
        return "owned|" + t.region + "|" + t.account + "|" + t.id;
    }

    private static String arnRegion(String arn) {
        String[] p = arn.split(":", 6);
        return p.length > 3 ? p[3] : "";
    }
}

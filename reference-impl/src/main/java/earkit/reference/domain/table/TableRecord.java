package earkit.reference.domain.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the store keeps about one table besides its items, persisted as JSON in the catalog. Key
 * material appears only wrapped: the table key by KMS (or the owned-key vault), the data and naming keys
 * by the table key.
 */
public final class TableRecord {
    /** Which of the three kinds of KMS key protects the table. */
    public enum KeyKind { OWNED, MANAGED, CUSTOMER }

    /**
     * A table's status. Each constant's name is the wire value of DescribeTable's TableStatus (and of a
     * replica's ReplicaStatus); it is also what the catalogue persists. Every table begins CREATING
     * (CreateTable, RestoreTableFromBackup, a new replica), and every later change of status goes through
     * {@link #to}, which allows exactly these transitions:
     *
     * <pre>
     * from                  to                   by                                        why
     * CREATING              ACTIVE               creation settles (next request or 1 ms)   SDK and CLI waiters work unchanged
     * UPDATING              ACTIVE               a key switch settles                      EAR-SSE-001; J8 in features/README.md
     * ACTIVE                UPDATING             UpdateTable with a key switch             EAR-SSE-001, EAR-BAK-002; J8
     * ACTIVE                DELETING             DeleteTable                               DeleteTable
     * INACCESSIBLE_...      DELETING             DeleteTable                               J3: DeleteTable works while inaccessible
     * ARCHIVING, ARCHIVED   DELETING             DeleteTable                               J4: DeleteTable works on archived tables
     * ACTIVE                INACCESSIBLE_...     KMS refuses the table key                 EAR-INA-001, EAR-INA-002 (S26, S28)
     * UPDATING              INACCESSIBLE_...     the same during a key switch (an item     S28; the switch's completion then
     *                                            request, or the hourly check)             leaves the status as it is
     * CREATING              INACCESSIBLE_...     the hourly check, when the virtual clock  S28
     *                                            passes an hour before the creation settles
     * INACCESSIBLE_...      ACTIVE               KMS gives the table key again             EAR-INA-004 (S27, S29)
     * INACCESSIBLE_...      ARCHIVING            more than seven days inaccessible         EAR-INA-005 (S31)
     * ARCHIVING             ARCHIVED             the archival backup is made               EAR-INA-006 (S32)
     * </pre>
     *
     * Races the code allows today, kept so that behaviour does not change:
     * <ul>
     *   <li>any status except CREATING → UPDATING: UpdateTable checks ACTIVE (or INACCESSIBLE_..., which its key
     *   look-up turns ACTIVE or refuses) under the table's lock, lets go of the lock for the KMS calls that make
     *   the new key, and commits the switch under the lock again without looking at the status a second time;
     *   a concurrent key switch, deletion, key loss or archival in between is overwritten.</li>
     *   <li>DELETING, ARCHIVING, ARCHIVED → INACCESSIBLE_...: an item request and the hourly check look at the
     *   status before their KMS call and mark the table inaccessible after it, without looking again.</li>
     * </ul>
     */
    public enum Status {
        CREATING, ACTIVE, UPDATING, DELETING, INACCESSIBLE_ENCRYPTION_CREDENTIALS, ARCHIVING, ARCHIVED;

        /** Whether a table of this status may go to {@code next} (the table above). */
        public boolean allows(Status next) {
            return switch (next) {
                case CREATING -> false;
                case ACTIVE -> this == CREATING || this == UPDATING || this == INACCESSIBLE_ENCRYPTION_CREDENTIALS;
                case UPDATING -> this != CREATING;
                case DELETING -> this == ACTIVE || this == INACCESSIBLE_ENCRYPTION_CREDENTIALS || this == ARCHIVING
                        || this == ARCHIVED;
                case INACCESSIBLE_ENCRYPTION_CREDENTIALS -> this != INACCESSIBLE_ENCRYPTION_CREDENTIALS;
                case ARCHIVING -> this == INACCESSIBLE_ENCRYPTION_CREDENTIALS;
                case ARCHIVED -> this == ARCHIVING;
            };
        }

        /** {@code next}, if this status may go to it; a transition outside the table is a bug of the reference. */
        public Status to(Status next) {
            if (!allows(next)) {
                throw new IllegalStateException("A table cannot go from " + this + " to " + next);
            }
            return next;
        }

        /** ARCHIVING or ARCHIVED: the table's data is, or is being, moved into its archival backup (EAR-INA-005). */
        public boolean archived() {
            return this == ARCHIVING || this == ARCHIVED;
        }
    }

    public static final class KeyPart {
        public String name;
        public String type;

        public KeyPart() {
        }

        public KeyPart(String name, String type) {
            this.name = name;
            this.type = type;
        }
    }

    /** A stream that a newer one replaced. */
    public static final class PastStream {
        public String label;
        public String viewType;
        public Instant disabledAt;

        public PastStream() {
        }

        public PastStream(String label, String viewType, Instant disabledAt) {
            this.label = label;
            this.viewType = viewType;
            this.disabledAt = disabledAt;
        }
    }

    public static final class IndexRecord {
        public String name;
        public boolean global;
        public List<KeyPart> keySchema = new ArrayList<>();
        public String projectionType;
        public List<String> nonKeyAttributes = new ArrayList<>();
        public Long readCapacity;
        public Long writeCapacity;

        public String hashKey() {
            return keyNamed(keySchema, "HASH");
        }

        public String rangeKey() {
            return keyNamed(keySchema, "RANGE");
        }
    }

    public String id;
    public String name;
    public String region;
    public String account;
    public Instant created;
    public Status status;
    public List<KeyPart> keySchema = new ArrayList<>();
    public Map<String, String> attributeTypes = new LinkedHashMap<>();
    public String billingMode;
    public Long readCapacity;
    public Long writeCapacity;
    public List<IndexRecord> indexes = new ArrayList<>();
    public boolean streamEnabled;
    public String streamViewType;
    public String streamLabel;
    /** When the stream of {@link #streamLabel} was disabled (null while it is enabled). */
    public Instant streamDisabledAt;
    /** Streams a newer one replaced: readable for 24 hours after they were disabled, as their records are. */
    public List<PastStream> pastStreams = new ArrayList<>();
    public boolean deletionProtection;
    public String tableClass;
    /** TagResource's tags, in the order first given (ListTagsOfResource). */
    public Map<String, String> tags = new LinkedHashMap<>();

    public KeyKind keyKind = KeyKind.OWNED;
    public String keyArn;
    public String grantId;
    public int keyVersion;
    public byte[] wrappedTableKey;
    public List<byte[]> wrappedDataKeys = new ArrayList<>();
    public byte[] wrappedNamingKey;
    /** ENABLED, or UPDATING while a key switch completes. */
    public String sseStatus = "ENABLED";
    /** The key ARN the switch in progress moves away from (shown while UPDATING). */
    public String previousKeyArn;
    public KeyKind previousKeyKind;
    public Instant inaccessibleSince;
    public List<Instant> keySwitches = new ArrayList<>();
    /** When this table was made by RestoreTableFromBackup: from which backup and table, and when. */
    public String restoredFromBackupArn;
    public String restoredFromTableArn;
    public Instant restoredAt;
    /** Set when the table was archived (ARCHIVING, then ARCHIVED). */
    public Instant archivedAt;
    public String archivalReason;
    public String archivalBackupArn;
    /** Time to Live: the attribute holding each item's expiry (null: TTL disabled), and when it last changed. */
    public String ttlAttribute;
    public boolean ttlEnabled;
    public Instant ttlUpdatedAt;

    public String hashKey() {
        return keyNamed(keySchema, "HASH");
    }

    public String rangeKey() {
        return keyNamed(keySchema, "RANGE");
    }

    /** Moves the table to {@code next}, if its status allows it (see {@link Status}). */
    void moveTo(Status next) {
        status = status.to(next);
    }

    /** Every item request asks for its table's key names: a loop over one or two parts, no stream. */
    static String keyNamed(List<KeyPart> keySchema, String type) {
        for (KeyPart k : keySchema) {
            if (k.type.equals(type)) {
                return k.name;
            }
        }
        return null;
    }

    public IndexRecord index(String indexName) {
        return indexes.stream().filter(i -> i.name.equals(indexName)).findFirst().orElse(null);
    }

    public String arn() {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name;
    }

    /** The encryption context of every KMS call for this table (EAR-AUD-002). */
    public Map<String, String> encryptionContext() {
        return Map.of("aws:dynamodb:tableName", name, "aws:dynamodb:subscriberId", account);
    }
}

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
    public String status;
    public List<KeyPart> keySchema = new ArrayList<>();
    public Map<String, String> attributeTypes = new LinkedHashMap<>();
    public String billingMode;
    public Long readCapacity;
    public Long writeCapacity;
    public List<IndexRecord> indexes = new ArrayList<>();
    public boolean streamEnabled;
    public String streamViewType;
    public String streamLabel;
    public boolean deletionProtection;
    public String tableClass;

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

    public String hashKey() {
        return keyNamed(keySchema, "HASH");
    }

    public String rangeKey() {
        return keyNamed(keySchema, "RANGE");
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

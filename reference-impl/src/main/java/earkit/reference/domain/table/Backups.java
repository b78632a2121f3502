package earkit.reference.domain.table;

import com.fasterxml.jackson.databind.DeserializationFeature;
import earkit.reference.Fault;
import earkit.reference.Faults;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import earkit.reference.crypto.SealBroken;
import earkit.reference.crypto.TableKeyring;
import earkit.reference.domain.DomainException;
import earkit.reference.storage.KeyValueMap;
import earkit.reference.storage.Storage;
import earkit.reference.time.VirtualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * On-demand backups. A backup copies the table's sealed items byte for byte, together with the wrapped
 * key material that opens them: making one needs no key (which is how an inaccessible table can still be
 * archived), and only ciphertext is ever stored. Restoring unwraps the backup's own table key through KMS,
 * so it needs the key that was current when the backup was made (S24, S25, S34).
 */
public final class Backups {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Storage storage;
    private final KeyValueMap catalog;
    private final TableKeys keys;
    private final VirtualClock clock;
    private final Faults faults;

    Backups(Storage storage, TableKeys keys, VirtualClock clock, Faults faults) {
        this.storage = storage;
        this.catalog = storage.map("ddb-backups");
        this.keys = keys;
        this.clock = clock;
        this.faults = faults;
    }

    Faults faults() {
        return faults;
    }

    /** The SWITCH_MOVES_BACKUPS fault: the table's backups take its new key (wrapped again, so they still open). */
    void followKey(TableRecord t) {
        for (BackupRecord b : all()) {
            if (b.source.id.equals(t.id)) {
                b.source.keyKind = t.keyKind;
                b.source.keyArn = t.keyArn;
                b.source.grantId = t.grantId;
                b.source.wrappedTableKey = t.wrappedTableKey;
                b.source.wrappedDataKeys = t.wrappedDataKeys;
                b.source.wrappedNamingKey = t.wrappedNamingKey;
                save(b);
            }
        }
    }

    /** Copies the table's sealed items and its key material of this moment. Caller holds the table's lock. */
    BackupRecord create(TableState s, String name, String type) {
        return create(s, name, type, clock.now());
    }

    /**
     * {@link #create(TableState, String, String)}, made as of {@code at}: the archival's backup is made as the table is
     * archived, while the step that makes it runs once the clock has stopped, which may be days later on the virtual
     * clock (a single advance can cross the deadline by any amount).
     */
    BackupRecord create(TableState s, String name, String type, Instant at) {
        TableRecord t = s.record;
        BackupRecord b = new BackupRecord();
        b.created = at;
        String suffix = HexFormat.of().formatHex(earkit.reference.crypto.Aead.random(4));
        b.arn = t.arn() + "/backup/" + String.format("%014d", b.created.toEpochMilli()) + "-" + suffix;
        b.name = name;
        b.type = type;
        b.status = "AVAILABLE";
        b.source = TableCatalog.copy(t);
        if (faults.has(Fault.BACKUP_RECORDS_NO_KEY) && "USER".equals(type)) {
            b.source.keyArn = null;
        }
        KeyValueMap items = itemsOf(b);
        long count = 0;
        for (Map.Entry<String, byte[]> e : storage.unorderedMap(TableData.itemsMap(t)).entries()) {
            items.put(e.getKey(), e.getValue());
            count++;
        }
        b.itemCount = count;
        b.sizeBytes = s.data.sizeBytes();
        save(b);
        return b;
    }

    public Optional<BackupRecord> get(String arn) {
        byte[] raw = arn == null ? null : catalog.get(arn);
        return raw == null ? Optional.empty() : Optional.of(read(raw));
    }

    public List<BackupRecord> all() {
        List<BackupRecord> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : catalog.entries()) {
            BackupRecord b = read(e.getValue());
            if (faults.has(Fault.ARCHIVAL_BACKUP_UNLISTED) && "SYSTEM".equals(b.type)) {
                continue;
            }
            out.add(b);
        }
        return out;
    }

    /** Deletes the backup and its items; returns it as it was, status DELETED. */
    public BackupRecord delete(String arn) {
        BackupRecord b = get(arn).orElseThrow(() -> notFound(arn));
        KeyValueMap items = itemsOf(b);
        List<String> names = new ArrayList<>();
        items.entries().forEach(e -> names.add(e.getKey()));
        names.forEach(items::remove);
        catalog.remove(arn);
        storage.commit();
        b.status = "DELETED";
        return b;
    }

    /**
     * The items of a backup, opened with its own table key obtained through KMS on behalf of the caller.
     *
     * @throws DomainException as DynamoDB refuses a restore whose key is unusable: AccessDeniedException when
     *                      KMS denies access, ValidationException "KMS validation error" when the key is disabled,
     *                      pending deletion or gone
     */
    List<Map<String, AttributeValue>> open(BackupRecord b, String callerArn) {
        TableRecord src = b.source;
        byte[] key;
        try {
            key = keys.unwrapForRestore(src, callerArn);
        } catch (KeyAccessException e) {
            if ("AccessDeniedException".equals(e.kmsCode())) {
                throw e;
            }
            throw DomainException.validation("KMS validation error: " + e.kmsError());
        }
        TableKeyring ring = TableKeyring.open(src.id, key,
                new TableKeyring.Material(src.wrappedDataKeys, src.wrappedNamingKey), faults.has(Fault.PLAINTEXT_AT_REST));
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        try {
            for (Map.Entry<String, byte[]> e : itemsOf(b).entries()) {
                out.add(ItemCodec.decode(ring.open("table", e.getKey(), e.getValue())));
            }
        } catch (SealBroken e) {
            throw DomainException.internal("Backup " + b.arn + " cannot be opened");
        }
        return out;
    }

    static DomainException notFound(String arn) {
        return new DomainException("BackupNotFoundException", "Backup not found: " + arn);
    }

    private KeyValueMap itemsOf(BackupRecord b) {
        return storage.map("ddb-backup-items-" + b.arn.substring(b.arn.lastIndexOf('/') + 1));
    }

    private void save(BackupRecord b) {
        try {
            catalog.put(b.arn, JSON.writeValueAsBytes(b));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        storage.commit();
    }

    private static BackupRecord read(byte[] raw) {
        try {
            return JSON.readValue(raw, BackupRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package earkit.reference.domain.table;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import earkit.reference.storage.KeyValueMap;
import earkit.reference.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The persisted table records, one per account, region and table name. */
public final class TableCatalog {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Storage storage;
    private final KeyValueMap map;

    public TableCatalog(Storage storage) {
        this.storage = storage;
        this.map = storage.map("ddb-tables");
    }

    /**
     * Every record, read at start. A record stored under another table's name (a stored byte of the name
     * altered) is damage, not a table that never existed: the start is refused rather than the table lost.
     */
    public List<TableRecord> all() {
        List<TableRecord> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : map.entries()) {
            TableRecord t = read(e.getValue());
            if (!e.getKey().equals(keyOf(t))) {
                throw new IllegalStateException("the table record stored under " + e.getKey() + " is that of " + keyOf(t));
            }
            out.add(t);
        }
        return out;
    }

    private static String keyOf(TableRecord t) {
        return t.account + "/" + t.region + "/" + t.name;
    }

    /** Persists the record and commits, so that it may be acknowledged. */
    public void save(TableRecord t) {
        try {
            map.put(keyOf(t), JSON.writeValueAsBytes(t));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        storage.commit();
    }

    public void remove(TableRecord t) {
        map.remove(keyOf(t));
        storage.commit();
    }

    /** A deep copy, so that a description is never torn by a concurrent change. */
    public static TableRecord copy(TableRecord t) {
        try {
            return read(JSON.writeValueAsBytes(t));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TableRecord read(byte[] b) {
        try {
            return JSON.readValue(b, TableRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

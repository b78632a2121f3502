package earkit.reference.domain.table;

import earkit.reference.crypto.TableKeyring;
import earkit.reference.domain.expression.AttributeValues;
import earkit.reference.storage.KeyValueMap;
import earkit.reference.storage.Storage;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items of one table and the entries of its indexes, sealed under the table's keyring. Callers hold
 * the table's lock; every method needs the keyring, i.e. a table key obtained through KMS.
 */
public final class TableData {
    /** The tiebreak of a base table entry: its key alone places it. Never written to. */
    private static final byte[] NO_TIEBREAK = new byte[0];
    private final TableRecord table;
    /** The table's key attributes, named once: its key schema never changes. */
    private final String hashKey;
    private final String rangeKey;
    private final ItemSpace base;
    private final Map<String, ItemSpace> indexes = new LinkedHashMap<>();
    private final StreamLog stream;
    /**
     * The tables' sizes in bytes, by table id, kept with the items (in the same commit) so that a start knows them
     * without opening every item. A table's size is what DynamoDB reports, not a secret of its items.
     */
    private final KeyValueMap sizes;
    private long bytes;

    TableData(Storage storage, TableRecord table) {
        this.table = table;
        this.hashKey = table.hashKey();
        this.rangeKey = table.rangeKey();
        this.base = new ItemSpace("table", storage.unorderedMap(itemsMap(table)), table.hashKey(), table.rangeKey(),
                item -> new byte[0]);
        this.sizes = storage.map("ddb-table-sizes");
        byte[] size = sizes.get(table.id);
        this.bytes = size == null ? 0 : java.nio.ByteBuffer.wrap(size).getLong();
        this.stream = new StreamLog(storage.map("ddb-stream-" + table.id));
        for (TableRecord.IndexRecord ix : table.indexes) {
            addIndex(storage, ix);
        }
    }

    /** The storage map of a table's sealed items (backups copy it as it is). */
    static String itemsMap(TableRecord t) {
        return "ddb-items-" + t.id;
    }

    StreamLog stream() {
        return stream;
    }

    void addIndex(Storage storage, TableRecord.IndexRecord ix) {
        indexes.put(ix.name, new ItemSpace("index:" + ix.name, storage.unorderedMap("ddb-index-" + table.id + "-" + ix.name),
                ix.hashKey(), ix.rangeKey(), this::baseIdentity));
    }

    void dropIndex(String name) {
        ItemSpace s = indexes.remove(name);
        if (s != null) {
            s.clear();
        }
    }

    public int itemCount() {
        return base.count();
    }

    public long sizeBytes() {
        return bytes;
    }

    public int indexItemCount(String index) {
        ItemSpace s = indexes.get(index);
        return s == null ? 0 : s.count();
    }

    private void sizeChanged(long by) {
        if (by != 0) {
            bytes += by;
            sizes.put(table.id, java.nio.ByteBuffer.allocate(Long.BYTES).putLong(bytes).array());
        }
    }

    Map<String, AttributeValue> get(TableKeyring kr, Map<String, AttributeValue> key) {
        byte[] identity = baseIdentity(key);
        return base.get(kr, base.storageKey(kr, basePosition(kr, key, identity), identity));
    }

    byte[] getEncoded(TableKeyring kr, Map<String, AttributeValue> key) {
        byte[] identity = baseIdentity(key);
        return base.getEncoded(kr, base.storageKey(kr, basePosition(kr, key, identity), identity));
    }

    /**
     * Writes the item and its index entries. {@code old} is the item it replaces: null if none, or if it was
     * not opened, which only a table without indexes may do (its index entries could not be removed). {@code size}
     * is the item's ({@link AttributeValues#size}).
     */
    void put(TableKeyring kr, Map<String, AttributeValue> item, Map<String, AttributeValue> old, long size, boolean plaintext) {
        if (old != null) {
            removeIndexEntries(kr, old);
        }
        byte[] identity = baseIdentity(item);
        ItemSpace.Position pos = basePosition(kr, item, identity);
        long replaced = base.put(kr, base.storageKey(kr, pos, identity), pos, item, size, plaintext);
        sizeChanged(size - Math.max(0, replaced));
        for (TableRecord.IndexRecord ix : table.indexes) {
            putIndexEntry(kr, ix, item, plaintext);
        }
    }

    private void putIndexEntry(TableKeyring kr, TableRecord.IndexRecord ix, Map<String, AttributeValue> item, boolean plaintext) {
        ItemSpace s = indexes.get(ix.name);
        if (s.holds(item)) {
            Map<String, AttributeValue> entry = project(ix, item);
            byte[] identity = baseIdentity(item);
            ItemSpace.Position pos = s.position(kr, item, identity);
            s.put(kr, s.storageKey(kr, pos, identity), pos, entry, AttributeValues.size(entry), plaintext);
        }
    }

    /**
     * Fills a new index from the table's items (its backfill): they are read straight from the store, in no order
     * and without building any, and the items themselves stay as they are.
     */
    void backfill(TableKeyring kr, TableRecord.IndexRecord ix, boolean plaintext) {
        for (Map.Entry<String, byte[]> e : base.stored()) {
            putIndexEntry(kr, ix, ItemCodec.decode(kr.open(base.name, e.getKey(), e.getValue())), plaintext);
        }
    }

    void delete(TableKeyring kr, Map<String, AttributeValue> old) {
        removeIndexEntries(kr, old);
        byte[] identity = baseIdentity(old);
        ItemSpace.Position pos = basePosition(kr, old, identity);
        base.remove(base.storageKey(kr, pos, identity), pos);
        sizeChanged(-AttributeValues.size(old));
    }

    void clear() {
        sizes.remove(table.id);
        bytes = 0;
        base.clear();
        stream.clear();
        indexes.values().forEach(ItemSpace::clear);
    }

    private void removeIndexEntries(TableKeyring kr, Map<String, AttributeValue> old) {
        for (TableRecord.IndexRecord ix : table.indexes) {
            ItemSpace s = indexes.get(ix.name);
            if (s.holds(old)) {
                byte[] identity = baseIdentity(old);
                ItemSpace.Position pos = s.position(kr, old, identity);
                s.remove(s.storageKey(kr, pos, identity), pos);
            }
        }
    }

    /** The space a Query or Scan reads: the table, or one of its indexes. */
    ItemSpace space(String index) {
        return index == null ? base : indexes.get(index);
    }

    /** Where a Query/Scan resumes: the position of an ExclusiveStartKey in the given space. */
    ItemSpace.Position position(TableKeyring kr, String index, Map<String, AttributeValue> key) {
        return index == null ? base.position(kr, key, new byte[0]) : indexes.get(index).position(kr, key, baseIdentity(key));
    }

    byte[] token(TableKeyring kr, AttributeValue partitionValue) {
        return kr.token(ItemCodec.identity(partitionValue));
    }

    /**
     * The position of a base table item from its key identity ({@link #baseIdentity}), which starts with the
     * partition key value's identity: the token is the HMAC of that start, the identity is not built twice.
     */
    private ItemSpace.Position basePosition(TableKeyring kr, Map<String, AttributeValue> item, byte[] identity) {
        int partition = item.get(hashKey) == null ? 0 : ItemCodec.firstValueLength(identity);
        return base.position(kr.token(identity, partition), item, NO_TIEBREAK);
    }

    private byte[] baseIdentity(Map<String, AttributeValue> item) {
        return ItemCodec.identity(item.get(hashKey), rangeKey == null ? null : item.get(rangeKey));
    }

    /** The attributes an index entry keeps: keys always, then per projection type. */
    public static Map<String, AttributeValue> project(TableRecord.IndexRecord ix, Map<String, AttributeValue> item,
                                               TableRecord table) {
        if ("ALL".equals(ix.projectionType)) {
            return item;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            String n = e.getKey();
            boolean key = n.equals(table.hashKey()) || n.equals(table.rangeKey()) || n.equals(ix.hashKey())
                    || n.equals(ix.rangeKey());
            if (key || ("INCLUDE".equals(ix.projectionType) && ix.nonKeyAttributes.contains(n))) {
                out.put(n, e.getValue());
            }
        }
        return out;
    }

    private Map<String, AttributeValue> project(TableRecord.IndexRecord ix, Map<String, AttributeValue> item) {
        return project(ix, item, table);
    }
}

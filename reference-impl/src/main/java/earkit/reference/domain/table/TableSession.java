package earkit.reference.domain.table;

import earkit.reference.Fault;
import earkit.reference.Faults;
import earkit.reference.crypto.TableKeyring;
import earkit.reference.domain.expression.AttributeValues;
import earkit.reference.storage.Storage;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items of one table for the duration of one request, under the table's lock, with the keyring the
 * request obtained through KMS. The writes of a request are committed together, once, before the
 * request is acknowledged ({@link Tables#withItems}); a BatchWriteItem of 25 items is one commit.
 */
public final class TableSession {
    private final TableState state;
    private final TableKeyring keyring;
    private final Storage storage;
    private final boolean plaintextAtRest;
    private final List<ItemChangeListener> listeners;
    private final Faults faults;
    private boolean written;

    TableSession(TableState state, TableKeyring keyring, Storage storage, Faults faults,
                 List<ItemChangeListener> listeners) {
        this.faults = faults;
        boolean plaintextAtRest = faults.has(Fault.PLAINTEXT_AT_REST);
        this.state = state;
        this.keyring = keyring;
        this.storage = storage;
        this.plaintextAtRest = plaintextAtRest;
        this.listeners = listeners;
    }

    public TableRecord table() {
        return state.record;
    }

    public Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
        return state.data.get(keyring, key);
    }

    /** The item as stored, in DynamoDB JSON (as {@code ShapeWriter.write} writes it), or null if there is none. */
    public byte[] getEncoded(Map<String, AttributeValue> key) {
        return state.data.getEncoded(keyring, key);
    }

    /**
     * Whether a write must be told the item it replaces: for the table's indexes (their entries of it go) and
     * its stream (INSERT or MODIFY, the old image). Otherwise a write that needs nothing of the old item
     * itself (no condition, no old values returned) can leave it unopened.
     */
    public boolean needsOldItem() {
        return !state.record.indexes.isEmpty() || state.record.streamEnabled;
    }

    /** Writes an item over {@code old}: null if none, or if not opened because {@link #needsOldItem()} said so. */
    public void put(Map<String, AttributeValue> item, Map<String, AttributeValue> old) {
        put(item, old, AttributeValues.size(item));
    }

    /** {@link #put(Map, Map)} of an item whose size ({@link AttributeValues#size}) the caller has counted. */
    public void put(Map<String, AttributeValue> given, Map<String, AttributeValue> old, long size) {
        Map<String, AttributeValue> item = faults.has(Fault.NUMBERS_AS_DOUBLES) ? asDoubles(given) : given;
        state.data.put(keyring, item, old, size, plaintextAtRest);
        listeners.forEach(l -> l.changed(state.record, keyring, old, item));
        written = true;
    }

    /** The NUMBERS_AS_DOUBLES fault: top-level numbers kept as a double loses the digits past the 17th. */
    private static Map<String, AttributeValue> asDoubles(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = new java.util.LinkedHashMap<>(item);
        out.replaceAll((k, v) -> v.n() == null ? v
                : AttributeValue.builder().n(new java.math.BigDecimal(Double.parseDouble(v.n())).stripTrailingZeros().toPlainString()).build());
        return out;
    }

    public void delete(Map<String, AttributeValue> old) {
        state.data.delete(keyring, old);
        listeners.forEach(l -> l.changed(state.record, keyring, old, null));
        written = true;
    }

    /** Deletes an item whose Time to Live has passed, as DynamoDB itself (the stream names the service). */
    void expire(Map<String, AttributeValue> old) {
        state.data.delete(keyring, old);
        listeners.forEach(l -> l.expired(state.record, keyring, old));
        written = true;
    }

    /** Every item of the table (for rebuilding the Time to Live schedule). */
    Iterator<Map<String, AttributeValue>> items() {
        Iterator<ItemSpace.Entry> it = state.data.space(null).all(keyring, null);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Map<String, AttributeValue> next() {
                return it.next().item();
            }
        };
    }

    /** Commits what this session wrote, if anything. */
    void commit() {
        if (written) {
            storage.commit();
            written = false;
        }
    }

    /** A page of the stream records of the shard of {@code label}, from sequence number {@code from} on. */
    public StreamPage streamRecords(String label, long from, int limit) {
        StreamLog.Page p = state.data.stream().read(keyring, label, from, limit);
        return new StreamPage(p.records(), p.next());
    }

    /** Stream records and the sequence number to read on from. */
    public record StreamPage(java.util.List<software.amazon.awssdk.services.dynamodb.model.Record> records, long next) {
    }

    /** An entry of a Query or Scan, with the segment its partition belongs to. */
    public record Found(Map<String, AttributeValue> item, long partitionHash) {
    }

    /** The entries of one partition of the table or an index, after the exclusive start key if given. */
    public Iterator<Found> query(String index, AttributeValue partition, boolean forward,
                                 Map<String, AttributeValue> exclusiveStart) {
        ItemSpace space = state.data.space(index);
        ItemSpace.Position after = exclusiveStart == null ? null : state.data.position(keyring, index, exclusiveStart);
        return found(space.partition(keyring, state.data.token(keyring, partition), forward, after));
    }

    /** Every entry of the table or an index, after the exclusive start key if given. */
    public Iterator<Found> scan(String index, Map<String, AttributeValue> exclusiveStart) {
        return scan(index, exclusiveStart, null, null);
    }

    /**
     * The entries of one segment of a parallel Scan ({@code segment} of {@code total}; the whole table if null): those
     * whose {@link Found#partitionHash} h has {@code h * total >>> 32 == segment}, a contiguous range of tokens, read
     * from its start to its end and no further.
     */
    public Iterator<Found> scan(String index, Map<String, AttributeValue> exclusiveStart, Integer segment, Integer total) {
        ItemSpace space = state.data.space(index);
        ItemSpace.Position after = exclusiveStart == null ? null : state.data.position(keyring, index, exclusiveStart);
        if (segment == null || total == null) {
            return found(space.all(keyring, after));
        }
        return found(space.all(keyring, after, segmentStart(segment, total), segmentStart(segment + 1, total)));
    }

    /** The first four bytes of the first token in a segment: ceil(segment * 2^32 / total); null past the last. */
    private static byte[] segmentStart(int segment, int total) {
        if (segment >= total) {
            return null;
        }
        long h = (((long) segment << 32) + total - 1) / total;
        return java.nio.ByteBuffer.allocate(4).putInt((int) h).array();
    }

    private static Iterator<Found> found(Iterator<ItemSpace.Entry> it) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Found next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ItemSpace.Entry e = it.next();
                byte[] t = e.position().token();
                long h = ((t[0] & 0xffL) << 24) | ((t[1] & 0xffL) << 16) | ((t[2] & 0xffL) << 8) | (t[3] & 0xffL);
                return new Found(e.item(), h);
            }
        };
    }

}

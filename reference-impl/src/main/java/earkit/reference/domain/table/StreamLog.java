package earkit.reference.domain.table;

import earkit.reference.crypto.TableKeyring;
import earkit.reference.domain.expression.AttributeValues;
import earkit.reference.json.ShapeReader;
import earkit.reference.json.ShapeWriter;
import earkit.reference.storage.KeyValueMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * The change records of a table's stream, one shard per stream label, sealed under the table's keyring
 * like its items (S23). Storage keys carry only the stream label and the sequence number.
 */
final class StreamLog {
    /** A page of records and the sequence number reading goes on from. */
    record Page(List<Record> records, long next) {
    }

    private final KeyValueMap map;
    private long next;

    StreamLog(KeyValueMap map) {
        this.map = map;
        long max = 0;
        for (Map.Entry<String, byte[]> e : map.entries()) {
            max = Math.max(max, sequence(e.getKey()));
        }
        this.next = max + 1;
    }

    /** Appends the change of one item ({@code old} null = insert, {@code item} null = remove). Caller holds the lock. */
    void append(TableKeyring kr, TableRecord t, Instant now, Map<String, AttributeValue> old,
                Map<String, AttributeValue> item, boolean plaintext) {
        append(kr, t, now, old, item, plaintext, false);
    }

    /** {@code byService}: a Time to Live deletion, whose record names DynamoDB as the one who deleted. */
    void append(TableKeyring kr, TableRecord t, Instant now, Map<String, AttributeValue> old,
                Map<String, AttributeValue> item, boolean plaintext, boolean byService) {
        if (!t.streamEnabled || t.streamLabel == null) {
            return;
        }
        Map<String, AttributeValue> any = item != null ? item : old;
        Map<String, AttributeValue> keys = new LinkedHashMap<>();
        keys.put(t.hashKey(), any.get(t.hashKey()));
        if (t.rangeKey() != null) {
            keys.put(t.rangeKey(), any.get(t.rangeKey()));
        }
        long seq = next++;
        String view = t.streamViewType;
        StreamRecord.Builder r = StreamRecord.builder().approximateCreationDateTime(now).keys(keys)
                .sequenceNumber(format(seq)).streamViewType(view);
        long size = AttributeValues.size(keys);
        if (item != null && ("NEW_IMAGE".equals(view) || "NEW_AND_OLD_IMAGES".equals(view))) {
            r.newImage(item);
            size += AttributeValues.size(item);
        }
        if (old != null && ("OLD_IMAGE".equals(view) || "NEW_AND_OLD_IMAGES".equals(view))) {
            r.oldImage(old);
            size += AttributeValues.size(old);
        }
        Record rec = Record.builder().eventID(UUID.randomUUID().toString().replace("-", ""))
                .eventName(old == null ? OperationType.INSERT : item == null ? OperationType.REMOVE : OperationType.MODIFY)
                .eventVersion("1.1").eventSource("aws:dynamodb").awsRegion(t.region)
                .dynamodb(r.sizeBytes(size).build())
                .userIdentity(byService ? Identity.builder().type("Service").principalId("dynamodb.amazonaws.com").build() : null)
                .build();
        String key = key(t.streamLabel, seq);
        map.put(key, kr.seal("stream", key, ShapeWriter.write(rec), plaintext));
    }

    /** Up to {@code limit} records of the label's shard from sequence number {@code from} on. */
    Page read(TableKeyring kr, String label, long from, int limit) {
        List<Record> out = new ArrayList<>();
        long last = from;
        for (Map.Entry<String, byte[]> e : map.entries()) {
            if (out.size() >= limit) {
                break;
            }
            long seq = sequence(e.getKey());
            if (!e.getKey().startsWith(label + "|") || seq < from) {
                continue;
            }
            out.add(ShapeReader.read(kr.open("stream", e.getKey(), e.getValue()), Record::builder));
            last = seq + 1;
        }
        return new Page(out, out.isEmpty() ? Math.max(from, first(label)) : last);
    }

    /** The first sequence number of the label's shard (the next one to come if it has none yet). */
    long first(String label) {
        for (Map.Entry<String, byte[]> e : map.entries()) {
            if (e.getKey().startsWith(label + "|")) {
                return sequence(e.getKey());
            }
        }
        return next;
    }

    /** The sequence number the next record will get. */
    long next() {
        return next;
    }

    void clear() {
        List<String> keys = new ArrayList<>();
        map.entries().forEach(e -> keys.add(e.getKey()));
        keys.forEach(map::remove);
    }

    static String format(long seq) {
        return String.format("%021d", seq);
    }

    private static String key(String label, long seq) {
        return label + "|" + format(seq);
    }

    private static long sequence(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf('|') + 1));
    }
}

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
 * like its items (S23). Storage keys carry only the stream label, the sequence number and the record's time
 * (for trimming without the key). Records older than 24 hours are trimmed when the log is next used; the
 * sequence number below which a label's records were trimmed is kept (key {@code label|~trimmed}), so that an
 * iterator pointing at a trimmed record is told so (TrimmedDataAccessException) rather than skipped ahead.
 */
final class StreamLog {
    /** DynamoDB Streams keeps records for 24 hours. */
    static final java.time.Duration RETENTION = java.time.Duration.ofHours(24);
    private static final String TRIMMED = "|~trimmed";

    /** A page of records and the sequence number reading goes on from. */
    record Page(List<Record> records, long next) {
    }

    private final KeyValueMap map;
    private long next;
    private final Map<String, Long> trimmedBelow = new java.util.HashMap<>();

    StreamLog(KeyValueMap map) {
        this.map = map;
        long max = 0;
        for (Map.Entry<String, byte[]> e : map.entries()) {
            if (e.getKey().endsWith(TRIMMED)) {
                trimmedBelow.put(e.getKey().substring(0, e.getKey().length() - TRIMMED.length()),
                        Long.parseLong(new String(e.getValue(), java.nio.charset.StandardCharsets.UTF_8)));
            } else {
                max = Math.max(max, sequence(e.getKey()));
            }
        }
        this.next = max + 1;
    }

    /** Drops the records older than {@link #RETENTION} at {@code now}. Caller holds the lock. */
    void trim(Instant now) {
        long cutoff = now.minus(RETENTION).toEpochMilli();
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : map.entries()) {
            String key = e.getKey();
            if (!key.endsWith(TRIMMED) && time(key) < cutoff) {
                gone.add(key);
            }
        }
        for (String key : gone) {
            String label = key.substring(0, key.indexOf('|'));
            long below = Math.max(trimmedBelow.getOrDefault(label, 0L), sequence(key) + 1);
            trimmedBelow.put(label, below);
            map.remove(key);
            map.put(label + TRIMMED, Long.toString(below).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** The sequence number below which the label's records were trimmed (0: none was). */
    long trimmedBelow(String label) {
        return trimmedBelow.getOrDefault(label, 0L);
    }

    /** The last sequence number of the label's shard, or {@code first(label) - 1} when it holds none. */
    long last(String label) {
        long last = -1;
        for (Map.Entry<String, byte[]> e : map.entries()) {
            if (isRecordOf(e.getKey(), label)) {
                last = Math.max(last, sequence(e.getKey()));
            }
        }
        return last >= 0 ? last : first(label) - 1;
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
        String key = key(t.streamLabel, seq, now);
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
            if (!isRecordOf(e.getKey(), label)) {
                continue;
            }
            long seq = sequence(e.getKey());
            if (seq < from) {
                continue;
            }
            out.add(ShapeReader.read(kr.open("stream", e.getKey(), e.getValue()), Record::builder));
            last = seq + 1;
        }
        return new Page(out, out.isEmpty() ? Math.max(from, first(label)) : last);
    }

    /** The first sequence number of the label's shard (the next one to come if it has none yet). */
    long first(String label) {
        long first = Long.MAX_VALUE;
        for (Map.Entry<String, byte[]> e : map.entries()) {
            if (isRecordOf(e.getKey(), label)) {
                first = Math.min(first, sequence(e.getKey()));
            }
        }
        return first != Long.MAX_VALUE ? first : Math.max(next, trimmedBelow.getOrDefault(label, 0L));
    }

    /** The sequence number the next record will get. */
    long next() {
        return next;
    }

    void clear() {
        List<String> keys = new ArrayList<>();
        map.entries().forEach(e -> keys.add(e.getKey()));
        keys.forEach(map::remove);
        trimmedBelow.clear();
    }

    static String format(long seq) {
        return String.format("%021d", seq);
    }

    private static String key(String label, long seq, Instant at) {
        return label + "|" + format(seq) + "|" + at.toEpochMilli();
    }

    private static boolean isRecordOf(String key, String label) {
        return key.startsWith(label + "|") && !key.endsWith(TRIMMED);
    }

    /** {@code label|seq|millis}, or {@code label|seq} as stores written before record times were kept have it. */
    private static long sequence(String key) {
        String[] p = key.split("\\|");
        return Long.parseLong(p[1]);
    }

    /** The record's time (epoch milliseconds); a record of an older store counts as new, so it is never lost early. */
    private static long time(String key) {
        String[] p = key.split("\\|");
        return p.length > 2 ? Long.parseLong(p[2]) : Long.MAX_VALUE;
    }
}

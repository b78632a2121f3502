package earkit.reference.domain.table;

import earkit.reference.time.Deadline;
import earkit.reference.time.VirtualClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which item of a TTL-enabled table expires when, and one deadline per table on the virtual clock for its
 * earliest expiry: deletion is event-driven, never a periodic scan. An item expires when the clock passes
 * the epoch second its TTL attribute holds (the deadline is one millisecond after it). Items whose attribute
 * is not a number, or holds a time more than five years before now, are not expired (DynamoDB Developer
 * Guide: Time to Live). The schedule lives in memory: after a restart it is rebuilt from the items at the
 * table's next read or write, which has the table key ({@link #needsIndex}). Callers hold the table's lock.
 */
final class TimeToLive {
    /** "More than five years in the past": such items are left alone. */
    static final Duration TOO_OLD = Duration.ofDays(5 * 365 + 1);
    /** Numbers beyond this many epoch seconds (year 9999 and more) never come due. */
    private static final long LAST_SECOND = 253402300799L;

    private record Entry(Instant at, Map<String, AttributeValue> key, long sequence) {
    }

    private static final class Schedule {
        final Map<Map<String, AttributeValue>, Entry> byKey = new HashMap<>();
        final TreeSet<Entry> byTime = new TreeSet<>(Comparator.comparing(Entry::at).thenComparingLong(Entry::sequence));
        Deadline deadline;
    }

    private final VirtualClock clock;
    private final Map<String, Schedule> tables = new ConcurrentHashMap<>();
    private long sequence;

    TimeToLive(VirtualClock clock) {
        this.clock = clock;
    }

    /** When an item whose TTL attribute is {@code value} expires; null when it never does. */
    static Instant expiry(AttributeValue value) {
        if (value == null || value.n() == null) {
            return null;
        }
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(value.n());
        } catch (NumberFormatException e) {
            return null;
        }
        if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(LAST_SECOND)) > 0) {
            return null;
        }
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    /** Whether the table's schedule must be (re)built from its items: TTL is on and none is held. */
    boolean needsIndex(TableRecord t) {
        return t.ttlEnabled && !tables.containsKey(t.id);
    }

    /** Starts an empty schedule for the table, to be filled with {@link #track}. */
    void startIndex(TableRecord t) {
        tables.putIfAbsent(t.id, new Schedule());
    }

    /** Drops the table's schedule (TTL disabled, table deleted or archived). */
    void forget(TableRecord t) {
        Schedule s = tables.remove(t.id);
        if (s != null && s.deadline != null) {
            s.deadline.cancel();
        }
    }

    /** An item was written or deleted: its expiry is what its new version says. */
    void track(TableRecord t, Map<String, AttributeValue> key, Map<String, AttributeValue> after, Consumer<TableRecord> due) {
        Schedule s = tables.get(t.id);
        if (s == null || !t.ttlEnabled) {
            return;
        }
        Entry old = s.byKey.remove(key);
        if (old != null) {
            s.byTime.remove(old);
        }
        Instant at = after == null ? null : expiry(after.get(t.ttlAttribute));
        if (at != null) {
            Entry e = new Entry(at, key, ++sequence);
            s.byKey.put(key, e);
            s.byTime.add(e);
        }
        reschedule(t, s, due);
    }

    /** Puts the table's deadline at its earliest expiry (the clock fires it at once if that is past). */
    void reschedule(TableRecord t, Consumer<TableRecord> due) {
        Schedule s = tables.get(t.id);
        if (s != null) {
            reschedule(t, s, due);
        }
    }

    /**
     * Never at or before now: a deadline already due would fire inside the write that set it, so an item written
     * already expired goes at the clock's next move.
     */
    private void reschedule(TableRecord t, Schedule s, Consumer<TableRecord> due) {
        Instant soonest = clock.now().plusMillis(1);
        Instant first = s.byTime.isEmpty() ? null : s.byTime.first().at().plusMillis(1);
        if (first != null && first.isBefore(soonest)) {
            first = soonest;
        }
        if (s.deadline != null && first != null && s.deadline.at().equals(first)) {
            return;
        }
        if (s.deadline != null) {
            s.deadline.cancel();
            s.deadline = null;
        }
        if (first != null) {
            s.deadline = clock.schedule(first, "ddb-ttl " + t.name, () -> due.accept(t));
        }
    }

    /** The table's deadline has fired: until {@link #reschedule}, none is pending. */
    void fired(TableRecord t) {
        Schedule s = tables.get(t.id);
        if (s != null) {
            s.deadline = null;
        }
    }

    /** The keys of the items expired by now; those more than five years past are dropped from the schedule. */
    List<Map<String, AttributeValue>> expired(TableRecord t) {
        Schedule s = tables.get(t.id);
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        Instant now = clock.now();
        Instant tooOld = now.minus(TOO_OLD);
        while (!s.byTime.isEmpty() && s.byTime.first().at().isBefore(now)) {
            Entry e = s.byTime.pollFirst();
            s.byKey.remove(e.key());
            if (!e.at().isBefore(tooOld)) {
                out.add(e.key());
            }
        }
        return out;
    }
}

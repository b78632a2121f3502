package earkit.reference.domain.table;

import earkit.reference.Fault;
import earkit.reference.Faults;
import earkit.reference.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plaintext table keys DynamoDB holds per client connection (S44–S46; KMS Developer Guide "How Amazon
 * DynamoDB uses AWS KMS", "Table key caching"): an entry is used for 5 virtual minutes, then the next request on
 * that connection refreshes it through KMS. Nothing here runs on a timer: an entry nobody asks for costs nothing
 * and is only looked at by the connection's next request. When KMS cannot answer a refresh (throttling, an
 * internal error, a timeout: nothing said about the key), the connection keeps serving from its entry and tries
 * again after 1 s, 2 s, 4 s, ... up to a minute of virtual time.
 */
final class ConnectionKeyCache {
    public static final Duration REFRESH = Duration.ofMinutes(5);
    /** The first wait before a failed refresh is retried; it doubles with each failure, up to {@link #RETRY_CAP}. */
    static final Duration RETRY_FIRST = Duration.ofSeconds(1);
    static final Duration RETRY_CAP = Duration.ofMinutes(1);

    /**
     * A connection's table key; {@code failures} and {@code retryAt} count the refreshes KMS could not answer
     * and say when the next one may be tried (backoff on the virtual clock).
     */
    record Cached(int keyVersion, byte[] key, Instant fetched, int failures, Instant retryAt) {
        Cached(int keyVersion, byte[] key, Instant fetched) {
            this(keyVersion, key, fetched, 0, fetched);
        }

        boolean fresh(Instant now, Duration refresh) {
            return now.isBefore(fetched.plus(refresh)) || now.isBefore(retryAt);
        }

        Cached failedAt(Instant now) {
            Duration wait = RETRY_FIRST.multipliedBy(1L << Math.min(failures, 16));
            return new Cached(keyVersion, key, fetched, failures + 1, now.plus(wait.compareTo(RETRY_CAP) > 0 ? RETRY_CAP : wait));
        }
    }

    /** A table as seen from one client connection: the unit of the cache. */
    record Slot(String connectionId, String tableId) {
        // Written out, as generated record equality is slower on a look-up made per request.
        @Override
        public boolean equals(Object o) {
            return o instanceof Slot s && connectionId.equals(s.connectionId) && tableId.equals(s.tableId);
        }

        @Override
        public int hashCode() {
            return connectionId.hashCode() * 31 + tableId.hashCode();
        }
    }

    private final VirtualClock clock;
    private final Faults faults;
    private final Map<Slot, Cached> byConnection = new ConcurrentHashMap<>();

    ConnectionKeyCache(VirtualClock clock, Faults faults) {
        this.clock = clock;
        this.faults = faults;
    }

    /** The cache entry of a table on a connection (one entry per table under the KEY_CACHE_PER_TABLE fault). */
    Slot slot(TableRecord t, String connectionId) {
        return new Slot(faults.has(Fault.KEY_CACHE_PER_TABLE) ? "" : connectionId, t.id);
    }

    /** The connection's entry for the table's current key, fresh or not; null when it holds none. */
    Cached held(TableRecord t, Slot slot) {
        Cached c = byConnection.get(slot);
        return c != null && c.keyVersion() == t.keyVersion ? c : null;
    }

    /** Whether an entry may serve a request now, without asking KMS. */
    boolean usable(Cached c) {
        return c != null && !faults.has(Fault.NO_KEY_CACHE)
                && (c.fresh(clock.now(), refresh()) || faults.has(Fault.KEY_NEVER_REFRESHED));
    }

    /** KMS gave the table key: the connection holds it from now on. */
    Cached put(TableRecord t, Slot slot, byte[] key) {
        Cached fresh = new Cached(t.keyVersion, key, clock.now());
        byConnection.put(slot, fresh);
        return fresh;
    }

    /** KMS could not answer the refresh of {@code held}: it serves on, and the refresh is tried again later. */
    void refreshFailed(Slot slot, Cached held) {
        byConnection.put(slot, held.failedAt(clock.now()));
    }

    /** Whether {@code cached} is still the slot's entry (the KEY_REFRESHED_WITHOUT_TRAFFIC fault's timer). */
    boolean current(Slot slot, Cached cached) {
        return byConnection.get(slot) == cached;
    }

    void drop(Slot slot) {
        byConnection.remove(slot);
    }

    private Duration refresh() {
        return faults.has(Fault.KEY_REFRESHED_EARLY) ? REFRESH.minusSeconds(30) : REFRESH;
    }

    void forgetConnection(String connectionId) {
        byConnection.keySet().removeIf(k -> k.connectionId().equals(connectionId));
    }

    /** Drops the table's entries on every connection, so that the next request of each asks KMS. */
    void forgetTable(String tableId) {
        byConnection.keySet().removeIf(k -> k.tableId().equals(tableId));
    }
}

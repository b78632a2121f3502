package earkit.reference.domain.table;

import earkit.reference.Fault;
import earkit.reference.Faults;
import earkit.reference.crypto.TableKeyring;
import earkit.reference.domain.DomainException;
import earkit.reference.storage.Storage;
import earkit.reference.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Time to Live of the tables: UpdateTimeToLive, and DynamoDB's own deletion of the expired items, with the table
 * key it holds through its grant. Which item expires when is {@link TimeToLive}'s schedule; this keeps it filled
 * from every write ({@link #track}) and from the items already there ({@link #schedule}).
 */
final class TableTimeToLive {
    /** How long an UpdateTimeToLive may take to process, during which no other is accepted. */
    static final Duration CHANGE = Duration.ofHours(1);

    private final LiveTables live;
    private final TableLifecycle lifecycle;
    private final TableCatalog catalog;
    private final TableKeys keys;
    private final VirtualClock clock;
    private final Storage storage;
    private final TimeToLive ttl;
    private final ItemSessions items;
    private final boolean deletesWhileInaccessible; // the self-test fault TTL_DELETES_WHILE_INACCESSIBLE

    /** Follows the writes and openings of {@code items}, through which it deletes the expired items in turn. */
    TableTimeToLive(LiveTables live, TableLifecycle lifecycle, TableCatalog catalog, TableKeys keys, VirtualClock clock,
                    Storage storage, ItemSessions items, Faults faults) {
        this.live = live;
        this.lifecycle = lifecycle;
        this.catalog = catalog;
        this.keys = keys;
        this.clock = clock;
        this.storage = storage;
        this.ttl = new TimeToLive(clock);
        this.items = items;
        this.deletesWhileInaccessible = faults.has(Fault.TTL_DELETES_WHILE_INACCESSIBLE);
        items.onItemChange((t, ring, before, after) -> track(t, after != null ? after : before, after));
        items.onOpen(this::schedule);
        lifecycle.onAccessible((t, at) -> ttl.reschedule(t, this::due));
    }

    /** Follows a write of the item keyed as {@code written}: {@code after} null for a deletion. */
    private void track(TableRecord t, Map<String, AttributeValue> written, Map<String, AttributeValue> after) {
        if (!t.ttlEnabled) {
            return; // as TimeToLive.track would, before the item's key is copied out of it for every write
        }
        ttl.track(t, t.keyOf(written), after, this::due);
    }

    /**
     * UpdateTimeToLive. The change takes effect at once (DescribeTimeToLive shows ENABLED or DISABLED, never the
     * transitions); a second change within the hour the first one may take is refused, as AWS documents. Enabling
     * schedules the items already there, with the table key as DynamoDB holds it through its grant; without it
     * they are scheduled at the table's next read or write.
     */
    TableRecord update(TableCaller caller, String region, String name, boolean enabled, String attribute) {
        TableState s = live.settled(caller, region, name);
        synchronized (s) {
            TableRecord t = s.record;
            TableRefusals.refuseIfArchived(t);
            if (enabled && t.ttlEnabled) {
                throw DomainException.validation("TimeToLive is already enabled");
            }
            if (!enabled && !t.ttlEnabled) {
                throw DomainException.validation("TimeToLive is already disabled");
            }
            if (t.ttlUpdatedAt != null && clock.now().isBefore(t.ttlUpdatedAt.plus(CHANGE))) {
                throw DomainException.validation("Time to live has been modified multiple times within a fixed interval");
            }
            t.ttlEnabled = enabled;
            t.ttlAttribute = attribute;
            t.ttlUpdatedAt = clock.now();
            catalog.save(t);
            storage.commit();
            ttl.forget(t);
            if (!enabled) {
                return TableCatalog.copy(t);
            }
        }
        TableKeyring ring;
        try {
            ring = keys.keyringAsService(s.record);
        } catch (RuntimeException e) {
            return TableCatalog.copy(s.record); // KMS refused or unreachable: the next read or write schedules them
        }
        synchronized (s) {
            schedule(s, items.session(s, ring));
            return TableCatalog.copy(s.record);
        }
    }

    /** Fills the table's Time to Live schedule from its items, if it has none. Caller holds the lock. */
    private void schedule(TableState s, TableSession session) {
        TableRecord t = s.record;
        if (!ttl.needsIndex(t)) {
            return;
        }
        ttl.startIndex(t);
        for (var it = session.items(); it.hasNext(); ) {
            Map<String, AttributeValue> item = it.next();
            ttl.track(t, t.keyOf(item), item, this::due);
        }
    }

    /** The table is gone: its schedule with it. */
    void forget(TableRecord t) {
        ttl.forget(t);
    }

    /**
     * The earliest expiry of a table has passed: DynamoDB deletes the expired items with the table key it gets
     * through its grant. While the table is inaccessible nothing is deleted (and a refusal here is how DynamoDB
     * finds the key gone); the deadline comes back when the key does (onAccessible).
     */
    private void due(TableRecord t) {
        TableState s = live.get(t.account, t.region, t.name);
        if (s == null || s.record != t) {
            return;
        }
        TableKeyring held = null;
        synchronized (s) {
            ttl.fired(t);
            if (deletesWhileInaccessible && lifecycle.isInaccessible(t)) {
                held = keys.heldRing(t);
            }
            if (!t.ttlEnabled || (held == null && lifecycle.isInaccessible(t)) || TableLifecycle.isArchived(t)
                    || t.status == TableRecord.Status.DELETING) {
                return;
            }
        }
        TableKeyring ring;
        try {
            ring = held != null ? held : keys.keyringAsService(t);
        } catch (KeyAccessException e) {
            synchronized (s) {
                lifecycle.inaccessible(s);
            }
            return;
        } catch (RuntimeException e) {
            synchronized (s) {
                ttl.reschedule(t, this::due); // KMS unreachable: tried again at the clock's next move
            }
            return;
        }
        synchronized (s) {
            if ((held == null && lifecycle.isInaccessible(t)) || TableLifecycle.isArchived(t) || !t.ttlEnabled) {
                return;
            }
            TableSession session = items.session(s, ring);
            try {
                for (Map<String, AttributeValue> key : ttl.expired(t)) {
                    Map<String, AttributeValue> item = session.get(key);
                    Instant at = item == null ? null : TimeToLive.expiry(item.get(t.ttlAttribute));
                    if (at != null && at.isBefore(clock.now())) {
                        session.expire(item);
                    }
                }
            } finally {
                session.commit();
            }
            ttl.reschedule(t, this::due);
        }
    }
}

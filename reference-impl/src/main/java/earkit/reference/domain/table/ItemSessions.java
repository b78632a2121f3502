package earkit.reference.domain.table;

import earkit.reference.Fault;
import earkit.reference.Faults;
import earkit.reference.crypto.SealBroken;
import earkit.reference.crypto.TableKeyring;
import earkit.reference.domain.DomainException;
import earkit.reference.storage.DamagedStoreException;
import earkit.reference.storage.Storage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Opens the items of a table for one request: the refusals every item call shares, the table key of the caller's
 * connection, the table's lock, the observers around the work and the store's damage answered as such. The item
 * operations, the transactions and Time to Live all reach items through it, so that they refuse alike and their
 * writes reach the same listeners (streams, replication, the Time to Live schedule).
 */
final class ItemSessions {
    /** A table ready for item work: found, serving data, with the table key of the caller's connection. */
    record Opened(TableState state, TableKeyring ring) {
    }

    private final LiveTables live;
    private final TableLifecycle lifecycle;
    private final ConnectionKeyrings keyrings;
    private final Storage storage;
    private final Faults faults;
    private final List<ItemChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final List<ItemObserver> observers = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<TableState, TableSession>> openings = new CopyOnWriteArrayList<>();

    ItemSessions(LiveTables live, TableLifecycle lifecycle, ConnectionKeyrings keyrings, Storage storage, Faults faults) {
        this.live = live;
        this.lifecycle = lifecycle;
        this.keyrings = keyrings;
        this.storage = storage;
        this.faults = faults;
    }

    /** Registers a listener of every item write (streams, replication). */
    void onItemChange(ItemChangeListener listener) {
        listeners.add(listener);
    }

    /** Registers what runs on every session opened for a request, under the table's lock (the Time to Live schedule fills itself). */
    void onOpen(BiConsumer<TableState, TableSession> opening) {
        openings.add(opening);
    }

    /** Registers an observer of item requests (e.g. global table replication, which runs around them). */
    void observe(ItemObserver observer) {
        observers.add(observer);
    }

    /**
     * Runs {@code work} on the items of a table, under its lock, with the table key of the caller's connection
     * ({@code pathFaults}: the self-test faults that let this data path skip KMS, such as BATCH_GET_SKIPS_KEY_CHECK for
     * one table of a BatchGetItem; none, or null entries, for the common path).
     */
    <T> T withItems(TableCaller caller, String region, String name, Function<TableSession, T> work, Fault... pathFaults) {
        Opened o = open(caller, region, name, pathFaults);
        return guarded(() -> {
            synchronized (o.state()) {
                TableSession session = session(o);
                try {
                    return work.apply(session);
                } finally {
                    session.commit();
                }
            }
        });
    }

    /**
     * The refusals every item call shares, before any lock: no such table (or one still being created or
     * deleted), an archived table, a table key KMS refuses (which makes the table inaccessible). {@code pathFaults}:
     * the self-test faults that let this data path skip KMS (none, or null entries, for the common path).
     */
    Opened open(TableCaller caller, String region, String name, Fault... pathFaults) {
        TableState s = live.get(caller.account(), region, name);
        if (s != null && lifecycle.settle(s)) {
            s = live.get(caller.account(), region, name); // a queued deletion may have removed it
        }
        if (s == null || s.record.status == TableRecord.Status.CREATING || s.record.status == TableRecord.Status.DELETING) {
            throw new DomainException("ResourceNotFoundException", "Requested resource not found");
        }
        lifecycle.checkDataPlane(s.record);
        return new Opened(s, keyrings.of(s, caller, pathFaults));
    }

    /** The items of an opened table for one request; the caller holds the table's lock. */
    TableSession session(Opened o) {
        TableSession session = session(o.state(), o.ring());
        openings.forEach(opening -> opening.accept(o.state(), session));
        return session;
    }

    /** The items of a table with a keyring obtained otherwise (DynamoDB's own, through its grant); the caller holds the lock. */
    TableSession session(TableState s, TableKeyring ring) {
        return new TableSession(s, ring, storage, faults, listeners);
    }

    /** Item work with the observers around it and the store's damage answered as such. */
    <T> T guarded(Supplier<T> work) {
        observers.forEach(ItemObserver::beforeItems);
        try {
            return work.get();
        } catch (SealBroken e) {
            throw new IntegrityException(e.getMessage());
        } catch (DamagedStoreException e) {
            throw new IntegrityException("the store file is damaged");
        } finally {
            observers.forEach(ItemObserver::afterItems);
        }
    }
}

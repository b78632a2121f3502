package earkit.reference.domain.table;

import earkit.reference.Fault;
import earkit.reference.Faults;
import earkit.reference.time.Deadline;
import earkit.reference.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * When a table's status changes: the asynchronous transitions (CREATING, UPDATING, DELETING → done) that
 * complete in a short REAL time, so SDK and CLI waiters work unchanged; and the key-access states driven by
 * KMS answers and the virtual clock (INACCESSIBLE_ENCRYPTION_CREDENTIALS, ARCHIVING, ARCHIVED). Which
 * transitions exist, and why, is {@link TableRecord.Status}.
 *
 * <p>Nothing here polls. A lost key is found when DynamoDB next needs the table key (a connection's refresh, a
 * new connection, or its own work with the key: Time to Live deletions, replication into a replica), as the KMS
 * Developer Guide's "Table key caching" describes; the archival deadline is the one event scheduled then, so
 * moving the clock costs the events that fall due, not the time crossed.
 */
public final class TableLifecycle implements AutoCloseable {
    /** How long a table may stay inaccessible before it is archived (EAR-INA-005). */
    public static final Duration GRACE = Duration.ofDays(7);
    public static final String ARCHIVAL_REASON = "INACCESSIBLE_ENCRYPTION_CREDENTIALS";
    private static final long SETTLE_MILLIS = 1;

    private final TableCatalog catalog;
    private final VirtualClock clock;
    private final ScheduledExecutorService settle = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "earkit-table-lifecycle");
        t.setDaemon(true);
        return t;
    });
    private final Map<TableState, List<Runnable>> pending = new ConcurrentHashMap<>();
    /** Tables whose queued transitions a thread is running now: taken off {@code pending}, not yet applied. */
    private final Set<TableState> settling = ConcurrentHashMap.newKeySet();
    private final List<BiConsumer<TableRecord, Instant>> onInaccessible = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<TableRecord, Instant>> onAccessible = new CopyOnWriteArrayList<>();
    private final Map<String, Deadline> archival = new ConcurrentHashMap<>();
    private final List<java.util.function.Consumer<TableRecord>> dataPlaneGuards = new CopyOnWriteArrayList<>();
    private TableKeys keys;
    private Backups backups;
    private final Duration grace;
    private final Faults faults;

    public TableLifecycle(TableCatalog catalog, VirtualClock clock, Faults faults) {
        this.catalog = catalog;
        this.clock = clock;
        this.faults = faults;
        this.grace = faults.has(Fault.ARCHIVE_AFTER_SIX_DAYS) ? Duration.ofDays(6)
                : faults.has(Fault.ARCHIVE_HALF_HOUR_EARLY) ? GRACE.minusMinutes(30) : GRACE;
    }

    void bind(TableKeys keys, Backups backups) {
        this.keys = keys;
        this.backups = backups;
    }

    /** Called (table record, detection time) when a table becomes inaccessible, e.g. to notify its owner. */
    public void onInaccessible(BiConsumer<TableRecord, Instant> listener) {
        onInaccessible.add(listener);
    }

    /** Called (table record, time) when an inaccessible table's key is usable again. */
    public void onAccessible(BiConsumer<TableRecord, Instant> listener) {
        onAccessible.add(listener);
    }

    /** A rule that may refuse item operations on a table in some state (it throws the AWS-shaped error). */
    public void guardDataPlane(java.util.function.Consumer<TableRecord> guard) {
        dataPlaneGuards.add(guard);
    }

    void checkDataPlane(TableRecord t) {
        dataPlaneGuards.forEach(g -> g.accept(t));
    }

    /** The RESTORE_FALLS_BACK_LATER fault: tables whose creation completes only when the virtual clock reaches the instant. */
    private final Map<TableRecord, Instant> creationHeld = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    /** Keeps a table about to be created CREATING until the virtual clock reaches {@code until} (a fault's slow restore). */
    void holdCreation(TableRecord draft, Instant until) {
        creationHeld.put(draft, until);
    }

    void created(TableState s) {
        Instant heldUntil = creationHeld.remove(s.record);
        if (heldUntil != null) {
            clock.schedule(heldUntil, "ddb-restore " + s.record.name, () -> {
                synchronized (s) {
                    if (s.record.status == TableRecord.Status.CREATING) {
                        s.record.moveTo(TableRecord.Status.ACTIVE);
                        catalog.save(s.record);
                    }
                }
            });
            return;
        }
        later(s, () -> {
            if (s.record.status == TableRecord.Status.CREATING) {
                s.record.moveTo(TableRecord.Status.ACTIVE);
                catalog.save(s.record);
            }
        });
    }

    /** UPDATING → ACTIVE, and a key switch's SSEDescription UPDATING → ENABLED; then {@code done}. */
    void updated(TableState s, Runnable done) {
        later(s, () -> {
            if (s.record.status == TableRecord.Status.UPDATING) {
                s.record.moveTo(TableRecord.Status.ACTIVE);
            }
            s.record.sseStatus = "ENABLED";
            s.record.previousKeyArn = null;
            s.record.previousKeyKind = null;
            catalog.save(s.record);
            done.run();
        });
    }

    void deleted(TableState s, Runnable removal) {
        later(s, removal);
    }

    /**
     * Queues a transition to complete right after the response that started it: at the next request that
     * touches the table (so a waiter's first poll already sees it), or after a millisecond, whichever is first.
     */
    private void later(TableState s, Runnable r) {
        pending.computeIfAbsent(s, k -> new CopyOnWriteArrayList<>()).add(r);
        settle.schedule(() -> settle(s), SETTLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Runs KMS housekeeping (grant retirement) off the table's lock, soon after the transition that needs it. */
    void afterwards(Runnable r) {
        settle.execute(r);
    }

    /** Completes the table's queued transitions; whether there were any. */
    boolean settle(TableState s) {
        if (!pending.containsKey(s) && !settling.contains(s)) {
            return false; // nearly every request: nothing queued, and no need to take the table's lock to know it
        }
        // A transition another thread has taken off the queue but not yet applied is waited for on the table's lock:
        // a request must never see the state from before it (a replica's copy right after its creation did).
        synchronized (s) {
            settling.add(s);
            try {
                List<Runnable> due = pending.remove(s);
                if (due != null) {
                    due.forEach(Runnable::run);
                }
                return due != null;
            } finally {
                settling.remove(s);
            }
        }
    }

    public boolean isInaccessible(TableRecord t) {
        return t.status == TableRecord.Status.INACCESSIBLE_ENCRYPTION_CREDENTIALS;
    }

    public static boolean isArchived(TableRecord t) {
        return t.status.archived();
    }

    /** KMS refused the table key: the table is inaccessible from now (virtual time) on. Caller holds the lock. */
    void inaccessible(TableState s) {
        if (isInaccessible(s.record)) {
            return;
        }
        Instant now = clock.now();
        s.record.moveTo(TableRecord.Status.INACCESSIBLE_ENCRYPTION_CREDENTIALS);
        s.record.inaccessibleSince = faults.has(Fault.INACCESSIBLE_DATE_IS_CREATION) ? s.record.created : now;
        catalog.save(s.record);
        keys.expire(s.record.id);
        // The fault's last use of a key never unwrapped since is its creation (GenerateDataKey served the creating request).
        Instant from = faults.has(Fault.DEADLINES_FROM_LAST_KEY_USE) ? keys.lastDecrypt(s.record.id, s.record.created) : now;
        scheduleArchival(s, from);
        onInaccessible.forEach(l -> l.accept(s.record, from));
    }

    /**
     * The archival deadline: the first instant after the grace period counted from
     * InaccessibleEncryptionDateTime ("more than seven days"). Re-derived from the record at start-up.
     */
    void scheduleArchival(TableState s) {
        scheduleArchival(s, s.record.inaccessibleSince);
    }

    private void scheduleArchival(TableState s, Instant since) {
        cancelArchival(s.record);
        String id = s.record.id;
        Instant due = archivalDeadline(since);
        archival.put(id, clock.schedule(due, "ddb-archival " + s.record.name, () -> {
            archival.remove(id);
            archivalDue(s);
        }));
    }

    /** When a table inaccessible since {@code since} is archived unless access comes back first. */
    public Instant archivalDeadline(Instant since) {
        return since.plus(grace).plusMillis(1);
    }

    /** Drops the table's archival deadline, if it has one (recovery, deletion, archival under way). */
    void cancelArchival(TableRecord t) {
        Deadline d = archival.remove(t.id);
        if (d != null) {
            d.cancel();
        }
    }

    /**
     * The grace period is over: one last look at the key (access restored at the last moment wins), then
     * ARCHIVING, and the archival backup is made right after, like other asynchronous transitions.
     */
    private void archivalDue(TableState s) {
        if (!isInaccessible(s.record)) {
            return;
        }
        check(s);
        synchronized (s) {
            if (!isInaccessible(s.record)) {
                return;
            }
            s.record.moveTo(TableRecord.Status.ARCHIVING);
            s.record.archivedAt = clock.now();
            s.record.archivalReason = ARCHIVAL_REASON;
            catalog.save(s.record);
        }
        later(s, () -> archive(s));
    }

    /**
     * ARCHIVING → ARCHIVED: the table's sealed items go into a SYSTEM backup (no key needed to copy
     * ciphertext), which is committed before the table lets go of them, so no acknowledged write is lost.
     * Caller holds the lock.
     */
    void archive(TableState s) {
        TableRecord t = s.record;
        if (t.status != TableRecord.Status.ARCHIVING) {
            return;
        }
        if (faults.has(Fault.ARCHIVAL_BACKUP_EMPTY)) {
            s.data.clear();
        }
        BackupRecord b = backups.create(s, t.name + "-archival", "SYSTEM", t.archivedAt == null ? clock.now() : t.archivedAt);
        t.archivalBackupArn = b.arn;
        t.moveTo(TableRecord.Status.ARCHIVED);
        catalog.save(t);
        s.data.clear();
        catalog.save(t); // commits the release of the items, which the backup now holds
        keys.forgetTable(t.id);
    }

    /** After a restart: the key-loss states pick up their deadlines or their unfinished step. */
    void resumeKeyLoss(TableState s) {
        if (isInaccessible(s.record)) {
            scheduleArchival(s);
        } else if (s.record.status == TableRecord.Status.ARCHIVING) {
            later(s, () -> archive(s));
        }
    }

    /** KMS granted the table key again. Caller holds the lock. */
    void accessible(TableState s) {
        if (!isInaccessible(s.record)) {
            return;
        }
        s.record.moveTo(TableRecord.Status.ACTIVE);
        if (!faults.has(Fault.INACCESSIBLE_DATE_KEPT)) {
            s.record.inaccessibleSince = null;
        }
        cancelArchival(s.record);
        catalog.save(s.record);
        onAccessible.forEach(l -> l.accept(s.record, clock.now()));
    }

    /**
     * DynamoDB's last look at the key when the archival deadline comes: through its grant, as the service.
     */
    private void check(TableState s) {
        TableRecord t;
        synchronized (s) {
            t = s.record;
            if (t.status == TableRecord.Status.DELETING || isArchived(t) || t.keyKind == TableRecord.KeyKind.OWNED) {
                return;
            }
        }
        boolean ok;
        try {
            keys.unwrap(t, null);
            ok = true;
        } catch (KeyAccessException e) {
            ok = false;
        } catch (RuntimeException e) {
            return; // KMS unreachable: no verdict now
        }
        synchronized (s) {
            if (ok) {
                accessible(s);
            } else {
                inaccessible(s);
            }
        }
    }

    @Override
    public void close() {
        settle.shutdownNow();
    }
}

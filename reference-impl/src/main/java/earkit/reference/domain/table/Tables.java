package earkit.reference.domain.table;

import earkit.reference.Fault;
import earkit.reference.Faults;
import earkit.reference.crypto.SealBroken;
import earkit.reference.crypto.TableKeyring;
import earkit.reference.domain.expression.AttributeValues;
import earkit.reference.domain.DomainException;
import earkit.reference.storage.DamagedStoreException;
import earkit.reference.storage.Storage;
import earkit.reference.time.VirtualClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.function.Consumer;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The tables of every region: creation, description, update, deletion, backup and restore, and access to
 * their items through the table key each request obtains. The parts: {@link LiveTables} (which tables exist),
 * {@link ConnectionKeyrings} (the key of a request), {@link TableSettings} and {@link KeySwitch} (UpdateTable),
 * {@link TableBackups}; status transitions are {@link TableLifecycle}'s.
 */
public final class Tables {
    /** A consistent snapshot of a table for a description. */
    public record View(TableRecord table, long itemCount, long sizeBytes, Map<String, Long> indexItemCounts) {
    }

    /** The parts of an UpdateTable the domain acts on; null members are left as they are. */
    public record Update(String billingMode, Long readCapacity, Long writeCapacity, Boolean streamEnabled,
                         String streamViewType, Boolean deletionProtection, Map<String, String> addAttributes,
                         List<TableRecord.IndexRecord> createIndexes,
                         List<String> deleteIndexes, TableKeys.Choice keyChoice) {
    }

    private final Storage storage;
    private final TableCatalog catalog;
    private final TableKeys keys;
    private final TableLifecycle lifecycle;
    private final VirtualClock clock;
    private final boolean plaintextAtRest;
    private final Faults faults;
    private final Backups backups;
    private final LiveTables live;
    private final ConnectionKeyrings keyrings;
    private final TableSettings settings;
    private final KeySwitch keySwitch;
    private final TableBackups tableBackups;
    private final Transactions transactions;
    private final TimeToLive ttl;
    private final List<ItemChangeListener> itemListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<ItemObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Tables(Storage storage, TableCatalog catalog, TableKeys keys, TableLifecycle lifecycle, VirtualClock clock,
                  Faults faults) {
        this.faults = faults;
        boolean plaintextAtRest = faults.has(Fault.PLAINTEXT_AT_REST);
        this.storage = storage;
        this.catalog = catalog;
        this.keys = keys;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.plaintextAtRest = plaintextAtRest;
        this.backups = new Backups(storage, keys, clock, faults);
        this.live = new LiveTables(lifecycle);
        this.keyrings = new ConnectionKeyrings(keys, lifecycle, faults);
        this.settings = new TableSettings(storage, clock, plaintextAtRest);
        this.keySwitch = new KeySwitch(keys, catalog, lifecycle, clock, backups, faults);
        this.tableBackups = new TableBackups(live, lifecycle, backups, clock, this::create);
        this.transactions = new Transactions(this, new IdempotencyTokens(clock));
        lifecycle.bind(keys, backups);
        lifecycle.guardDataPlane(TableRefusals::refuseIfArchived);
        this.ttl = new TimeToLive(clock);
        itemListeners.add(new ItemChangeListener() {
            @Override
            public void changed(TableRecord t, TableKeyring ring, Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
                recordInStream(t, ring, before, after, false);
            }

            @Override
            public void expired(TableRecord t, TableKeyring ring, Map<String, AttributeValue> before) {
                recordInStream(t, ring, before, null, true);
            }
        });
        itemListeners.add((t, ring, before, after) -> ttl.track(t, keyOf(t, after != null ? after : before), after, this::timeToLiveDue));
        lifecycle.onAccessible((t, at) -> ttl.reschedule(t, this::timeToLiveDue));
        for (TableRecord t : catalog.all()) {
            TableState s = new TableState(t, new TableData(storage, t));
            live.put(s);
            resume(s);
        }
    }

    /** After a restart: transitions that were in flight complete, maintenance deadlines are re-derived. */
    private void resume(TableState s) {
        switch (s.record.status) {
            case CREATING -> lifecycle.created(s);
            case UPDATING -> lifecycle.updated(s, () -> { });
            case DELETING -> lifecycle.deleted(s, () -> remove(s));
            default -> { }
        }
        if (s.record.status != TableRecord.Status.DELETING && !TableLifecycle.isArchived(s.record)) {
            lifecycle.maintain(s);
        }
        lifecycle.resumeKeyLoss(s);
    }

    /** The table's stream keeps a record of the write, sealed under the same keyring (S23). */
    private void recordInStream(TableRecord t, TableKeyring ring, Map<String, AttributeValue> before,
                                Map<String, AttributeValue> after, boolean byService) {
        TableState s = live.get(t.account, t.region, t.name);
        if (s != null && s.record == t) {
            s.data.stream().append(ring, t, clock.now(), before,
                    faults.has(Fault.STREAM_KEYS_ONLY) && after != null ? keyOf(t, after) : after, plaintextAtRest, byService);
        }
    }

    /**
     * UpdateTimeToLive. The change takes effect at once (DescribeTimeToLive shows ENABLED or DISABLED, never the
     * transitions); a second change within the hour the first one may take is refused, as AWS documents. Enabling
     * schedules the items already there, with the table key as DynamoDB holds it through its grant; without it
     * they are scheduled at the table's next read or write.
     */
    public TableRecord updateTimeToLive(TableCaller caller, String region, String name, boolean enabled, String attribute) {
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
            if (t.ttlUpdatedAt != null && clock.now().isBefore(t.ttlUpdatedAt.plus(TIME_TO_LIVE_CHANGE))) {
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
            scheduleTimeToLive(s, new TableSession(s, ring, storage, faults, itemListeners));
            return TableCatalog.copy(s.record);
        }
    }

    /** How long an UpdateTimeToLive may take to process, during which no other is accepted. */
    public static final java.time.Duration TIME_TO_LIVE_CHANGE = java.time.Duration.ofHours(1);

    /** Fills the table's Time to Live schedule from its items, if it has none. Caller holds the lock. */
    private void scheduleTimeToLive(TableState s, TableSession session) {
        TableRecord t = s.record;
        if (!ttl.needsIndex(t)) {
            return;
        }
        ttl.startIndex(t);
        for (var it = session.items(); it.hasNext(); ) {
            Map<String, AttributeValue> item = it.next();
            ttl.track(t, keyOf(t, item), item, this::timeToLiveDue);
        }
    }

    /**
     * The earliest expiry of a table has passed: DynamoDB deletes the expired items with the table key it gets
     * through its grant. While the table is inaccessible nothing is deleted (and a refusal here is how DynamoDB
     * finds the key gone); the deadline comes back when the key does (onAccessible).
     */
    private void timeToLiveDue(TableRecord t) {
        TableState s = live.get(t.account, t.region, t.name);
        if (s == null || s.record != t) {
            return;
        }
        synchronized (s) {
            ttl.fired(t);
            if (!t.ttlEnabled || lifecycle.isInaccessible(t) || TableLifecycle.isArchived(t)
                    || t.status == TableRecord.Status.DELETING) {
                return;
            }
        }
        TableKeyring ring;
        try {
            ring = keys.keyringAsService(t);
        } catch (KeyAccessException e) {
            synchronized (s) {
                lifecycle.inaccessible(s);
            }
            return;
        } catch (RuntimeException e) {
            synchronized (s) {
                ttl.reschedule(t, this::timeToLiveDue); // KMS unreachable: tried again at the clock's next move
            }
            return;
        }
        synchronized (s) {
            if (lifecycle.isInaccessible(t) || TableLifecycle.isArchived(t) || !t.ttlEnabled) {
                return;
            }
            TableSession session = new TableSession(s, ring, storage, faults, itemListeners);
            try {
                for (Map<String, AttributeValue> key : ttl.expired(t)) {
                    Map<String, AttributeValue> item = session.get(key);
                    java.time.Instant at = item == null ? null : TimeToLive.expiry(item.get(t.ttlAttribute));
                    if (at != null && at.isBefore(clock.now())) {
                        session.expire(item);
                    }
                }
            } finally {
                session.commit();
            }
            ttl.reschedule(t, this::timeToLiveDue);
        }
    }

    /** The key attributes of an item (the STREAM_KEYS_ONLY fault's stream image). */
    private static Map<String, AttributeValue> keyOf(TableRecord t, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> keys = new java.util.LinkedHashMap<>();
        keys.put(t.hashKey(), item.get(t.hashKey()));
        if (t.rangeKey() != null) {
            keys.put(t.rangeKey(), item.get(t.rangeKey()));
        }
        return keys;
    }

    /** Registers a listener of every item write (streams, replication). */
    public void onItemChange(ItemChangeListener listener) {
        itemListeners.add(listener);
    }

    /** The self-test faults this server runs with, for the service layer's few guarded branches. */
    public Faults faults() {
        return faults;
    }

    public TableLifecycle lifecycle() {
        return lifecycle;
    }

    /** Registers an observer of item requests (e.g. global table replication, which runs around them). */
    public void observe(ItemObserver observer) {
        observers.add(observer);
    }

    public View create(TableCaller caller, TableRecord draft, TableKeys.Choice choice) {
        return create(caller, draft, choice, List.of());
    }

    /** Creates a table holding {@code items} from its first moment (a restore). */
    private View create(TableCaller caller, TableRecord draft, TableKeys.Choice choice, List<Map<String, AttributeValue>> items) {
        if (live.contains(draft.account, draft.region, draft.name)) {
            throw new DomainException("ResourceInUseException", "Table already exists: " + draft.name);
        }
        draft.id = UUID.randomUUID().toString();
        draft.created = clock.now();
        draft.status = TableRecord.Status.CREATING; // where every table begins (see TableRecord.Status)
        draft.keyVersion = 1;
        TableKeys.Resolved resolved = keys.resolve(draft, choice, caller.arn());
        TableKeys.NewKey key = keys.create(draft, resolved, caller.arn());
        key.installIn(draft, TableKeyring.freshMaterial(draft.id, key.plaintext()));
        if (faults.has(Fault.KEY_REPORTED_AS_NAMED) && choice.keyId() != null) {
            draft.keyArn = choice.keyId();
        }
        TableState s = new TableState(draft, new TableData(storage, draft));
        if (live.putIfAbsent(s) != null) {
            keys.retireGrant(draft.region, key.keyArn(), key.grantId());
            throw new DomainException("ResourceInUseException", "Table already exists: " + draft.name);
        }
        synchronized (s) {
            catalog.save(draft);
            TableKeyring ring = keys.remember(draft, key.plaintext(), caller.connectionId());
            for (Map<String, AttributeValue> item : items) {
                s.data.put(ring, item, null, AttributeValues.size(item), plaintextAtRest);
            }
            storage.commit();
            View v = view(s);
            lifecycle.created(s);
            lifecycle.maintain(s);
            return v;
        }
    }

    public View describe(TableCaller caller, String region, String name) {
        TableState s = live.settled(caller, region, name);
        synchronized (s) {
            return view(s);
        }
    }

    public List<String> names(TableCaller caller, String region) {
        return live.names(caller, region);
    }

    /**
     * UpdateTable. An inaccessible table may be updated; a key switch then needs KMS to give the old key back
     * first (J3 in features/README.md). The new key is made outside the table's lock, as it calls KMS.
     */
    public View update(TableCaller caller, String region, String name, Update u) {
        TableState s = live.settled(caller, region, name);
        TableRecord t;
        synchronized (s) {
            t = s.record;
            TableRefusals.refuseIfArchived(t);
            if (t.status != TableRecord.Status.ACTIVE && !lifecycle.isInaccessible(t)) {
                throw TableRefusals.inUse(t);
            }
        }
        TableKeyring ring = null;
        if (u.keyChoice() != null || TableSettings.needKeyring(u)) {
            ring = keyrings.of(s, caller);
        }
        TableKeys.NewKey newKey = u.keyChoice() == null ? null : keySwitch.newKey(t, u.keyChoice(), caller);
        synchronized (s) {
            settings.apply(s, u, ring);
            if (newKey != null) {
                keySwitch.commit(s, newKey, ring, caller);
            } else {
                catalog.save(t);
            }
            return view(s);
        }
    }

    /** TagResource, UntagResource: {@code change} edits the table's tags under its lock; they are persisted. */
    public Map<String, String> retag(TableCaller caller, String region, String name, Consumer<Map<String, String>> change) {
        TableState s = live.settled(caller, region, name);
        synchronized (s) {
            change.accept(s.record.tags);
            catalog.save(s.record);
            return new LinkedHashMap<>(s.record.tags);
        }
    }

    public View delete(TableCaller caller, String region, String name) {
        TableState s = live.settled(caller, region, name);
        synchronized (s) {
            TableRecord t = s.record;
            if (t.status == TableRecord.Status.CREATING || t.status == TableRecord.Status.UPDATING
                    || t.status == TableRecord.Status.DELETING) {
                throw TableRefusals.inUse(t);
            }
            if (t.deletionProtection) {
                throw DomainException.validation("Resource cannot be deleted as it is currently protected against "
                        + "deletion. Disable deletion protection first.");
            }
            t.moveTo(TableRecord.Status.DELETING);
            catalog.save(t);
            lifecycle.stopMaintenance(t);
            View v = view(s);
            lifecycle.deleted(s, () -> remove(s));
            return v;
        }
    }

    private void remove(TableState s) {
        TableRecord t = s.record;
        ttl.forget(t);
        s.data.clear();
        catalog.remove(t);
        live.remove(s);
        keys.forgetTable(t.id);
        lifecycle.afterwards(() -> keys.retireGrant(t.region, t.keyArn, t.grantId));
    }

    /**
     * Runs {@code work} on the items of a table, under its lock, with the table key of the caller's
     * connection. A KMS refusal makes the table inaccessible; a usable key makes an inaccessible table
     * accessible again.
     */
    public <T> T withItems(TableCaller caller, String region, String name, Function<TableSession, T> work) {
        return withItems(caller, region, name, false, work);
    }

    /** {@link #withItems} for one table of a BatchGetItem (the path the BATCH_GET_SKIPS_KEY_CHECK fault is on). */
    public <T> T withBatchGetItems(TableCaller caller, String region, String name, Function<TableSession, T> work) {
        return withItems(caller, region, name, true, work);
    }

    private <T> T withItems(TableCaller caller, String region, String name, boolean batchGet, Function<TableSession, T> work) {
        Opened o = open(caller, region, name, batchGet);
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

    /** A table ready for item work: found, serving data, with the table key of the caller's connection. */
    record Opened(TableState state, TableKeyring ring) {
    }

    /**
     * The refusals every item call shares, before any lock: no such table (or one still being created or
     * deleted), an archived table, a table key KMS refuses (which makes the table inaccessible).
     */
    Opened open(TableCaller caller, String region, String name) {
        return open(caller, region, name, false);
    }

    private Opened open(TableCaller caller, String region, String name, boolean batchGet) {
        TableState s = live.get(caller.account(), region, name);
        if (s != null && lifecycle.settle(s)) {
            s = live.get(caller.account(), region, name); // a queued deletion may have removed it
        }
        if (s == null || s.record.status == TableRecord.Status.CREATING || s.record.status == TableRecord.Status.DELETING) {
            throw new DomainException("ResourceNotFoundException", "Requested resource not found");
        }
        lifecycle.checkDataPlane(s.record);
        return new Opened(s, keyrings.of(s, caller, batchGet));
    }

    /** The items of an opened table for one request; the caller holds the table's lock. */
    TableSession session(Opened o) {
        TableSession session = new TableSession(o.state(), o.ring(), storage, faults, itemListeners);
        scheduleTimeToLive(o.state(), session);
        return session;
    }

    /** Item work with the observers around it and the store's damage answered as such. */
    <T> T guarded(java.util.function.Supplier<T> work) {
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

    /** TransactWriteItems and TransactGetItems: all-or-nothing work on the items of several tables. */
    public Transactions transactions() {
        return transactions;
    }

    public Backups backups() {
        return backups;
    }

    /** CreateBackup (see {@link TableBackups#backup}). */
    public BackupRecord backup(TableCaller caller, String region, String name, String backupName) {
        return tableBackups.backup(caller, region, name, backupName);
    }

    /** RestoreTableFromBackup (see {@link TableBackups#restore}). */
    public View restore(TableCaller caller, String region, String backupArn, String targetName, TableKeys.Choice override) {
        return tableBackups.restore(caller, region, backupArn, targetName, override);
    }

    /**
     * A table's stream shard of {@code label}: its first and last record, the sequence number the table's next
     * record gets, and where records were trimmed below (0: none).
     */
    public record StreamBounds(long first, long last, long next, long trimmedBelow) {
        /** Whether the record {@code seq} was there once and has been trimmed (24 hours old). */
        public boolean trimmed(long seq) {
            return seq < trimmedBelow;
        }
    }

    /** The bounds of the label's shard now, after trimming the records older than 24 hours. */
    public StreamBounds streamBounds(TableCaller caller, String region, String name, String label) {
        TableState s = live.settled(caller, region, name);
        synchronized (s) {
            StreamLog log = s.data.stream();
            log.trim(clock.now());
            storage.commit();
            long first = log.first(label);
            return new StreamBounds(first, log.last(label), log.next(), log.trimmedBelow(label));
        }
    }

    /** Forgets the cached table keys of a closed client connection. */
    public void connectionClosed(String connectionId) {
        keyrings.connectionClosed(connectionId);
    }

    private View view(TableState s) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (TableRecord.IndexRecord ix : s.record.indexes) {
            counts.put(ix.name, (long) s.data.indexItemCount(ix.name));
        }
        return new View(TableCatalog.copy(s.record), s.data.itemCount(), s.data.sizeBytes(), counts);
    }

    /** The instant the clock shows, for descriptions. */
    public Instant now() {
        return clock.now();
    }
}

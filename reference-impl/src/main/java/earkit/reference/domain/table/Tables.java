package earkit.reference.domain.table;

import earkit.reference.Fault;
import earkit.reference.Faults;
import earkit.reference.crypto.TableKeyring;
import earkit.reference.domain.expression.AttributeValues;
import earkit.reference.domain.DomainException;
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
 * {@link TableBackups}, {@link ItemSessions} (the items of a table for one request), {@link TableTimeToLive};
 * status transitions are {@link TableLifecycle}'s.
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
    private final TableTimeToLive timeToLive;
    private final ItemSessions items;

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
        this.items = new ItemSessions(live, lifecycle, keyrings, storage, faults);
        this.transactions = new Transactions(items, new IdempotencyTokens(clock));
        lifecycle.bind(keys, backups);
        lifecycle.guardDataPlane(TableRefusals::refuseIfArchived);
        items.onItemChange(new ItemChangeListener() {
            @Override
            public void changed(TableRecord t, TableKeyring ring, Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
                recordInStream(t, ring, before, after, false);
            }

            @Override
            public void expired(TableRecord t, TableKeyring ring, Map<String, AttributeValue> before) {
                recordInStream(t, ring, before, null, true);
            }
        });
        this.timeToLive = new TableTimeToLive(live, lifecycle, catalog, keys, clock, storage, items, faults);
        for (TableRecord t : catalog.all()) {
            TableState s = new TableState(t, new TableData(storage, t));
            live.put(s);
            resume(s);
        }
    }

    /** After a restart: transitions that were in flight complete, key-loss deadlines are re-derived. */
    private void resume(TableState s) {
        switch (s.record.status) {
            case CREATING -> lifecycle.created(s);
            case UPDATING -> lifecycle.updated(s, () -> { });
            case DELETING -> lifecycle.deleted(s, () -> remove(s));
            default -> { }
        }
        lifecycle.resumeKeyLoss(s);
    }

    /** The table's stream keeps a record of the write, sealed under the same keyring (S23). */
    private void recordInStream(TableRecord t, TableKeyring ring, Map<String, AttributeValue> before,
                                Map<String, AttributeValue> after, boolean byService) {
        TableState s = live.get(t.account, t.region, t.name);
        if (s != null && s.record == t) {
            s.data.stream().append(ring, t, clock.now(), before,
                    faults.has(Fault.STREAM_KEYS_ONLY) && after != null ? t.keyOf(after) : after, plaintextAtRest, byService);
        }
    }

    /** UpdateTimeToLive (see {@link TableTimeToLive#update}). */
    public TableRecord updateTimeToLive(TableCaller caller, String region, String name, boolean enabled, String attribute) {
        return timeToLive.update(caller, region, name, enabled, attribute);
    }

    /** Registers a listener of every item write (streams, replication). */
    public void onItemChange(ItemChangeListener listener) {
        items.onItemChange(listener);
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
        items.observe(observer);
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
            lifecycle.cancelArchival(t);
            View v = view(s);
            lifecycle.deleted(s, () -> remove(s));
            return v;
        }
    }

    private void remove(TableState s) {
        TableRecord t = s.record;
        timeToLive.forget(t);
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
        return items.withItems(caller, region, name, work);
    }

    /**
     * {@link #withItems} on a data path that a self-test fault lets skip KMS ({@code pathFault}: BATCH_GET_SKIPS_KEY_CHECK
     * for one table of a BatchGetItem, PARTIQL_SKIPS_KEY_CHECK for a PartiQL statement; null for none).
     */
    public <T> T withItems(TableCaller caller, String region, String name, Fault pathFault, Function<TableSession, T> work) {
        return items.withItems(caller, region, name, work, pathFault);
    }

    /**
     * {@link #withItems} for a Query or Scan: {@code indexName} is the index it reads, or null for the table (an
     * index read is the path the INDEX_READ_SKIPS_KEY_CHECK fault is on); {@code pathFault} as above.
     */
    public <T> T withReadItems(TableCaller caller, String region, String name, String indexName, Fault pathFault,
                               Function<TableSession, T> work) {
        return items.withItems(caller, region, name, work, indexName == null ? null : Fault.INDEX_READ_SKIPS_KEY_CHECK, pathFault);
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

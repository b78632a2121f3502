package earkit.reference.domain.table;

import earkit.reference.crypto.SealBroken;
import earkit.reference.crypto.TableKeyring;
import earkit.reference.domain.expression.AttributeValues;
import earkit.reference.domain.DomainException;
import earkit.reference.storage.Storage;
import earkit.reference.time.VirtualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The tables of every region: creation, description, update (key switch, indexes, stream, billing),
 * deletion, and access to their items through the table key each request obtains.
 */
public final class Tables {
    /** Who asks, over which connection: the key cache is per connection, KMS calls are on the caller's behalf. */
    public record Caller(String connectionId, String arn, String account) {
    }

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
    private final Backups backups;
    private final Map<Slot, TableState> live = new ConcurrentHashMap<>();
    private final List<ItemChangeListener> itemListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<ItemObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Tables(Storage storage, TableCatalog catalog, TableKeys keys, TableLifecycle lifecycle, VirtualClock clock,
                  boolean plaintextAtRest) {
        this.storage = storage;
        this.catalog = catalog;
        this.keys = keys;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.plaintextAtRest = plaintextAtRest;
        this.backups = new Backups(storage, keys, clock);
        lifecycle.bind(keys, backups);
        lifecycle.guardDataPlane(Tables::refuseIfArchived);
        itemListeners.add(this::recordInStream);
        for (TableRecord t : catalog.all()) {
            TableState s = new TableState(t, new TableData(storage, t));
            live.put(slot(t.account, t.region, t.name), s);
            resume(s);
        }
    }

    /** After a restart: transitions that were in flight complete, maintenance deadlines are re-derived. */
    private void resume(TableState s) {
        switch (s.record.status) {
            case "CREATING" -> lifecycle.created(s);
            case "UPDATING" -> lifecycle.updated(s, () -> { });
            case "DELETING" -> lifecycle.deleted(s, () -> remove(s));
            default -> { }
        }
        if (!"DELETING".equals(s.record.status) && !TableLifecycle.isArchived(s.record)) {
            lifecycle.maintain(s);
        }
        lifecycle.resumeKeyLoss(s);
    }

    /** The table's stream keeps a record of the write, sealed under the same keyring (S23). */
    private void recordInStream(TableRecord t, TableKeyring ring, Map<String, AttributeValue> before,
                                Map<String, AttributeValue> after) {
        TableState s = live.get(slot(t.account, t.region, t.name));
        if (s != null && s.record == t) {
            s.data.stream().append(ring, t, clock.now(), before, after, plaintextAtRest);
        }
    }

    /** Registers a listener of every item write (streams, replication). */
    public void onItemChange(ItemChangeListener listener) {
        itemListeners.add(listener);
    }

    public TableLifecycle lifecycle() {
        return lifecycle;
    }

    /** Registers an observer of item requests (e.g. global table replication, which runs around them). */
    public void observe(ItemObserver observer) {
        observers.add(observer);
    }

    public View create(Caller caller, TableRecord draft, TableKeys.Choice choice) {
        return create(caller, draft, choice, List.of());
    }

    /** Creates a table holding {@code items} from its first moment (a restore). */
    private View create(Caller caller, TableRecord draft, TableKeys.Choice choice, List<Map<String, AttributeValue>> items) {
        if (live.containsKey(slot(draft.account, draft.region, draft.name))) {
            throw new DomainException("ResourceInUseException", "Table already exists: " + draft.name);
        }
        draft.id = UUID.randomUUID().toString();
        draft.created = clock.now();
        draft.status = "CREATING";
        draft.keyVersion = 1;
        TableKeys.Resolved resolved = keys.resolve(draft, choice, caller.arn());
        TableKeys.NewKey key = keys.create(draft, resolved, caller.arn());
        install(draft, key, TableKeyring.freshMaterial(draft.id, key.plaintext()));
        TableState s = new TableState(draft, new TableData(storage, draft));
        if (live.putIfAbsent(slot(draft.account, draft.region, draft.name), s) != null) {
            keys.retireGrant(draft.region, key.keyArn(), key.grantId());
            throw new DomainException("ResourceInUseException", "Table already exists: " + draft.name);
        }
        synchronized (s) {
            catalog.save(draft);
            TableKeyring ring = keys.remember(draft, key.plaintext(), caller.connectionId());
            s.data.ensureLoaded(ring);
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

    private static void install(TableRecord t, TableKeys.NewKey key, TableKeyring.Material material) {
        t.keyKind = key.kind();
        t.keyArn = key.keyArn();
        t.grantId = key.grantId();
        t.wrappedTableKey = key.wrapped();
        t.wrappedDataKeys = material.wrappedDataKeys();
        t.wrappedNamingKey = material.wrappedNamingKey();
    }

    public View describe(Caller caller, String region, String name) {
        TableState s = state(caller, region, name);
        synchronized (s) {
            return view(s);
        }
    }

    public List<String> names(Caller caller, String region) {
        List<String> out = new ArrayList<>();
        live.values().forEach(lifecycle::settle);
        for (TableState s : live.values()) {
            if (s.record.region.equals(region) && s.record.account.equals(caller.account())) {
                out.add(s.record.name);
            }
        }
        out.sort(null);
        return out;
    }

    public View update(Caller caller, String region, String name, Update u) {
        TableState s = state(caller, region, name);
        TableRecord t;
        synchronized (s) {
            t = s.record;
            refuseIfArchived(t);
            // An inaccessible table may be updated; a key switch then needs KMS to give the old key back first.
            if (!"ACTIVE".equals(t.status) && !lifecycle.isInaccessible(t)) {
                throw inUse(t);
            }
        }
        TableKeys.NewKey newKey = null;
        TableKeyring ring = null;
        if (u.keyChoice() != null || (u.createIndexes() != null && !u.createIndexes().isEmpty())) {
            ring = sessionKeyring(s, caller);
        }
        if (u.keyChoice() != null) {
            TableKeys.Resolved target = keys.resolve(t, u.keyChoice(), caller.arn());
            boolean toOwned = target.kind() == TableRecord.KeyKind.OWNED;
            if (toOwned ? t.keyKind == TableRecord.KeyKind.OWNED : target.arn().equals(t.keyArn)) {
                throw DomainException.validation(toOwned ? "Table is already encrypted by default"
                        : "Table is already encrypted by given KMSMasterKeyId");
            }
            KeySwitchQuota.check(t, clock.now(), toOwned);
            newKey = keys.create(t, target, caller.arn());
        }
        synchronized (s) {
            if (u.billingMode() != null) {
                t.billingMode = u.billingMode();
                if ("PAY_PER_REQUEST".equals(u.billingMode())) {
                    t.readCapacity = null;
                    t.writeCapacity = null;
                }
            }
            if (u.readCapacity() != null) {
                t.readCapacity = u.readCapacity();
                t.writeCapacity = u.writeCapacity();
            }
            if (u.streamEnabled() != null) {
                t.streamEnabled = u.streamEnabled();
                t.streamViewType = u.streamEnabled() ? u.streamViewType() : null;
                if (u.streamEnabled()) {
                    t.streamLabel = clock.now().toString().replace("Z", "");
                }
            }
            if (u.deletionProtection() != null) {
                t.deletionProtection = u.deletionProtection();
            }
            if (u.deleteIndexes() != null) {
                for (String ix : u.deleteIndexes()) {
                    t.indexes.removeIf(i -> i.name.equals(ix));
                    s.data.dropIndex(ix);
                }
            }
            if (u.createIndexes() != null && !u.createIndexes().isEmpty()) {
                u.addAttributes().forEach(t.attributeTypes::putIfAbsent);
                s.data.ensureLoaded(ring);
                List<Map<String, AttributeValue>> items = new ArrayList<>();
                Iterator<ItemSpace.Entry> it = s.data.space(null).all(ring, null);
                it.forEachRemaining(e -> items.add(e.item()));
                for (TableRecord.IndexRecord ix : u.createIndexes()) {
                    t.indexes.add(ix);
                    s.data.addIndex(storage, ix);
                }
                for (Map<String, AttributeValue> item : items) {
                    s.data.put(ring, item, item, AttributeValues.size(item), plaintextAtRest);
                }
            }
            boolean switching = newKey != null;
            if (switching) {
                t.previousKeyArn = t.keyArn;
                t.previousKeyKind = t.keyKind;
                String oldGrant = t.grantId;
                String oldArn = t.keyArn;
                install(t, newKey, ring.rewrap(newKey.plaintext()));
                t.keyVersion++;
                t.sseStatus = "UPDATING";
                t.keySwitches.add(clock.now());
                keys.remember(t, newKey.plaintext(), caller.connectionId());
                lifecycle.maintain(s);
                t.status = "UPDATING";
                catalog.save(t);
                View v = view(s);
                lifecycle.updated(s, () -> lifecycle.afterwards(() -> keys.retireGrant(t.region, oldArn, oldGrant)));
                return v;
            }
            catalog.save(t);
            return view(s);
        }
    }

    public View delete(Caller caller, String region, String name) {
        TableState s = state(caller, region, name);
        synchronized (s) {
            TableRecord t = s.record;
            if ("CREATING".equals(t.status) || "UPDATING".equals(t.status) || "DELETING".equals(t.status)) {
                throw inUse(t);
            }
            if (t.deletionProtection) {
                throw DomainException.validation("Resource cannot be deleted as it is currently protected against "
                        + "deletion. Disable deletion protection first.");
            }
            t.status = "DELETING";
            catalog.save(t);
            lifecycle.stopMaintenance(t);
            View v = view(s);
            lifecycle.deleted(s, () -> remove(s));
            return v;
        }
    }

    private static DomainException inUse(TableRecord t) {
        String doing = switch (t.status) {
            case "CREATING" -> "Table is being created";
            case "UPDATING" -> "Table is being updated";
            case "DELETING" -> "Table is being deleted";
            default -> "Table is in status " + t.status;
        };
        return new DomainException("ResourceInUseException", "Attempt to change a resource which is still in use: "
                + doing + ": " + t.name);
    }

    private void remove(TableState s) {
        TableRecord t = s.record;
        s.data.clear();
        catalog.remove(t);
        live.remove(slot(t.account, t.region, t.name), s);
        keys.forgetTable(t.id);
        lifecycle.afterwards(() -> keys.retireGrant(t.region, t.keyArn, t.grantId));
    }

    /**
     * Runs {@code work} on the items of a table, under its lock, with the table key of the caller's
     * connection. A KMS refusal makes the table inaccessible; a usable key makes an inaccessible table
     * accessible again.
     */
    public <T> T withItems(Caller caller, String region, String name, Function<TableSession, T> work) {
        Slot slot = slot(caller.account(), region, name);
        TableState s = live.get(slot);
        if (s != null && lifecycle.settle(s)) {
            s = live.get(slot); // a queued deletion may have removed it
        }
        if (s == null || "CREATING".equals(s.record.status) || "DELETING".equals(s.record.status)) {
            throw new DomainException("ResourceNotFoundException", "Requested resource not found");
        }
        lifecycle.checkDataPlane(s.record);
        TableKeyring ring = sessionKeyring(s, caller);
        observers.forEach(ItemObserver::beforeItems);
        try {
            synchronized (s) {
                s.data.ensureLoaded(ring);
                TableSession session = new TableSession(s, ring, storage, plaintextAtRest, itemListeners);
                try {
                    return work.apply(session);
                } finally {
                    session.commit();
                }
            }
        } catch (SealBroken e) {
            throw new IntegrityException(e.getMessage());
        } finally {
            observers.forEach(ItemObserver::afterItems);
        }
    }

    /** The reference's choice for spec-facts J4: data-plane calls on an archived table are a ValidationException. */
    private static void refuseIfArchived(TableRecord t) {
        if ("ARCHIVING".equals(t.status)) {
            throw DomainException.validation("Table " + t.name + " is being archived (ArchivalReason "
                    + t.archivalReason + "); no operations are allowed until archival completes");
        }
        if ("ARCHIVED".equals(t.status)) {
            throw DomainException.validation("Table " + t.name + " is archived (ArchivalReason " + t.archivalReason
                    + "); restore its archival backup " + t.archivalBackupArn + " to a new table");
        }
    }

    public Backups backups() {
        return backups;
    }

    /**
     * CreateBackup: a copy of the table's sealed items under its key of this moment. Allowed while the table
     * is ACTIVE or INACCESSIBLE_ENCRYPTION_CREDENTIALS (copying ciphertext needs no key).
     */
    public BackupRecord backup(Caller caller, String region, String name, String backupName) {
        TableState s = live.get(slot(caller.account(), region, name));
        if (s != null) {
            lifecycle.settle(s);
        }
        if (s == null || "CREATING".equals(s.record.status) || "DELETING".equals(s.record.status)) {
            throw new DomainException("TableNotFoundException", "Table not found: " + name);
        }
        synchronized (s) {
            TableRecord t = s.record;
            if (TableLifecycle.isArchived(t)) {
                refuseIfArchived(t);
            }
            if (!"ACTIVE".equals(t.status) && !lifecycle.isInaccessible(t)) {
                throw new DomainException("TableInUseException", "Table is being updated: " + name);
            }
            return backups.create(s, backupName, "USER");
        }
    }

    /**
     * RestoreTableFromBackup: a new table with the backup's items. Without an override the new table gets
     * the backup's key (the reference's choice for spec-facts J6); opening the backup needs that key usable.
     */
    public View restore(Caller caller, String region, String backupArn, String targetName, TableKeys.Choice override) {
        BackupRecord b = backups.get(backupArn)
                .filter(x -> x.source.region.equals(region) && x.source.account.equals(caller.account()))
                .orElseThrow(() -> Backups.notFound(backupArn));
        if (live.containsKey(slot(caller.account(), region, targetName))) {
            throw new DomainException("TableAlreadyExistsException", "Table already exists: " + targetName);
        }
        List<Map<String, AttributeValue>> items = backups.open(b, caller.arn());
        TableRecord src = b.source;
        TableRecord draft = TableCatalog.copy(src);
        draft.name = targetName;
        draft.account = caller.account();
        draft.keyKind = TableRecord.KeyKind.OWNED;
        draft.keyArn = null;
        draft.grantId = null;
        draft.sseStatus = "ENABLED";
        draft.previousKeyArn = null;
        draft.previousKeyKind = null;
        draft.inaccessibleSince = null;
        draft.keySwitches = new ArrayList<>();
        draft.streamEnabled = false;
        draft.streamViewType = null;
        draft.streamLabel = null;
        draft.deletionProtection = false;
        draft.archivedAt = null;
        draft.archivalReason = null;
        draft.archivalBackupArn = null;
        draft.restoredFromBackupArn = b.arn;
        draft.restoredFromTableArn = src.arn();
        draft.restoredAt = clock.now();
        TableKeys.Choice choice = override != null ? override : switch (src.keyKind) {
            case OWNED -> new TableKeys.Choice(TableRecord.KeyKind.OWNED, null);
            case MANAGED -> new TableKeys.Choice(TableRecord.KeyKind.MANAGED, null);
            case CUSTOMER -> new TableKeys.Choice(TableRecord.KeyKind.CUSTOMER, src.keyArn);
        };
        return create(caller, draft, choice, items);
    }

    /** Where a table's stream shard of {@code label} begins, and the sequence number of its next record. */
    public record StreamBounds(long first, long next) {
    }

    public StreamBounds streamBounds(Caller caller, String region, String name, String label) {
        TableState s = state(caller, region, name);
        synchronized (s) {
            return new StreamBounds(s.data.stream().first(label), s.data.stream().next());
        }
    }

    private TableKeyring sessionKeyring(TableState s, Caller caller) {
        boolean wasInaccessible = lifecycle.isInaccessible(s.record);
        TableKeyring ring;
        try {
            ring = keys.keyring(s.record, caller.connectionId(), caller.arn(), wasInaccessible);
        } catch (SealBroken e) {
            throw new IntegrityException(e.getMessage());
        } catch (KeyAccessException e) {
            if (caller.arn() != null && serviceCanUnwrap(s)) {
                throw e; // only this caller is refused (e.g. a key policy denies it); the table stays accessible
            }
            synchronized (s) {
                lifecycle.inaccessible(s);
            }
            throw e;
        }
        if (wasInaccessible) {
            synchronized (s) {
                lifecycle.accessible(s);
            }
        }
        return ring;
    }

    private boolean serviceCanUnwrap(TableState s) {
        try {
            keys.unwrap(s.record, null);
            return true;
        } catch (KeyAccessException e) {
            return false;
        }
    }

    /** Forgets the cached table keys of a closed client connection. */
    public void connectionClosed(String connectionId) {
        keys.forgetConnection(connectionId);
    }

    private TableState state(Caller caller, String region, String name) {
        TableState s = live.get(slot(caller.account(), region, name));
        if (s != null) {
            lifecycle.settle(s);
            s = live.get(slot(caller.account(), region, name));
        }
        if (s == null) {
            throw new DomainException("ResourceNotFoundException", "Requested resource not found: Table: " + name + " not found");
        }
        return s;
    }

    private View view(TableState s) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (TableRecord.IndexRecord ix : s.record.indexes) {
            counts.put(ix.name, (long) s.data.indexItemCount(ix.name));
        }
        return new View(TableCatalog.copy(s.record), s.data.itemCount(), s.data.sizeBytes(), counts);
    }

    /**
     * Where a table lives: every item request looks it up, by these three names as they are. Equality is written
     * out, as the record's generated equality is slower on so hot a look-up.
     */
    private record Slot(String account, String region, String name) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Slot s && name.equals(s.name) && account.equals(s.account) && region.equals(s.region);
        }

        @Override
        public int hashCode() {
            return (account.hashCode() * 31 + region.hashCode()) * 31 + name.hashCode();
        }
    }

    private static Slot slot(String account, String region, String name) {
        return new Slot(account, region, name);
    }

    /** The instant the clock shows, for descriptions. */
    public Instant now() {
        return clock.now();
    }
}

package earkit.reference.domain.table;

import earkit.reference.crypto.TableKeyring;
import earkit.reference.protocol.ApiException;
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
    private final Map<String, TableState> live = new ConcurrentHashMap<>();
    private final List<ItemChangeListener> itemListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Tables(Storage storage, TableCatalog catalog, TableKeys keys, TableLifecycle lifecycle, VirtualClock clock,
                  boolean plaintextAtRest) {
        this.storage = storage;
        this.catalog = catalog;
        this.keys = keys;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.plaintextAtRest = plaintextAtRest;
        lifecycle.bind(keys);
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
        if (!"DELETING".equals(s.record.status)) {
            lifecycle.maintain(s);
        }
    }

    /** Registers a listener of every item write (streams, replication). */
    public void onItemChange(ItemChangeListener listener) {
        itemListeners.add(listener);
    }

    public TableLifecycle lifecycle() {
        return lifecycle;
    }

    public View create(Caller caller, TableRecord draft, TableKeys.Choice choice) {
        if (live.containsKey(slot(draft.account, draft.region, draft.name))) {
            throw new ApiException("ResourceInUseException", "Table already exists: " + draft.name);
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
            throw new ApiException("ResourceInUseException", "Table already exists: " + draft.name);
        }
        synchronized (s) {
            catalog.save(draft);
            s.data.ensureLoaded(keys.remember(draft, key.plaintext(), caller.connectionId()));
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
                throw ApiException.validation(toOwned ? "Table is already encrypted by default"
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
                    s.data.put(ring, item, item, plaintextAtRest);
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
                throw ApiException.validation("Resource cannot be deleted as it is currently protected against "
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

    private static ApiException inUse(TableRecord t) {
        String doing = switch (t.status) {
            case "CREATING" -> "Table is being created";
            case "UPDATING" -> "Table is being updated";
            case "DELETING" -> "Table is being deleted";
            default -> "Table is in status " + t.status;
        };
        return new ApiException("ResourceInUseException", "Attempt to change a resource which is still in use: "
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
        TableState s = live.get(slot(caller.account(), region, name));
        if (s != null) {
            lifecycle.settle(s);
            s = live.get(slot(caller.account(), region, name));
        }
        if (s == null || "CREATING".equals(s.record.status) || "DELETING".equals(s.record.status)) {
            throw new ApiException("ResourceNotFoundException", "Requested resource not found");
        }
        lifecycle.checkDataPlane(s.record);
        TableKeyring ring = sessionKeyring(s, caller);
        synchronized (s) {
            s.data.ensureLoaded(ring);
            TableSession session = new TableSession(s, ring, storage, plaintextAtRest, itemListeners);
            try {
                return work.apply(session);
            } finally {
                session.commit();
            }
        }
    }

    private TableKeyring sessionKeyring(TableState s, Caller caller) {
        boolean wasInaccessible = lifecycle.isInaccessible(s.record);
        TableKeyring ring;
        try {
            ring = keys.keyring(s.record, caller.connectionId(), caller.arn(), wasInaccessible);
        } catch (KeyAccessException e) {
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
            throw new ApiException("ResourceNotFoundException", "Requested resource not found: Table: " + name + " not found");
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

    private static String slot(String account, String region, String name) {
        return account + "/" + region + "/" + name;
    }

    /** The instant the clock shows, for descriptions. */
    public Instant now() {
        return clock.now();
    }
}

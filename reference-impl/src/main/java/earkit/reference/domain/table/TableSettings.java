package earkit.reference.domain.table;

import earkit.reference.crypto.TableKeyring;
import earkit.reference.storage.Storage;
import earkit.reference.time.VirtualClock;

/**
 * UpdateTable's changes other than the key: billing mode, capacity, stream, deletion protection and indexes.
 * They take effect at once; a new index is filled from the table's items, sealed under the table's keyring.
 */
final class TableSettings {
    private final Storage storage;
    private final VirtualClock clock;
    private final boolean plaintextAtRest;

    TableSettings(Storage storage, VirtualClock clock, boolean plaintextAtRest) {
        this.storage = storage;
        this.clock = clock;
        this.plaintextAtRest = plaintextAtRest;
    }

    /** Whether the update needs the table's keyring (to fill a new index). */
    static boolean needKeyring(Tables.Update u) {
        return u.createIndexes() != null && !u.createIndexes().isEmpty();
    }

    /** Applies the update's settings; {@code ring} is null unless {@link #needKeyring}. Caller holds the table's lock. */
    void apply(TableState s, Tables.Update u, TableKeyring ring) {
        TableRecord t = s.record;
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
            changeStream(t, u.streamEnabled(), u.streamViewType());
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
        if (needKeyring(u)) {
            u.addAttributes().forEach(t.attributeTypes::putIfAbsent);
            for (TableRecord.IndexRecord ix : u.createIndexes()) {
                t.indexes.add(ix);
                s.data.addIndex(storage, ix);
                s.data.backfill(ring, ix, plaintextAtRest);
            }
        }
    }

    /**
     * Enabling makes a new stream (a new label, hence a new ARN); the one it replaces stays readable for 24 hours
     * after it was disabled, as its records do. Disabling keeps the view type, which DescribeStream still shows.
     */
    private void changeStream(TableRecord t, boolean enabled, String viewType) {
        java.time.Instant now = clock.now();
        t.pastStreams.removeIf(p -> !now.isBefore(p.disabledAt.plus(StreamLog.RETENTION)));
        if (enabled) {
            if (t.streamLabel != null) {
                t.pastStreams.add(new TableRecord.PastStream(t.streamLabel, t.streamViewType,
                        t.streamDisabledAt != null ? t.streamDisabledAt : now));
            }
            t.streamLabel = newLabel(t, now);
            t.streamViewType = viewType;
            t.streamDisabledAt = null;
        } else {
            t.streamDisabledAt = now;
        }
        t.streamEnabled = enabled;
    }

    /** The time, as DynamoDB writes stream labels; a millisecond later if a stream of the table already has it. */
    private static String newLabel(TableRecord t, java.time.Instant now) {
        java.time.Instant at = now;
        while (true) {
            String label = at.toString().replace("Z", "");
            if (!label.equals(t.streamLabel) && t.pastStreams.stream().noneMatch(p -> p.label.equals(label))) {
                return label;
            }
            at = at.plusMillis(1);
        }
    }
}

package earkit.reference.domain.table;

import earkit.reference.domain.DomainException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The tables of every region that exist now, by account, region and name: every request finds its table here. */
final class LiveTables {
    private final Map<Slot, TableState> bySlot = new ConcurrentHashMap<>();
    private final TableLifecycle lifecycle;

    LiveTables(TableLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** The table as it is, queued transitions not yet settled; null if there is none. */
    TableState get(String account, String region, String name) {
        return bySlot.get(new Slot(account, region, name));
    }

    boolean contains(String account, String region, String name) {
        return bySlot.containsKey(new Slot(account, region, name));
    }

    /** Adds the table unless one of its name exists; the one that exists, or null. */
    TableState putIfAbsent(TableState s) {
        TableRecord t = s.record;
        return bySlot.putIfAbsent(new Slot(t.account, t.region, t.name), s);
    }

    void put(TableState s) {
        TableRecord t = s.record;
        bySlot.put(new Slot(t.account, t.region, t.name), s);
    }

    void remove(TableState s) {
        TableRecord t = s.record;
        bySlot.remove(new Slot(t.account, t.region, t.name), s);
    }

    Collection<TableState> all() {
        return bySlot.values();
    }

    /** The table after its queued transitions (a queued deletion may have removed it), or ResourceNotFoundException. */
    TableState settled(TableCaller caller, String region, String name) {
        TableState s = get(caller.account(), region, name);
        if (s != null) {
            lifecycle.settle(s);
            s = get(caller.account(), region, name);
        }
        if (s == null) {
            throw new DomainException("ResourceNotFoundException", "Requested resource not found: Table: " + name + " not found");
        }
        return s;
    }

    /** ListTables: the names of the caller's tables in {@code region}, after every queued transition, sorted. */
    List<String> names(TableCaller caller, String region) {
        List<String> out = new ArrayList<>();
        bySlot.values().forEach(lifecycle::settle);
        for (TableState s : bySlot.values()) {
            if (s.record.region.equals(region) && s.record.account.equals(caller.account())) {
                out.add(s.record.name);
            }
        }
        out.sort(null);
        return out;
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
}

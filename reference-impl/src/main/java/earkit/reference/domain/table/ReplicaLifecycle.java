package earkit.reference.domain.table;

import earkit.reference.Fault;
import earkit.reference.Faults;
import earkit.reference.domain.DomainException;
import earkit.reference.time.Deadline;
import earkit.reference.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What key loss does to a global table replica (EAR-GTR-001, EAR-GTR-002): its table turns
 * INACCESSIBLE_ENCRYPTION_CREDENTIALS (as any table does, see {@link TableLifecycle}), it misses the
 * writes of the others, and 20 hours after detection it leaves the replication group while its table
 * stays. Access restored before that: the replica catches up on what it missed.
 */
public final class ReplicaLifecycle {
    public static final Duration REMOVAL = Duration.ofHours(20);

    private final Tables tables;
    private final ReplicationGroups groups;
    private final Replicator replicator;
    private final VirtualClock clock;
    private final Map<String, Deadline> removals = new ConcurrentHashMap<>();
    private final Faults faults;

    public ReplicaLifecycle(Tables tables, ReplicationGroups groups, Replicator replicator, VirtualClock clock, Faults faults) {
        this.faults = faults;
        this.tables = tables;
        this.groups = groups;
        this.replicator = replicator;
        this.clock = clock;
        tables.lifecycle().onInaccessible((t, at) -> {
            if (groups.of(t.account, t.name, t.region).isPresent()) {
                scheduleRemoval(t.account, t.name, t.region, at);
            }
        });
        tables.lifecycle().onAccessible((t, at) -> {
            cancel(slot(t.account, t.name, t.region));
            if (groups.of(t.account, t.name, t.region).isPresent()) {
                replicator.catchUp(t.account, t.name, t.region);
            }
        });
        resume();
    }

    /** After a restart the removal deadlines are derived again from the persisted detection times. */
    private void resume() {
        for (ReplicationGroup g : groups.all()) {
            for (String region : g.regions) {
                Instant since = tables.describe(Replicator.caller(g.account), region, g.name).table().inaccessibleSince;
                if (since != null) {
                    scheduleRemoval(g.account, g.name, region, since);
                }
            }
        }
    }

    private void scheduleRemoval(String account, String name, String region, Instant detected) {
        String slot = slot(account, name, region);
        cancel(slot);
        Duration removal = faults.has(Fault.REPLICA_REMOVED_AFTER_19_HOURS) ? REMOVAL.minusHours(1) : REMOVAL;
        removals.put(slot, clock.schedule(detected.plus(removal), "replica-removal " + name + " " + region,
                () -> remove(slot, account, name, region)));
    }

    private void remove(String slot, String account, String name, String region) {
        removals.remove(slot);
        replicator.exclusive(() -> {
            if (stillInaccessible(account, region, name)) {
                groups.leave(account, name, region);
                if (faults.has(Fault.REMOVED_REPLICA_DELETED)) {
                    tables.delete(Replicator.caller(account), region, name);
                }
            }
            return null;
        });
    }

    private boolean stillInaccessible(String account, String region, String name) {
        try {
            return tables.describe(Replicator.caller(account), region, name).table().inaccessibleSince != null;
        } catch (DomainException e) {
            return true; // the table is gone: nothing left to replicate to
        }
    }

    private void cancel(String slot) {
        Deadline d = removals.remove(slot);
        if (d != null) {
            d.cancel();
        }
    }

    private static String slot(String account, String name, String region) {
        return account + "/" + name + "/" + region;
    }
}

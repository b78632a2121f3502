package earkit.reference.domain.table;

import earkit.reference.Fault;
import earkit.reference.Faults;
import earkit.reference.crypto.TableKeyring;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Global table replication. A write committed on a member table is queued (under the table's lock, so
 * the queue keeps each table's commit order) and applied to the other members by the request's own
 * thread right after it leaves the table lock, before the response is sent: when a write is
 * acknowledged, every reachable replica has it. One lock serialises all replication work, so it is the
 * only place where two table locks are ever held together (source, then replica), and no deadlock can
 * form with requests, which hold one table lock at a time.
 *
 * <p>A replica that cannot take a write (its key is unusable) misses it; when its key works again it
 * catches up by copying the current items of a healthy member, so no missed write waits anywhere in
 * plaintext.
 *
 * <p>Conflicts are resolved as DynamoDB documents for version 2019.11.21: last writer wins, by the service's
 * timestamp (Developer Guide, "Global tables: how it works"). Every committed write gets a stamp when it commits,
 * under its table's lock; a replicated write is applied only if the replica's own last write of that item (put or
 * delete) is older. So two Regions writing one item at the same moment both end with the later write. The stamp is
 * a counter of commits of this one process, finer than the virtual clock, which may stand still between writes.
 */
public final class Replicator implements ItemObserver, ItemChangeListener {
    /** The pseudo connection on which replication caches the table keys it uses. */
    static final String CONNECTION = "kit-replication";

    /** A change of one item: its key, its new image (null when deleted), when it was committed and where. */
    record Write(Map<String, AttributeValue> key, Map<String, AttributeValue> item, long stamp, String region) {
    }

    /** One item of one member table. */
    private record ItemOf(String account, String name, String region, Map<String, AttributeValue> key) {
    }

    /** The last write of an item a member table holds: when it was committed, and in which Region. */
    private record LastWrite(long stamp, String region) {
    }

    private final Tables tables;
    private final ReplicationGroups groups;
    private final Faults faults;
    private final ReentrantLock lock = new ReentrantLock();
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    /** Tasks queued and not yet finished: a task being run by another thread still counts. */
    private final AtomicInteger unfinished = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong();
    /** The stamp of the last write (put or delete) of each item of a member table, deletions included. */
    private final Map<ItemOf, LastWrite> lastWrites = new ConcurrentHashMap<>();

    public Replicator(Tables tables, ReplicationGroups groups, Faults faults) {
        this.tables = tables;
        this.groups = groups;
        this.faults = faults;
        tables.observe(this);
        tables.onItemChange(this);
    }

    static TableCaller caller(String account) {
        return new TableCaller(CONNECTION, null, account);
    }

    @Override
    public void beforeItems() {
        drain();
    }

    /** Queues the change for the other replicas; changes made by replication itself are not sent again. */
    @Override
    public void changed(TableRecord table, TableKeyring keyring, Map<String, AttributeValue> before,
                        Map<String, AttributeValue> after) {
        if (lock.isHeldByCurrentThread() || groups.of(table.account, table.name, table.region).isEmpty()) {
            return;
        }
        String account = table.account;
        String name = table.name;
        String source = table.region;
        Map<String, AttributeValue> key = table.keyOf(after != null ? after : before);
        Write w = new Write(key, after, clock.incrementAndGet(), source);
        lastWrites.put(new ItemOf(account, name, source, key), new LastWrite(w.stamp(), source));
        enqueue(() -> fanOut(account, name, source, w));
    }

    @Override
    public void afterItems() {
        drain();
    }

    /** Queues a full catch-up of a replica from a healthy member (safe to call under a table lock). */
    void catchUp(String account, String name, String region) {
        enqueue(() -> resync(account, name, region));
    }

    private void enqueue(Runnable task) {
        unfinished.incrementAndGet();
        queue.add(task);
    }

    /** Runs membership work alone, after everything queued so far has been replicated. */
    <T> T exclusive(Supplier<T> work) {
        lock.lock();
        try {
            runQueued();
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Applies everything queued; returns once the caller's own queued writes are applied. */
    public void drain() {
        if (lock.isHeldByCurrentThread() || unfinished.get() == 0) {
            return;
        }
        lock.lock();
        try {
            runQueued();
        } finally {
            lock.unlock();
        }
    }

    private void runQueued() {
        Runnable task;
        while ((task = queue.poll()) != null) {
            try {
                task.run();
            } finally {
                unfinished.decrementAndGet();
            }
        }
    }

    private void fanOut(String account, String name, String source, Write w) {
        ReplicationGroup g = groups.find(account, name).orElse(null);
        if (g == null || !g.has(source)) {
            return;
        }
        for (String region : g.regions) {
            if (region.equals(source)) {
                continue;
            }
            try {
                tables.withItems(caller(account), region, name, s -> {
                    apply(s, new ItemOf(account, name, region, w.key()), w);
                    return null;
                });
            } catch (RuntimeException e) {
                // Unreachable replica (key unusable, table going away): it catches up when its key works again,
                // and the request that happens to drain the queue must not fail for it.
            }
        }
    }

    /** Applies {@code w} unless the replica wrote the item later itself (called under the replica's table lock). */
    private void apply(TableSession s, ItemOf at, Write w) {
        LastWrite own = lastWrites.get(at);
        if (own != null && (faults.has(Fault.CONFLICTS_BY_REGION) ? own.region().compareTo(w.region()) < 0 : own.stamp() > w.stamp())) {
            return;
        }
        lastWrites.put(at, new LastWrite(w.stamp(), w.region()));
        Map<String, AttributeValue> old = s.get(w.key());
        if (w.item() != null) {
            s.put(w.item(), old);
        } else if (old != null) {
            s.delete(old);
        }
    }

    private void resync(String account, String name, String region) {
        ReplicationGroup g = groups.find(account, name).orElse(null);
        if (g == null || !g.has(region)) {
            return;
        }
        for (String healthy : g.regions) {
            if (healthy.equals(region) || tables.describe(caller(account), healthy, name).table().status != TableRecord.Status.ACTIVE) {
                continue;
            }
            try {
                copy(account, name, healthy, region);
            } catch (RuntimeException e) {
                continue; // try the next healthy member
            }
            return;
        }
    }

    /**
     * Makes the table of {@code to} hold exactly the items of the table of {@code from}, holding both
     * locks (from, then to) so no write of either slips between reading and writing.
     */
    void copy(String account, String name, String from, String to) {
        TableCaller c = caller(account);
        tables.withItems(c, from, name, src -> tables.withItems(c, to, name, dst -> {
            Map<Map<String, AttributeValue>, Map<String, AttributeValue>> wanted = new HashMap<>();
            src.scan(null, null).forEachRemaining(f -> wanted.put(src.table().keyOf(f.item()), f.item()));
            List<Map<String, AttributeValue>> gone = new ArrayList<>();
            dst.scan(null, null).forEachRemaining(f -> {
                if (!wanted.containsKey(dst.table().keyOf(f.item()))) {
                    gone.add(f.item());
                }
            });
            gone.forEach(dst::delete);
            wanted.forEach((key, item) -> {
                Map<String, AttributeValue> old = dst.get(key);
                if (!item.equals(old)) {
                    dst.put(item, old);
                }
            });
            // The copy now holds the source's items, so it holds their ages too: an own write of the copy from
            // before it fell behind must not refuse a later replicated write as older.
            lastWrites.keySet().removeIf(i -> i.account().equals(account) && i.name().equals(name) && i.region().equals(to));
            lastWrites.entrySet().stream()
                    .filter(e -> e.getKey().account().equals(account) && e.getKey().name().equals(name) && e.getKey().region().equals(from))
                    .toList()
                    .forEach(e -> lastWrites.put(new ItemOf(account, name, to, e.getKey().key()), e.getValue()));
            return null;
        }));
    }
}

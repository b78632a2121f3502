package earkit.reference.storage;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;

/**
 * Rewrites every leaf of every map once, in key order, a bounded step at a time (the caller commits each step).
 *
 * <p>Why: under random (HMAC) keys each commit and each rewrite of scattered pages brings along the inner pages above
 * them, which the next commit or step makes new again, so chunks compacted by fill rate stay about a third dead
 * (at 1,000,000 items of 1 KB, chunks 70 % full and a file of several times the data). Leaves rewritten in key order
 * share their inner pages: one step writes a run of neighbouring leaves with the pages above them once, and only the
 * few pages on the path to the root die at the next step, so the chunks written are nearly full and the chunks left
 * behind die whole (freed by MVStore at the next commit).
 */
final class KeyOrderSweep {
    private final MVStore store;
    /** The maps still to sweep in this pass, and the key the current one goes on from (null: its first). */
    private final Deque<String> pending = new ArrayDeque<>();
    private Object from;

    KeyOrderSweep(MVStore store) {
        this.store = store;
    }

    /** Begins a pass over every map. */
    void start() {
        pending.clear();
        pending.addAll(store.getMapNames());
        from = null;
    }

    /** Abandons the pass (writes came). */
    void stop() {
        pending.clear();
        from = null;
    }

    boolean active() {
        return !pending.isEmpty();
    }

    /**
     * Rewrites about {@code bytes} of leaves from where the pass stands; the caller commits.
     *
     * @return whether pages were rewritten
     */
    boolean step(int bytes) {
        MVStore.TxCounter usage = store.registerVersionUsage(); // the pages read stay while the step reads them
        try {
            int budget = bytes;
            boolean rewritten = false;
            while (budget > 0 && !pending.isEmpty()) {
                // the reference never removes a map, so opening one by a name just read never makes it anew
                MVMap<Object, Object> map = store.openMap(pending.peekFirst());
                Object key = from == null ? map.firstKey() : map.ceilingKey(from);
                if (key == null) {
                    pending.removeFirst();
                    from = null;
                    continue;
                }
                Page<Object, Object> leaf = leafOf(map, key);
                if (leaf.isSaved()) {
                    TailEvacuation.Relocation relocation = new TailEvacuation.Relocation(leaf.getPos());
                    map.operate(leaf.getKey(0), null, relocation);
                    rewritten |= relocation.decision == MVMap.Decision.PUT;
                    budget -= leaf.getMemory();
                }
                from = map.higherKey(leaf.getKey(leaf.getKeyCount() - 1));
                if (from == null) {
                    pending.removeFirst();
                }
            }
            return rewritten;
        } finally {
            store.deregisterVersionUsage(usage);
        }
    }

    /** The leaf that holds {@code key} in the map as it is now. */
    static Page<Object, Object> leafOf(MVMap<Object, Object> map, Object key) {
        Comparator<Object> order = map.getKeyType()::compare;
        Page<Object, Object> page = map.getRootPage();
        while (!page.isLeaf()) {
            int low = 0;
            int high = page.getKeyCount() - 1;
            while (low <= high) { // the first separating key above the key: its child holds it
                int mid = (low + high) >>> 1;
                if (order.compare(page.getKey(mid), key) <= 0) {
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            page = page.getChildPage(low);
        }
        return page;
    }
}

package earkit.reference.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.mvstore.CursorPos;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;
import org.h2.mvstore.SingleFileStore;

/**
 * Shrinks an MVStore file from its end, one bounded step at a time: the live pages of the chunks nearest the end
 * are rewritten the way MVStore's own compaction rewrites a page (copy on write: the key's own value put back, the
 * page and the pages above it written anew by the next commit), and MVStore puts the new chunk in the first free
 * space that holds it, i.e. before the end. The chunks at the end are then dead, freed at the next commit, and the
 * file is cut after its last live chunk as chunks are written.
 *
 * <p>Why not MVStore's own tools: {@link MVStore#compact} picks chunks by fill rate and age, not by place, so the
 * file keeps the size it reached under load; {@code compactMoveChunks} copies chunks in place instead, but in H2
 * 2.3.232 it trips its own assertion on where a chunk lands (h2database issue 4086, fixed after that release). Here
 * every step is a commit like any other: a process killed during one reopens at the last commit, before or after it.
 */
final class TailEvacuation {
    /** MVStore's block, the unit of a chunk's place and length in the file (FileStore.BLOCK_SIZE, not public). */
    private static final int BLOCK = 4096;
    /** Below this, a step's commit would cost more than the pages it moves. */
    private static final int MIN_STEP = 64 << 10;
    private final MVStore store;
    private final SingleFileStore files;

    private final MVMap<String, String> layout;

    TailEvacuation(MVStore store, SingleFileStore files) {
        this.store = store;
        this.files = files;
        this.layout = layoutOf(files);
    }

    /**
     * MVStore's layout map (where each chunk is and how full; each map's root): its leaves live in chunks like any
     * page, and a leaf listing chunks that no longer change is never rewritten by a commit, so it pins the chunk it
     * lies in wherever that is, the file's end included. MVStore's own compaction rewrites it too, but MVStore gives
     * out only a copy of it ({@link MVStore#getLayoutMap()}); the map itself is read from the file store's field
     * (H2 is pinned in the pom; TailEvacuationTest fails if the field goes).
     */
    @SuppressWarnings("unchecked")
    static MVMap<String, String> layoutOf(SingleFileStore files) {
        try {
            java.lang.reflect.Field field = org.h2.mvstore.FileStore.class.getDeclaredField("layout");
            field.setAccessible(true);
            return (MVMap<String, String>) field.get(files);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("H2's FileStore has no layout map where this version expects it", e);
        }
    }

    /** A chunk's place in the file and how full it is, from the store's layout map. */
    private record Place(int id, long block, long blocks, int fill) {
    }

    /**
     * One step; the caller commits. The chunks reaching past where the file would end if chunks filled
     * {@code fileFill} percent of it are taken from the last one back, about {@code bytes} of them, and their live
     * pages rewritten, no more than the largest free space before that end holds.
     *
     * @return whether pages were rewritten (false: the file is near its chunks' size, or there is no room yet)
     */
    boolean step(int fileFill, int bytes) {
        List<Place> places = places();
        long inChunks = places.stream().mapToLong(Place::blocks).sum();
        long end = 2 + inChunks * 100 / fileFill; // the store header takes the file's first two blocks
        int newest = places.stream().mapToInt(Place::id).max().orElse(0);
        // the last chunks of the file first, about a step's worth: the file shrinks as soon as they are empty
        places.sort(Comparator.comparingLong(Place::block).reversed());
        Set<Integer> beyond = new HashSet<>();
        long taken = 0;
        for (Place p : places) {
            if (p.block + p.blocks <= end || taken * BLOCK >= bytes) {
                break;
            }
            // the newest chunk, just written, stays: rewritten, its pages would land where it did
            if (p.id != newest) {
                beyond.add(p.id);
                taken += p.blocks;
            }
        }
        // Rewritten, their pages must fit in the free space before the end, or they land at the end again: a step
        // rewrites no more than the largest free space holds (less the inner pages the leaves bring along).
        long room = Math.min(bytes, largestGap(places, end) * BLOCK * 4 / 5);
        if (beyond.isEmpty() || room < MIN_STEP) {
            return false;
        }
        // the chunks read stay while the step reads them
        MVStore.TxCounter usage = store.registerVersionUsage();
        try {
            int n = everywhere(beyond, (int) room);
            if (n == 0) {
                // No page of them is reachable: the chunks are dead, but MVStore drops dead chunks (and cuts the
                // file after them) only in a commit that writes something, and with writes paused none comes.
                n = touch();
            }
            return n > 0;
        } finally {
            store.deregisterVersionUsage(usage);
        }
    }

    /** Rewrites the pages in the given chunks, in every map (MVStore's own meta map too), up to the budget. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private int everywhere(Set<Integer> taken, int bytes) {
        int[] budget = {bytes};
        List<MVMap> maps = new ArrayList<>();
        maps.add(store.getMetaMap());
        maps.add(layout);
        // the reference never removes a map, so opening one by a name just read never makes it anew
        for (String name : store.getMapNames()) {
            maps.add(store.openMap(name));
        }
        int rewritten = 0;
        for (int i = 0; i < maps.size() && budget[0] > 0; i++) {
            rewritten += visit(maps.get(i), maps.get(i).getRootPage(), taken, budget);
        }
        return rewritten;
    }

    /** Rewrites one leaf (of the first map that has one), so that the caller's commit has something to write. */
    private int touch() {
        for (String name : store.getMapNames()) {
            MVMap<Object, Object> map = store.openMap(name);
            Object first = map.firstKey();
            if (first != null) {
                Page<Object, Object> leaf = KeyOrderSweep.leafOf(map, first);
                return leaf.isSaved() ? rewrite(map, leaf, new int[] {Integer.MAX_VALUE}) : 0;
            }
        }
        return 0;
    }

    /**
     * Bytes from the file's start to the end of its last chunk: where the file is cut once the chunks after it are
     * freed (MVStore cuts it only when that saves at least 1 % of it, so the file's own size moves in jumps).
     */
    long endOfChunks() {
        return places().stream().mapToLong(p -> p.block + p.blocks).max().orElse(2) * BLOCK;
    }

    /** The largest free space between chunks before {@code end}, in blocks. */
    private static long largestGap(List<Place> places, long end) {
        List<Place> inOrder = new ArrayList<>(places);
        inOrder.sort(Comparator.comparingLong(Place::block));
        long largest = 0;
        long free = 2;
        for (Place p : inOrder) {
            if (free >= end) {
                break;
            }
            largest = Math.max(largest, Math.min(p.block, end) - free);
            free = Math.max(free, p.block + p.blocks);
        }
        return Math.max(largest, end - free);
    }

    private List<Place> places() {
        List<Place> out = new ArrayList<>();
        for (Map.Entry<String, String> e : store.getLayoutMap().entrySet()) {
            if (e.getKey().startsWith(DataUtils.META_CHUNK)) {
                Map<String, String> c = DataUtils.parseMap(e.getValue());
                long block = DataUtils.readHexLong(c, "block", 0);
                long blocks = DataUtils.readHexLong(c, "len", 0);
                long max = DataUtils.readHexLong(c, "max", 0);
                long live = DataUtils.readHexLong(c, "liveMax", max);
                if (block > 0 && blocks > 0) {
                    out.add(new Place(Integer.parseInt(e.getKey().substring(DataUtils.META_CHUNK.length()), 16), block,
                            blocks, max == 0 ? 100 : (int) (live * 100 / max)));
                }
            }
        }
        return out;
    }

    /**
     * Rewrites the pages under {@code page} (and it) that lie in the taken chunks, until the budget is spent. Only
     * inner pages, and the leaves rewritten, are read: the leaves hold nearly all the bytes.
     */
    private int visit(MVMap<Object, Object> map, Page<Object, Object> page, Set<Integer> taken, int[] budget) {
        int rewritten = 0;
        if (page.isLeaf()) {
            if (page.isSaved() && taken.contains(DataUtils.getPageChunkId(page.getPos()))) {
                rewritten += rewrite(map, page, budget); // a root that is a leaf
            }
            return rewritten;
        }
        int keys = page.getKeyCount();
        for (int i = 0; i <= keys && budget[0] > 0; i++) {
            long pos = page.getChildPagePos(i);
            if (pos != 0 && DataUtils.isLeafPosition(pos)) {
                if (taken.contains(DataUtils.getPageChunkId(pos))) {
                    rewritten += rewrite(map, page.getChildPage(i), budget);
                }
            } else {
                rewritten += visit(map, page.getChildPage(i), taken, budget);
            }
        }
        if (budget[0] > 0 && page.isSaved() && taken.contains(DataUtils.getPageChunkId(page.getPos()))) {
            rewritten += rewrite(map, page, budget);
        }
        return rewritten;
    }

    private int rewrite(MVMap<Object, Object> map, Page<Object, Object> page, int[] budget) {
        int keys = page.getKeyCount();
        if (keys == 0) {
            return 0;
        }
        Relocation relocation = new Relocation(page.getPos());
        map.operate(page.getKey(0), null, relocation);
        budget[0] -= page.getMemory();
        return relocation.decision == MVMap.Decision.PUT ? 1 : 0;
    }

    /**
     * Puts a key's own value back, making the page at {@code pos} and the pages above it new, only if that page is
     * still on the key's path: a page a request has changed since it was found is left alone (the change moved it
     * already), and a value changed meanwhile is never put back. MVStore's own compaction decides the same way.
     */
    static final class Relocation extends MVMap.DecisionMaker<Object> {
        private final long pos;
        MVMap.Decision decision;

        Relocation(long pos) {
            this.pos = pos;
        }

        @Override
        public MVMap.Decision decide(Object existingValue, Object providedValue, CursorPos<?, ?> tip) {
            boolean onPath = false;
            if (DataUtils.isLeafPosition(pos)) {
                onPath = tip.page.getPos() == pos;
            } else {
                for (CursorPos<?, ?> up = tip.parent; up != null && !onPath; up = up.parent) {
                    onPath = up.page.getPos() == pos;
                }
            }
            decision = onPath ? decide(existingValue, providedValue) : MVMap.Decision.ABORT;
            return decision;
        }

        @Override
        public MVMap.Decision decide(Object existingValue, Object providedValue) {
            return existingValue == null ? MVMap.Decision.ABORT : MVMap.Decision.PUT;
        }

        @Override
        public <T> T selectValue(T existingValue, T providedValue) {
            return existingValue;
        }

        @Override
        public void reset() {
            decision = null;
        }
    }
}

package earkit.reference.storage;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.SingleFileStore;

/**
 * Keeps an MVStore file near the size of its live data with MVStore's own tool, one bounded step at a time so that
 * a request never waits long for it: the live pages of sparse chunks are rewritten into a new, full chunk
 * ({@link MVStore#compact}), which leaves the sparse ones dead for MVStore to free at the next commit and reuse;
 * the file's free tail is cut as chunks are written. Chunks are not moved ({@code compactFile},
 * {@code compactMoveChunks}): in H2 2.3.232 moving them trips MVStore's own assertion on where a chunk lands
 * (h2database issue 4086), and a file whose holes are reused stays near its size without it.
 */
final class Compactor {
    /** Between two steps: the request threads' share of the store lock while compaction goes on. */
    static final long PAUSE_MILLIS = 20;
    /**
     * While writes come, chunks are rewritten while their fill rate is below this: higher rewrites the same pages
     * again and again (each rewrite of leaves rewrites the inner pages above them, which kills part of the chunk
     * the previous step wrote).
     */
    static final int TARGET_FILL = 85;
    /** Live bytes rewritten by one step: a few milliseconds of work, committed as one chunk. */
    static final int STEP_BYTES = 1 << 20;
    /** Once writes pause, chunks are rewritten up to this fill rate... */
    static final int QUIET_TARGET_FILL = 95;
    /** ...or until this many steps in a row have not made the file smaller than it was. */
    static final int STALLED_STEPS = 8;
    /** Writes have paused when none came for this long. */
    static final long QUIET_NANOS = 1_000_000_000L;

    private final MVStore store;
    private final SingleFileStore files;
    private final Runnable commit;
    private volatile long lastWrite = System.nanoTime();
    /** The smallest the file has been since writes paused, and the quiet steps since then. */
    private long smallest = Long.MAX_VALUE;
    private int stalled;

    /** @param commit commits the store (what compaction rewrote is written by the next commit) */
    Compactor(MVStore store, SingleFileStore files, Runnable commit) {
        this.store = store;
        this.files = files;
        this.commit = commit;
    }

    /** A request has written: compaction aims higher only once writes pause. */
    void written() {
        lastWrite = System.nanoTime();
    }

    /** True once no write has come for a while. */
    boolean quiet() {
        return System.nanoTime() - lastWrite > QUIET_NANOS;
    }

    /**
     * One step, its rewritten pages committed; steps are taken one at a time.
     *
     * @param writesPaused whether writes have paused (see {@link #quiet()}): compaction then aims higher
     * @return whether the file changed, i.e. whether another step may do more
     */
    synchronized boolean step(boolean writesPaused) {
        if (store.isClosed() || reclaimable() < STEP_BYTES) {
            // a small store would otherwise be rewritten whole, step after step, while it is written
            return false;
        }
        if (!writesPaused) {
            stalled = 0;
            smallest = Long.MAX_VALUE;
            return files.getChunksFillRate() < TARGET_FILL && rewrite(TARGET_FILL);
        }
        // Once writes pause: on towards the higher fill rate while the file keeps getting smaller. The live pages
        // of a B-tree under random keys keep moving (each rewrite of leaves rewrites the inner pages above them),
        // so the fill rate wanders around its best rather than reaching it; the thread then rests until new writes.
        if (stalled >= STALLED_STEPS || files.getChunksFillRate() >= QUIET_TARGET_FILL || !rewrite(QUIET_TARGET_FILL)) {
            return false;
        }
        long size = files.size();
        if (size < smallest) {
            smallest = size;
            stalled = 0;
        } else {
            stalled++;
        }
        return stalled < STALLED_STEPS;
    }

    /** Bytes of dead pages in chunks still in use: what compaction can give back. */
    private long reclaimable() {
        long used = files.size() * files.getFillRate() / 100;
        return used * (100 - files.getChunksFillRate()) / 100;
    }

    private boolean rewrite(int targetFill) {
        if (store.compact(targetFill, STEP_BYTES)) {
            commit.run();
            return true;
        }
        return false;
    }
}

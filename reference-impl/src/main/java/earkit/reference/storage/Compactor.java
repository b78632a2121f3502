package earkit.reference.storage;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.SingleFileStore;

/**
 * Keeps an MVStore file near the size of its live data, one bounded step at a time so that a request never waits
 * long for it. While writes come: the live pages of sparse chunks are rewritten into a new, full chunk with MVStore's
 * own tool ({@link MVStore#compact}), which leaves the sparse ones dead for MVStore to free at the next commit and
 * reuse. Once writes pause: first every leaf is rewritten once in key order ({@link KeyOrderSweep}) unless the
 * chunks are nearly full already, which leaves the live data in nearly full chunks (compaction by fill rate alone
 * stalled at chunks about 70 % full, a file 1.7 times the data at 100,000 items of 1 KB and 4.7 times at 1,000,000);
 * then the chunks at the end of the file are emptied into the free space before them ({@link TailEvacuation}), so
 * that the file shrinks to about its chunks' size, with sparse chunks compacted in between to make room. Every step
 * is a commit like any other.
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
    /** Leaves rewritten by one step of {@link KeyOrderSweep}, once writes pause. */
    static final int SWEEP_BYTES = 2 << 20;
    /** Once writes pause, chunks are rewritten up to this fill rate... */
    static final int QUIET_TARGET_FILL = 90;
    /** ...and the file is emptied from its end while less than this share (percent) of it is in chunks... */
    static final int QUIET_FILE_FILL = 95;
    /** ...this many bytes of chunks at a time (small enough for the free spaces between chunks to hold)... */
    static final int EVACUATION_BYTES = 4 << 20;
    /** ...until this many steps in a row have made neither the file nor the chunks in it smaller. */
    static final int STALLED_STEPS = 40;
    /** Writes have paused when none came for this long. */
    static final long QUIET_NANOS = 1_000_000_000L;

    private final MVStore store;
    private final SingleFileStore files;
    private final Runnable commit;
    private final TailEvacuation tail;
    private final KeyOrderSweep sweep;
    /** Whether the pass of {@link KeyOrderSweep} since writes paused has ended (or was not needed). */
    private boolean swept;
    private volatile long lastWrite = System.nanoTime();
    /** The smallest the file and its chunks have been since writes paused, and the quiet steps since then. */
    private long smallest = Long.MAX_VALUE;
    private int stalled;

    /** @param commit commits the store (what compaction rewrote is written by the next commit) */
    Compactor(MVStore store, SingleFileStore files, Runnable commit) {
        this.store = store;
        this.files = files;
        this.commit = commit;
        this.tail = new TailEvacuation(store, files);
        this.sweep = new KeyOrderSweep(store);
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
        if (store.isClosed()) {
            return false;
        }
        if (!writesPaused) {
            stalled = 0;
            smallest = Long.MAX_VALUE;
            swept = false;
            sweep.stop();
            // a small store would otherwise be rewritten whole, step after step, while it is written
            return reclaimable() >= STEP_BYTES && files.getChunksFillRate() < TARGET_FILL && rewrite(TARGET_FILL);
        }
        // Once writes pause: the chunks at the end of the file are emptied into the free space before them, so that
        // the file shrinks, and sparse chunks are rewritten towards the higher fill rate, which frees more space
        // before the end. The live pages of a B-tree under random keys keep moving (each rewrite of leaves rewrites
        // the inner pages above them), so the sizes wander around their best rather than reach it: once this many
        // steps in a row have made neither the file nor its chunks smaller, the thread rests until new writes.
        if (stalled >= STALLED_STEPS) {
            return false;
        }
        if (!swept) {
            if (!sweep.active()) {
                if (files.getChunksFillRate() >= QUIET_TARGET_FILL) {
                    swept = true;
                } else {
                    sweep.start();
                }
            }
            if (sweep.active()) {
                if (sweep.step(SWEEP_BYTES)) {
                    commit.run();
                }
                swept = !sweep.active();
                return true;
            }
        }
        boolean changed;
        if (tail.step(QUIET_FILE_FILL, EVACUATION_BYTES)) {
            commit.run();
            changed = true;
        } else {
            changed = reclaimable() >= STEP_BYTES && files.getChunksFillRate() < QUIET_TARGET_FILL
                    && rewrite(QUIET_TARGET_FILL);
        }
        if (!changed) {
            return false;
        }
        // progress: the file's chunks ending sooner (the file is cut there), or the chunks in it smaller (the room
        // for the end's chunks to move into)
        long size = tail.endOfChunks() + files.size() * files.getFillRate() / 100;
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

package earkit.reference.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.SingleFileStore;

/**
 * {@code --data-dir}: H2's MVStore, a pure-Java, copy-on-write, append-only key-value engine. A commit
 * writes a new chunk and never overwrites the last good one, so a process killed mid-write reopens at
 * the last commit: every write acknowledged after {@link #commit()} survives, nothing half-written shows.
 * A file damaged behind the server's back is a {@link DamagedStoreException}, whether MVStore finds it on open
 * or on a read: MVStore reports damage as MVStoreException, IllegalStateException, or (with assertions
 * enabled, as under Surefire) AssertionError, and garbage it decodes may fail in other ways still.
 *
 * <p>Each commit is a chunk holding every B-tree page the commit touched: with items under random (HMAC) keys a
 * batch of 25 rewrites about 25 leaf pages of up to 16 KB, so most of a chunk is dead a few commits later and the
 * chunks still live hold little. MVStore only frees chunks that are wholly dead; left alone, a file of 1 KB items
 * grew to about 10 times its data. A background thread ({@link Compactor}) keeps it near the data's size.
 *
 * <p>After every commit the store's version is noted in a {@link CommitRecord}; a file that reopens at an older
 * version (MVStore falls back, silently, past newest chunks it cannot read) is refused as damaged.
 *
 * <p>Kept whole though a little over 400 lines: opening, the damage checks and committing share the one MVStore and
 * its lock; compaction and tail evacuation already live beside it ({@link Compactor}, {@link TailEvacuation}).
 */
final class FileStorage implements Storage {
    private final Path file;
    private final SingleFileStore files;
    private final MVStore store;
    private final CommitRecord committed;
    private final Compactor compactor;
    private final ScheduledExecutorService maintenance;
    private final Map<String, KeyValueMap> maps = new ConcurrentHashMap<>();
    /**
     * The names of the maps this storage made, kept in a map of its own: MVStore finds a map by its name in its
     * meta map, so a stored byte of a name altered would otherwise open that map as new and empty (a table whose
     * items are all gone, without a word). Written with the map's creation, in the same commit.
     */
    private final MVMap<String, byte[]> made;
    static final String MADE = "earkit-maps";
    /**
     * The layout of what the domain stores, kept in a map of its own. Format 2: the keys of item entries begin
     * with the token of their partition (see docs/reliability.md). A store of format 1 (no such map) is refused
     * rather than migrated: migrating would open every item, under table keys only KMS can give.
     */
    static final String FORMAT_MAP = "earkit-format";
    static final byte FORMAT = 2;

    FileStorage(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.file = dir.resolve("earkit.mv.db");
        this.committed = CommitRecord.open(dir, file);
        // The file store is opened here and handed to MVStore to own, so that a file MVStore fails to read (it
        // does not always let go of what it opened when its constructor throws) never stays locked.
        this.files = new SingleFileStore(new HashMap<>());
        try {
            files.open(file.toString(), false, null);
        } catch (RuntimeException | AssertionError e) {
            committed.close();
            throw damagedOr(e);
        }
        try {
            // Commits stay the domain's own (one per request, before its answer): no autocommit, which would also
            // write a request's half-done changes on its own schedule.
            this.store = new MVStore.Builder()
                    .adoptFileStore(files)
                    .autoCommitDisabled()
                    // At most 16 keys to an inner page (48 by default): a rewritten leaf brings the inner pages
                    // above it into the new chunk, where they die at the next rewrite under them; with 64-character
                    // keys, pages of 48 left compacted chunks about a third dead, pages of 16 a fifth. Leaves are
                    // bounded by size first (16 KB, about 12 items of 1 KB).
                    .keysPerPage(16)
                    .open();
            // MVStore keeps dead chunks 45 s by default so that a power cut cannot lose a chunk the disk had not
            // flushed yet. The reference promises what a killed process keeps (what reached the operating system),
            // not what a power cut keeps; kept 45 s, a fast write load leaves gigabytes of dead chunks behind it.
            store.setRetentionTime(0);
            // Nobody reads old versions (operations register the version they read, see inUse): a dead chunk is
            // freed at the next commit, so compaction's work shows at once.
            store.setVersionsToKeep(0);
        } catch (RuntimeException | AssertionError e) {
            try {
                files.close();
            } catch (RuntimeException | AssertionError alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            committed.close();
            throw damagedOr(e);
        }
        try {
            committed.check(store.getCurrentVersion(), file);
            this.made = store.openMap(MADE);
            checkNames();
            checkFormat();
        } catch (RuntimeException | AssertionError e) {
            store.closeImmediately();
            committed.close();
            throw damagedOr(e);
        }
        this.compactor = new Compactor(store, files, this::commitCompacted);
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "earkit-store-compactor");
            t.setDaemon(true);
            return t;
        });
        maintenance.scheduleWithFixedDelay(this::compactInBackground, Compactor.PAUSE_MILLIS, Compactor.PAUSE_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** The maps MVStore names are the ones this storage made: no name lost, none altered. */
    private void checkNames() {
        Set<String> named = new TreeSet<>(store.getMapNames());
        named.remove(MADE);
        Set<String> expected = new TreeSet<>(made.keySet());
        if (!named.equals(expected)) {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(named);
            named.removeAll(expected);
            throw new DamagedStoreException(file, new IllegalStateException("the maps it names are not the ones"
                    + " made in it: missing " + missing + ", unknown " + named));
        }
    }

    /** A new store is marked with this version's format; a store of another format is refused. */
    private void checkFormat() {
        if (made.isEmpty()) {
            made.put(FORMAT_MAP, new byte[0]);
            store.<String, byte[]>openMap(FORMAT_MAP).put("format", new byte[] {FORMAT});
            return;
        }
        byte[] format = made.containsKey(FORMAT_MAP) ? store.<String, byte[]>openMap(FORMAT_MAP).get("format") : null;
        int found = format == null ? 1 : format.length == 1 ? format[0] : -1;
        if (found != FORMAT) {
            throw new StoreFormatException(file, found, FORMAT);
        }
    }

    /** One bounded compaction step, then a pause: requests wait at most for one step (see {@link Compactor}). */
    private void compactInBackground() {
        try {
            compact(compactor.quiet());
        } catch (RuntimeException | AssertionError e) {
            // A damaged file: the request that meets the damage reports it; compacting it further could spread it.
            maintenance.shutdown();
        }
    }

    /**
     * One step of compaction, its rewritten pages committed.
     *
     * @param writesPaused whether writes have paused, when compaction aims for a higher fill rate
     * @return true if it changed the file (more steps may follow), false if there was nothing to do
     */
    boolean compact(boolean writesPaused) {
        return compactor.step(writesPaused);
    }

    private synchronized void commitCompacted() {
        if (!store.isClosed()) {
            // MVStore notes that a version is no longer read only when the read ends while no commit holds its lock;
            // a version left noted keeps every chunk that died after it (tens of megabytes once writes pause, freed
            // only at close). One registration, ended here, outside any commit, settles it before this commit,
            // which then frees them.
            store.deregisterVersionUsage(store.registerVersionUsage());
            store.commit();
            committed.record(store.getCurrentVersion());
        }
    }

    /** Bytes the store file takes on disk. */
    long fileSize() {
        return files.size();
    }

    /** What MVStore threw, as damage unless it is no fault of the file (locked by another process, store closed). */
    private RuntimeException damagedOr(Throwable e) {
        if (e instanceof DamagedStoreException d) {
            return d;
        }
        if (e instanceof StoreFormatException f) {
            return f;
        }
        if (e instanceof NoSuchElementException n) {
            return n; // an iterator asked past its end
        }
        if (e instanceof MVStoreException m && (m.getErrorCode() == DataUtils.ERROR_FILE_LOCKED
                || m.getErrorCode() == DataUtils.ERROR_CLOSED)) {
            return m;
        }
        return new DamagedStoreException(file, e);
    }

    @Override
    public KeyValueMap map(String name) {
        return maps.computeIfAbsent(name, n -> {
            try {
                if (!n.equals(MADE) && !made.containsKey(n)) {
                    made.put(n, new byte[0]);
                }
                return new FileMap(store.openMap(n));
            } catch (RuntimeException | AssertionError e) {
                throw damagedOr(e);
            }
        });
    }

    /** MVStore's maps are ordered anyway. */
    @Override
    public KeyValueMap unorderedMap(String name) {
        return map(name);
    }

    @Override
    public Set<String> mapNames() {
        return new TreeSet<>(store.getMapNames());
    }

    @Override
    public synchronized void commit() {
        compactor.written();
        try {
            store.commit();
            committed.record(store.getCurrentVersion());
        } catch (RuntimeException | AssertionError e) {
            throw damagedOr(e);
        }
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public void close() {
        maintenance.shutdown();
        try {
            // a step under way finishes before the store closes under it
            maintenance.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeStore();
    }

    private synchronized void closeStore() {
        try (committed) {
            if (store.isClosed()) {
                return;
            }
            try {
                store.commit();
                // A read that ended while another thread held the store lock leaves MVStore's oldest version in
                // use behind (it looks again at the next commit, but closing commits nothing new, and its assertion
                // that every version is released fails under -ea): one registration, ended now, settles it.
                store.deregisterVersionUsage(store.registerVersionUsage());
                store.close();
                committed.record(store.getCurrentVersion());
            } catch (RuntimeException | AssertionError e) {
                store.closeImmediately(); // lets go of the file (and its lock) all the same
                throw damagedOr(e);
            }
        }
    }

    /**
     * Runs a read or write of the store with its version registered as in use: with no old versions kept and
     * dead chunks freed at once (see the constructor), a page of a chunk that died after the operation read the
     * map's root could otherwise be overwritten before the operation reads it.
     */
    private <T> T inUse(java.util.function.Supplier<T> operation) {
        MVStore.TxCounter usage = store.registerVersionUsage();
        try {
            return operation.get();
        } catch (RuntimeException | AssertionError e) {
            throw damagedOr(e);
        } finally {
            store.deregisterVersionUsage(usage);
        }
    }

    private final class FileMap implements KeyValueMap {
        /** Entries read per look at the map (see {@link #entriesFrom}). */
        private static final int BATCH = 128;
        private final MVMap<String, byte[]> map;

        FileMap(MVMap<String, byte[]> map) {
            this.map = map;
        }

        @Override
        public byte[] get(String key) {
            return inUse(() -> map.get(key));
        }

        @Override
        public void put(String key, byte[] value) {
            inUse(() -> map.put(key, value));
        }

        @Override
        public void remove(String key) {
            inUse(() -> map.remove(key));
        }

        /**
         * Read a batch at a time, each from the map as it is then, so that no read holds on to an old version
         * (whose chunks compaction may free) for longer than one batch.
         */
        @Override
        public Iterable<Map.Entry<String, byte[]>> entries() {
            return () -> new Batches(null);
        }

        @Override
        public boolean ordered() {
            return true;
        }

        @Override
        public Iterable<Map.Entry<String, byte[]>> entriesFrom(String from) {
            return () -> new Batches(from);
        }

        @Override
        public String keyFrom(String from) {
            return inUse(() -> map.ceilingKey(from));
        }

        /** The map's entries from a key on, read {@link #BATCH} at a time (see {@link #entries()}). */
        private final class Batches implements Iterator<Map.Entry<String, byte[]>> {
            private java.util.List<Map.Entry<String, byte[]>> batch = java.util.List.of();
            private int next;
            /** The first key to read, inclusive, until the first batch is read. */
            private final String from;
            private String after;
            private boolean exhausted;

            Batches(String from) {
                this.from = from;
            }

            @Override
            public boolean hasNext() {
                if (next < batch.size()) {
                    return true;
                }
                if (exhausted) {
                    return false;
                }
                batch = inUse(this::read);
                next = 0;
                exhausted = batch.size() < BATCH;
                return !batch.isEmpty();
            }

            private java.util.List<Map.Entry<String, byte[]>> read() {
                java.util.List<Map.Entry<String, byte[]>> out = new java.util.ArrayList<>(BATCH);
                String start = after == null ? from : map.higherKey(after);
                if (start == null && after != null) {
                    return out;
                }
                org.h2.mvstore.Cursor<String, byte[]> c = map.cursor(start);
                while (out.size() < BATCH && c.hasNext()) {
                    String k = c.next();
                    out.add(Map.entry(k, c.getValue()));
                }
                if (!out.isEmpty()) {
                    after = out.get(out.size() - 1).getKey();
                }
                return out;
            }

            @Override
            public Map.Entry<String, byte[]> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch.get(next++);
            }
        }

        @Override
        public int size() {
            return inUse(map::size);
        }
    }
}

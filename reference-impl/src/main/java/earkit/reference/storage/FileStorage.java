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
 */
final class FileStorage implements Storage {
    private final Path file;
    private final MVStore store;
    private final Map<String, KeyValueMap> maps = new ConcurrentHashMap<>();

    FileStorage(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.file = dir.resolve("earkit.mv.db");
        // The file store is opened here and handed to MVStore to own, so that a file MVStore fails to read (it
        // does not always let go of what it opened when its constructor throws) never stays locked.
        SingleFileStore files = new SingleFileStore(new HashMap<>());
        try {
            files.open(file.toString(), false, null);
        } catch (RuntimeException | AssertionError e) {
            throw damagedOr(e);
        }
        try {
            this.store = new MVStore.Builder()
                    .adoptFileStore(files)
                    .autoCommitDisabled()
                    .open();
        } catch (RuntimeException | AssertionError e) {
            try {
                files.close();
            } catch (RuntimeException | AssertionError alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw damagedOr(e);
        }
    }

    /** What MVStore threw, as damage unless it is no fault of the file (locked by another process, store closed). */
    private RuntimeException damagedOr(Throwable e) {
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
        try {
            store.commit();
        } catch (RuntimeException | AssertionError e) {
            throw damagedOr(e);
        }
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            try {
                store.commit();
                store.close();
            } catch (RuntimeException | AssertionError e) {
                store.closeImmediately(); // lets go of the file (and its lock) all the same
                throw damagedOr(e);
            }
        }
    }

    private final class FileMap implements KeyValueMap {
        private final MVMap<String, byte[]> map;

        FileMap(MVMap<String, byte[]> map) {
            this.map = map;
        }

        @Override
        public byte[] get(String key) {
            try {
                return map.get(key);
            } catch (RuntimeException | AssertionError e) {
                throw damagedOr(e);
            }
        }

        @Override
        public void put(String key, byte[] value) {
            try {
                map.put(key, value);
            } catch (RuntimeException | AssertionError e) {
                throw damagedOr(e);
            }
        }

        @Override
        public void remove(String key) {
            try {
                map.remove(key);
            } catch (RuntimeException | AssertionError e) {
                throw damagedOr(e);
            }
        }

        @Override
        public Iterable<Map.Entry<String, byte[]>> entries() {
            return () -> {
                try {
                    return damageChecked(map.entrySet().iterator());
                } catch (RuntimeException | AssertionError e) {
                    throw damagedOr(e);
                }
            };
        }

        private Iterator<Map.Entry<String, byte[]>> damageChecked(Iterator<Map.Entry<String, byte[]>> pages) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    try {
                        return pages.hasNext();
                    } catch (RuntimeException | AssertionError e) {
                        throw damagedOr(e);
                    }
                }

                @Override
                public Map.Entry<String, byte[]> next() {
                    try {
                        return pages.next();
                    } catch (RuntimeException | AssertionError e) {
                        throw damagedOr(e);
                    }
                }
            };
        }

        @Override
        public int size() {
            try {
                return map.size();
            } catch (RuntimeException | AssertionError e) {
                throw damagedOr(e);
            }
        }
    }
}

package earkit.reference.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * {@code --data-dir}: H2's MVStore, a pure-Java, copy-on-write, append-only key-value engine. A commit
 * writes a new chunk and never overwrites the last good one, so a process killed mid-write reopens at
 * the last commit: every write acknowledged after {@link #commit()} survives, nothing half-written shows.
 */
final class FileStorage implements Storage {
    private final MVStore store;
    private final Map<String, KeyValueMap> maps = new ConcurrentHashMap<>();

    FileStorage(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.store = new MVStore.Builder()
                .fileName(dir.resolve("earkit.mv.db").toString())
                .autoCommitDisabled()
                .open();
    }

    @Override
    public KeyValueMap map(String name) {
        return maps.computeIfAbsent(name, n -> new FileMap(store.openMap(n)));
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
        store.commit();
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.commit();
            store.close();
        }
    }

    private static final class FileMap implements KeyValueMap {
        private final MVMap<String, byte[]> map;

        FileMap(MVMap<String, byte[]> map) {
            this.map = map;
        }

        @Override
        public byte[] get(String key) {
            return map.get(key);
        }

        @Override
        public void put(String key, byte[] value) {
            map.put(key, value);
        }

        @Override
        public void remove(String key) {
            map.remove(key);
        }

        @Override
        public Iterable<Map.Entry<String, byte[]>> entries() {
            return map.entrySet();
        }

        @Override
        public int size() {
            return map.size();
        }
    }
}

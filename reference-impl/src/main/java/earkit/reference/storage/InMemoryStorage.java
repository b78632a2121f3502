package earkit.reference.storage;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The default storage: gone with the process. */
final class InMemoryStorage implements Storage {
    private final Map<String, KeyValueMap> maps = new ConcurrentHashMap<>();

    @Override
    public KeyValueMap map(String name) {
        return maps.computeIfAbsent(name, n -> new MemoryMap(new ConcurrentSkipListMap<>()));
    }

    @Override
    public KeyValueMap unorderedMap(String name) {
        return maps.computeIfAbsent(name, n -> new MemoryMap(new ConcurrentHashMap<>()));
    }

    @Override
    public Set<String> mapNames() {
        return new TreeSet<>(maps.keySet());
    }

    @Override
    public void commit() {
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public void close() {
    }

    private static final class MemoryMap implements KeyValueMap {
        private final ConcurrentMap<String, byte[]> data;

        MemoryMap(ConcurrentMap<String, byte[]> data) {
            this.data = data;
        }

        @Override
        public byte[] get(String key) {
            return data.get(key);
        }

        @Override
        public void put(String key, byte[] value) {
            data.put(key, value);
        }

        @Override
        public void remove(String key) {
            data.remove(key);
        }

        @Override
        public Iterable<Map.Entry<String, byte[]>> entries() {
            return data.entrySet();
        }

        @Override
        public boolean ordered() {
            return data instanceof java.util.NavigableMap;
        }

        @Override
        public Iterable<Map.Entry<String, byte[]>> entriesFrom(String from) {
            if (!(data instanceof java.util.concurrent.ConcurrentNavigableMap<String, byte[]> sorted)) {
                throw new UnsupportedOperationException("an unordered map has no key ranges");
            }
            return sorted.tailMap(from, true).entrySet();
        }

        @Override
        public String keyFrom(String from) {
            if (!(data instanceof java.util.concurrent.ConcurrentNavigableMap<String, byte[]> sorted)) {
                throw new UnsupportedOperationException("an unordered map has no key ranges");
            }
            return sorted.ceilingKey(from);
        }

        @Override
        public int size() {
            return data.size();
        }
    }
}

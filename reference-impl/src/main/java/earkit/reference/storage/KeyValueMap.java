package earkit.reference.storage;

import java.util.Map;

/** One named map of a {@link Storage}. */
public interface KeyValueMap {
    byte[] get(String key);

    void put(String key, byte[] value);

    void remove(String key);

    /** A weakly consistent view of all entries, in key order (in any order for {@link Storage#unorderedMap}). */
    Iterable<Map.Entry<String, byte[]>> entries();

    int size();
}

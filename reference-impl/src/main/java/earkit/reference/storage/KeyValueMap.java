package earkit.reference.storage;

import java.util.Map;

/** One named map of a {@link Storage}. */
public interface KeyValueMap {
    byte[] get(String key);

    void put(String key, byte[] value);

    void remove(String key);

    /** A weakly consistent view of all entries, in key order. */
    Iterable<Map.Entry<String, byte[]>> entries();

    int size();
}

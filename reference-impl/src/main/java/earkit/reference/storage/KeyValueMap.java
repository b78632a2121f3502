package earkit.reference.storage;

import java.util.Map;

/** One named map of a {@link Storage}. */
public interface KeyValueMap {
    byte[] get(String key);

    void put(String key, byte[] value);

    void remove(String key);

    /** A weakly consistent view of all entries, in key order (in any order for {@link Storage#unorderedMap}). */
    Iterable<Map.Entry<String, byte[]>> entries();

    /** Whether the map keeps its keys in order, so that {@link #entriesFrom} can read a range of them. */
    boolean ordered();

    /**
     * A weakly consistent view of the entries whose keys are at or after {@code from}, in key order.
     *
     * @throws UnsupportedOperationException if the map is not {@link #ordered()}
     */
    Iterable<Map.Entry<String, byte[]>> entriesFrom(String from);

    /**
     * The least key at or after {@code from}, null if none.
     *
     * @throws UnsupportedOperationException if the map is not {@link #ordered()}
     */
    String keyFrom(String from);

    int size();
}

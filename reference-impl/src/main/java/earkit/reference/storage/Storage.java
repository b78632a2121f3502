package earkit.reference.storage;

import java.nio.file.Path;
import java.util.Set;

/**
 * Where the reference keeps what it keeps: named maps of string keys to byte values. The domain
 * stores only ciphertext and wrapped keys here; {@link #mapNames()} and {@link KeyValueMap#entries()}
 * expose every stored byte so a test can prove that no plaintext is among them.
 */
public interface Storage extends AutoCloseable {

    KeyValueMap map(String name);

    /**
     * A map whose {@link KeyValueMap#entries()} come in no particular order, for data that keeps its own order
     * (item spaces): in memory, a hash map, without the cost of an ordered insert and lookup on every item
     * request. A name is opened one way throughout; the first way wins.
     */
    KeyValueMap unorderedMap(String name);

    Set<String> mapNames();

    /** Makes every write so far durable (a no-op in memory). Called before a write is acknowledged. */
    void commit();

    boolean persistent();

    @Override
    void close();

    static Storage open(Path dataDir) {
        return dataDir == null ? new InMemoryStorage() : new FileStorage(dataDir);
    }
}

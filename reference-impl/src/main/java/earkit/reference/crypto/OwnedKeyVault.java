package earkit.reference.crypto;

import earkit.reference.storage.KeyValueMap;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for the AWS owned key: the store's own root key, never reachable through the customer's
 * KMS, so tables under it make no KMS calls. It wraps table keys with the table's encryption context as
 * associated data. In {@code --data-dir} mode it is kept in its own map of the storage, as the owning
 * service keeps it in its own account.
 */
public final class OwnedKeyVault {
    private static final String ROOT = "root";
    private final byte[] root;

    public OwnedKeyVault(KeyValueMap map) {
        byte[] existing = map.get(ROOT);
        if (existing == null) {
            existing = Aead.randomKey();
            map.put(ROOT, existing);
        }
        this.root = existing;
    }

    public byte[] wrap(byte[] tableKey, String context) {
        return Aead.seal(root, tableKey, context.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] unwrap(byte[] wrapped, String context) {
        return SealBroken.open(root, wrapped, context.getBytes(StandardCharsets.UTF_8));
    }
}

package earkit.reference.crypto;

/**
 * A stored ciphertext or wrapped key did not open: moved to another item or table, altered, or opened
 * with the wrong key. The store never writes such a thing, so meeting one is an integrity failure.
 */
public final class SealBroken extends RuntimeException {
    public SealBroken(String message) {
        super(message);
    }

    static byte[] open(byte[] key, byte[] sealed, byte[] aad) {
        try {
            return Aead.open(key, sealed, aad);
        } catch (Aead.OpenFailure e) {
            throw new SealBroken(e.getMessage());
        }
    }
}

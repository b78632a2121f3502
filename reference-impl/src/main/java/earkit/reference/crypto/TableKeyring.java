package earkit.reference.crypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys below one table key: a few data encryption keys (one per storage bucket, several items share
 * one) and a naming key that turns item identities into storage keys (HMAC), so that neither values nor
 * keys reach the storage in plaintext. All of them are kept only wrapped by the table key
 * ({@link Material}); switching the table key re-wraps them and leaves the data as it is.
 */
public final class TableKeyring {
    public static final int DATA_KEYS = 8;
    private static final byte SEALED = 1;
    private static final byte PLAIN = 0;
    private static final byte[] PARTITION = "partition".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** What is persisted: every data key and the naming key, each sealed under the table key. */
    public record Material(List<byte[]> wrappedDataKeys, byte[] wrappedNamingKey) {
    }

    private final String tableId;
    private final Aead.Key[] dataKeys;
    private final byte[] namingKey;
    // Every item request names its item through this HMAC: keyed once per thread, not per call.
    private final ThreadLocal<KeyedHmac> naming;
    /** The associated data of items up to their storage key, by space and data key (see {@link #itemAad}). */
    private final java.util.concurrent.ConcurrentHashMap<String, byte[][]> aadPrefixes = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Whether values stored unsealed are read as they are: only on the diagnostic path that writes them
     * (Fault.PLAINTEXT_AT_REST). Otherwise a value marked unsealed is damage: one flipped bit turns the sealed
     * marker into the unsealed one, and the ciphertext would be served as the item.
     */
    private final boolean plaintextAccepted;

    private TableKeyring(String tableId, byte[][] dataKeys, byte[] namingKey, boolean plaintextAccepted) {
        this.tableId = tableId;
        this.plaintextAccepted = plaintextAccepted;
        this.dataKeys = new Aead.Key[dataKeys.length];
        for (int i = 0; i < dataKeys.length; i++) {
            this.dataKeys[i] = new Aead.Key(dataKeys[i]);
        }
        this.namingKey = namingKey;
        this.naming = ThreadLocal.withInitial(() -> new KeyedHmac(namingKey));
    }

    public static Material freshMaterial(String tableId, byte[] tableKey) {
        List<byte[]> deks = new ArrayList<>();
        for (int i = 0; i < DATA_KEYS; i++) {
            deks.add(Aead.seal(tableKey, Aead.randomKey(), wrapAad(tableId, "dek" + i)));
        }
        return new Material(deks, Aead.seal(tableKey, Aead.randomKey(), wrapAad(tableId, "naming")));
    }

    /** @throws SealBroken if {@code tableKey} is not the key the material was wrapped with */
    public static TableKeyring open(String tableId, byte[] tableKey, Material material) {
        return open(tableId, tableKey, material, false);
    }

    /**
     * @param plaintextAccepted whether values stored unsealed (the diagnostic path) are read as they are
     * @throws SealBroken if {@code tableKey} is not the key the material was wrapped with
     */
    public static TableKeyring open(String tableId, byte[] tableKey, Material material, boolean plaintextAccepted) {
        byte[][] deks = new byte[material.wrappedDataKeys().size()][];
        for (int i = 0; i < deks.length; i++) {
            deks[i] = SealBroken.open(tableKey, material.wrappedDataKeys().get(i), wrapAad(tableId, "dek" + i));
        }
        byte[] naming = SealBroken.open(tableKey, material.wrappedNamingKey(), wrapAad(tableId, "naming"));
        return new TableKeyring(tableId, deks, naming, plaintextAccepted);
    }

    /** The same data and naming keys wrapped by another table key (a key switch). */
    public Material rewrap(byte[] newTableKey) {
        List<byte[]> deks = new ArrayList<>();
        for (int i = 0; i < dataKeys.length; i++) {
            deks.add(Aead.seal(newTableKey, dataKeys[i].bytes(), wrapAad(tableId, "dek" + i)));
        }
        return new Material(deks, Aead.seal(newTableKey, namingKey, wrapAad(tableId, "naming")));
    }

    /**
     * The storage key of an identity within a space (the base table, or one index) whose partition has the given
     * token: the hex of the token, then the hex of an HMAC of the identity, written in one pass.
     */
    public String storageKey(String space, byte[] token, byte[] identity) {
        byte[] name = mac(space.getBytes(StandardCharsets.UTF_8), identity, identity.length);
        byte[] hex = new byte[2 * (token.length + name.length)];
        int at = hex(token, hex, 0);
        hex(name, hex, at);
        return new String(hex, StandardCharsets.ISO_8859_1);
    }

    /** An opaque, stable token standing for a partition key value; it decides scan order and segments. */
    public byte[] token(byte[] partitionIdentity) {
        return token(partitionIdentity, partitionIdentity.length);
    }

    /** The token of the identity's first {@code length} bytes (a partition key value's, at the start of a whole key's). */
    public byte[] token(byte[] identity, int length) {
        return mac(PARTITION, identity, length);
    }

    public byte[] seal(String space, String storageKey, byte[] plaintext, boolean plaintextAtRest) {
        return seal(space, storageKey, plaintext, plaintext.length, plaintextAtRest);
    }

    /** Seals the first {@code length} bytes of {@code plaintext}. */
    public byte[] seal(String space, String storageKey, byte[] plaintext, int length, boolean plaintextAtRest) {
        if (plaintextAtRest) {
            byte[] out = new byte[length + 1];
            out[0] = PLAIN;
            System.arraycopy(plaintext, 0, out, 1, length);
            return out;
        }
        int dek = Math.floorMod(storageKey.hashCode(), dataKeys.length);
        byte[] out = Aead.seal(dataKeys[dek], plaintext, length, itemAad(space, dek, storageKey), 2);
        out[0] = SEALED;
        out[1] = (byte) dek;
        return out;
    }

    /** @throws SealBroken if the bytes were not sealed for this table, space and storage key */
    public byte[] open(String space, String storageKey, byte[] stored) {
        if (stored.length > 0 && stored[0] == PLAIN) {
            if (!plaintextAccepted) {
                throw new SealBroken("a value stored unsealed where every value is sealed");
            }
            byte[] out = new byte[stored.length - 1];
            System.arraycopy(stored, 1, out, 0, out.length);
            return out;
        }
        if (stored.length < 2 || stored[0] != SEALED || (stored[1] & 0xff) >= dataKeys.length) {
            throw new SealBroken("not a sealed value of this table");
        }
        int dek = stored[1] & 0xff;
        try {
            return Aead.open(dataKeys[dek], stored, 2, itemAad(space, dek, storageKey));
        } catch (Aead.OpenFailure e) {
            throw new SealBroken(e.getMessage());
        }
    }

    /**
     * {@code "earkit/item|" + tableId + "|" + space + "|dek" + dek + "|" + storageKey} as UTF-8. Every item sealed or
     * opened needs one: the part before the storage key is kept per space and data key, and a storage key (hex)
     * is appended a byte a character, without the intermediate string and its encoding.
     */
    private byte[] itemAad(String space, int dek, String storageKey) {
        byte[] prefix = aadPrefixes.computeIfAbsent(space, this::aadPrefixes)[dek];
        int n = storageKey.length();
        byte[] aad = new byte[prefix.length + n];
        System.arraycopy(prefix, 0, aad, 0, prefix.length);
        for (int i = 0; i < n; i++) {
            char c = storageKey.charAt(i);
            if (c >= 0x80) {
                return (new String(prefix, StandardCharsets.UTF_8) + storageKey).getBytes(StandardCharsets.UTF_8);
            }
            aad[prefix.length + i] = (byte) c;
        }
        return aad;
    }

    private byte[][] aadPrefixes(String space) {
        byte[][] prefixes = new byte[dataKeys.length][];
        for (int dek = 0; dek < prefixes.length; dek++) {
            prefixes[dek] = ("earkit/item|" + tableId + "|" + space + "|dek" + dek + "|").getBytes(StandardCharsets.UTF_8);
        }
        return prefixes;
    }

    private static byte[] wrapAad(String tableId, String what) {
        return ("earkit/wrap|" + tableId + "|" + what).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] mac(byte[] space, byte[] identity, int length) {
        return naming.get().mac(space, (byte) 0, identity, length);
    }

    /** Writes the lower-case hex of {@code bytes} into {@code out} from {@code at}; returns where it ended. */
    private static int hex(byte[] bytes, byte[] out, int at) {
        for (byte b : bytes) {
            out[at++] = HEX_DIGITS[(b >> 4) & 0xf];
            out[at++] = HEX_DIGITS[b & 0xf];
        }
        return at;
    }
}

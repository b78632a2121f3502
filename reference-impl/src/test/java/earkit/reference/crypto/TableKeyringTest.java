package earkit.reference.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The table keyring binds each ciphertext to where it was sealed, and a key switch rewraps data and naming keys without touching the data. */
class TableKeyringTest {
    private final byte[] tableKey = Aead.randomKey();
    private final TableKeyring ring = TableKeyring.open("t1", tableKey, TableKeyring.freshMaterial("t1", tableKey));
    private final byte[] item = "{\"pk\":{\"S\":\"a\"}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aCiphertextOpensOnlyWhereItWasSealed() {
        String a = key(ring, "table", "a");
        String b = key(ring, "table", "b");
        byte[] sealed = ring.seal("table", a, item, false);
        assertArrayEquals(item, ring.open("table", a, sealed));
        assertThrows(SealBroken.class, () -> ring.open("table", b, sealed), "moved to another item");
        assertThrows(SealBroken.class, () -> ring.open("index:g", a, sealed), "moved into an index");
        byte[] otherKey = Aead.randomKey();
        TableKeyring other = TableKeyring.open("t2", otherKey, TableKeyring.freshMaterial("t2", otherKey));
        assertThrows(SealBroken.class, () -> other.open("table", a, sealed), "moved to another table");
        sealed[sealed.length - 1] ^= 1;
        assertThrows(SealBroken.class, () -> ring.open("table", a, sealed), "altered");
    }

    /** Items are sealed from a buffer reused by each thread: only its first bytes belong to the item. */
    @Test
    void aSealOfABuffersFirstBytesOpensToThemAlone() {
        String a = key(ring, "table", "a");
        byte[] buffer = Arrays.copyOf(item, item.length + 100);
        Arrays.fill(buffer, item.length, buffer.length, (byte) 'x');
        assertArrayEquals(item, ring.open("table", a, ring.seal("table", a, buffer, item.length, false)));
        TableKeyring diagnostic = TableKeyring.open("t1", tableKey, ring.rewrap(tableKey), true);
        assertArrayEquals(item, diagnostic.open("table", a, ring.seal("table", a, buffer, item.length, true)), "plaintext at rest");
    }

    /**
     * The sealed and unsealed markers differ in one bit: a flipped marker must not turn a ciphertext into an item
     * served as it is. Only a keyring of the diagnostic path reads unsealed values.
     */
    @Test
    void aValueMarkedUnsealedIsRefusedWhereEveryValueIsSealed() {
        String a = key(ring, "table", "a");
        byte[] sealed = ring.seal("table", a, item, false);
        sealed[0] ^= 1;
        assertThrows(SealBroken.class, () -> ring.open("table", a, sealed), "a sealed value with its marker flipped");
        assertThrows(SealBroken.class, () -> ring.open("table", a, ring.seal("table", a, item, true)),
                "an unsealed value where none is written");
    }

    @Test
    void rewrappingUnderANewTableKeyKeepsDataAndNamesAndNeedsTheNewKey() {
        String a = key(ring, "table", "a");
        byte[] sealed = ring.seal("table", a, item, false);
        byte[] newKey = Aead.randomKey();
        TableKeyring.Material rewrapped = ring.rewrap(newKey);
        TableKeyring after = TableKeyring.open("t1", newKey, rewrapped);
        assertArrayEquals(item, after.open("table", a, sealed));
        assertEquals(a, key(after, "table", "a"));
        assertThrows(SealBroken.class, () -> TableKeyring.open("t1", tableKey, rewrapped));
        assertNotEquals(a, key(ring, "index:g", "a"));
    }

    /**
     * Names and associated data are what stores already written hold: a storage key is the hex of the partition's
     * token (HMAC-SHA-256 of "partition", 0, the partition identity) then the hex of HMAC-SHA-256 of the space, 0, the
     * whole identity, both under the naming key; an item is sealed under data key {@code hash(storage key) mod 8} with
     * "earkit/item|table id|space|dek n|storage key" as associated data.
     */
    @Test
    void namesAndAssociatedDataKeepTheStoredFormat() throws Exception {
        byte[] naming = Aead.randomKey();
        byte[][] deks = new byte[TableKeyring.DATA_KEYS][];
        java.util.List<byte[]> wrapped = new java.util.ArrayList<>();
        for (int i = 0; i < deks.length; i++) {
            deks[i] = Aead.randomKey();
            wrapped.add(Aead.seal(tableKey, deks[i], ("earkit/wrap|t9|dek" + i).getBytes(StandardCharsets.UTF_8)));
        }
        TableKeyring known = TableKeyring.open("t9", tableKey, new TableKeyring.Material(wrapped,
                Aead.seal(tableKey, naming, "earkit/wrap|t9|naming".getBytes(StandardCharsets.UTF_8))));
        byte[] partition = {'S', 0, 0, 0, 2, 'p', '1'};
        byte[] whole = {'S', 0, 0, 0, 2, 'p', '1', 'S', 0, 0, 0, 1, 's'};
        byte[] token = hmac(naming, "partition", partition);
        assertArrayEquals(token, known.token(partition));
        assertArrayEquals(token, known.token(whole, partition.length));
        String storageKey = java.util.HexFormat.of().formatHex(token)
                + java.util.HexFormat.of().formatHex(hmac(naming, "index:g\u00e9", whole));
        assertEquals(storageKey, known.storageKey("index:g\u00e9", token, whole));
        byte[] sealed = known.seal("index:g\u00e9", storageKey, item, false);
        int dek = Math.floorMod(storageKey.hashCode(), TableKeyring.DATA_KEYS);
        assertEquals(dek, sealed[1]);
        assertArrayEquals(item, Aead.open(deks[dek], Arrays.copyOfRange(sealed, 2, sealed.length),
                ("earkit/item|t9|index:g\u00e9|dek" + dek + "|" + storageKey).getBytes(StandardCharsets.UTF_8)));
        String altered = "\u00e9" + storageKey.substring(1); // a key altered in the store is still named as it reads
        byte[] sealedAltered = known.seal("table", altered, item, false);
        int dekAltered = sealedAltered[1];
        assertArrayEquals(item, Aead.open(deks[dekAltered], Arrays.copyOfRange(sealedAltered, 2, sealedAltered.length),
                ("earkit/item|t9|table|dek" + dekAltered + "|" + altered).getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, String space, byte[] data) throws Exception {
        javax.crypto.Mac m = javax.crypto.Mac.getInstance("HmacSHA256");
        m.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        m.update(space.getBytes(StandardCharsets.UTF_8));
        m.update((byte) 0);
        return m.doFinal(data);
    }

    private static String key(TableKeyring ring, String space, String identity) {
        byte[] id = identity.getBytes(StandardCharsets.UTF_8);
        return ring.storageKey(space, ring.token(id), id);
    }
}

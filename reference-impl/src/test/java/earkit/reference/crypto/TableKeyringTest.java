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
        String a = ring.storageKey("table", "a".getBytes(StandardCharsets.UTF_8));
        String b = ring.storageKey("table", "b".getBytes(StandardCharsets.UTF_8));
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
        String a = ring.storageKey("table", "a".getBytes(StandardCharsets.UTF_8));
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
        String a = ring.storageKey("table", "a".getBytes(StandardCharsets.UTF_8));
        byte[] sealed = ring.seal("table", a, item, false);
        sealed[0] ^= 1;
        assertThrows(SealBroken.class, () -> ring.open("table", a, sealed), "a sealed value with its marker flipped");
        assertThrows(SealBroken.class, () -> ring.open("table", a, ring.seal("table", a, item, true)),
                "an unsealed value where none is written");
    }

    @Test
    void rewrappingUnderANewTableKeyKeepsDataAndNamesAndNeedsTheNewKey() {
        String a = ring.storageKey("table", "a".getBytes(StandardCharsets.UTF_8));
        byte[] sealed = ring.seal("table", a, item, false);
        byte[] newKey = Aead.randomKey();
        TableKeyring.Material rewrapped = ring.rewrap(newKey);
        TableKeyring after = TableKeyring.open("t1", newKey, rewrapped);
        assertArrayEquals(item, after.open("table", a, sealed));
        assertEquals(a, after.storageKey("table", "a".getBytes(StandardCharsets.UTF_8)));
        assertThrows(SealBroken.class, () -> TableKeyring.open("t1", tableKey, rewrapped));
        assertNotEquals(a, ring.storageKey("index:g", "a".getBytes(StandardCharsets.UTF_8)));
    }
}

package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Key identities are inside every stored name: their bytes are those stores already written hold. */
class ItemCodecTest {
    @Test
    void anIdentityIsTaggedLengthPrefixedValuesInOrderWithoutTheMissingOnes() {
        byte[] id = ItemCodec.identity(AttributeValue.fromS("p\u00e9"), null, AttributeValue.fromN("1.50E1"),
                AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {7, -1})));
        assertArrayEquals(new byte[] {'S', 0, 0, 0, 3, 'p', (byte) 0xc3, (byte) 0xa9,
                'N', 0, 0, 0, 2, '1', '5',
                'B', 0, 0, 0, 2, 7, -1}, id);
        assertEquals(8, ItemCodec.firstValueLength(id));
        assertArrayEquals(new byte[0], ItemCodec.identity((AttributeValue) null));
        assertArrayEquals(ItemCodec.identity(AttributeValue.fromN("15")), ItemCodec.identity(AttributeValue.fromN("1.5E+1")));
    }
}

package earkit.reference.domain.table;

import earkit.reference.json.ShapeReader;
import earkit.reference.json.ShapeWriter;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items to bytes and back (DynamoDB's own JSON form, through the one wire codec), and the canonical
 * bytes of key values that name items: numbers by value, so that 1, 1.0 and 1E0 are one key.
 */
final class ItemCodec {
    private ItemCodec() {
    }

    /** A thread's encoding buffer: an item written is sealed straight from it, not from a copy of its own. */
    static final class Encoded extends ByteArrayOutputStream {
        Encoded() {
            super(2048);
        }

        byte[] bytes() {
            return buf;
        }

        int length() {
            return count;
        }
    }

    private static final ThreadLocal<Encoded> BUFFER = ThreadLocal.withInitial(Encoded::new);

    /** The item as DynamoDB JSON, in the thread's buffer, which holds it until the thread's next call. */
    static Encoded encode(Map<String, AttributeValue> item) {
        Encoded b = BUFFER.get();
        b.reset();
        ShapeWriter.write(item, b);
        return b;
    }

    static Map<String, AttributeValue> decode(byte[] bytes) {
        return ShapeReader.readMap(bytes, AttributeValue::builder);
    }

    /** The length of the first value's part of an {@link #identity}: its tag, its length and its bytes. */
    static int firstValueLength(byte[] identity) {
        return 5 + (((identity[1] & 0xff) << 24) | ((identity[2] & 0xff) << 16) | ((identity[3] & 0xff) << 8) | (identity[4] & 0xff));
    }

    /**
     * Length-prefixed, type-tagged bytes of key values, in order; {@code null} values are skipped. Every item request
     * names its item with one: the values' bytes are taken first and written into an array of the exact size.
     */
    static byte[] identity(AttributeValue... values) {
        byte[][] parts = new byte[values.length][];
        int size = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                parts[i] = bytes(values[i]);
                size += 5 + parts[i].length;
            }
        }
        byte[] out = new byte[size];
        int at = 0;
        for (int i = 0; i < values.length; i++) {
            byte[] b = parts[i];
            if (b == null) {
                continue;
            }
            AttributeValue v = values[i];
            out[at] = (byte) (v.s() != null ? 'S' : v.n() != null ? 'N' : 'B');
            out[at + 1] = (byte) (b.length >>> 24);
            out[at + 2] = (byte) (b.length >>> 16);
            out[at + 3] = (byte) (b.length >>> 8);
            out[at + 4] = (byte) b.length;
            System.arraycopy(b, 0, out, at + 5, b.length);
            at += 5 + b.length;
        }
        return out;
    }

    /** A key value's bytes: a string's UTF-8, a number's canonical form, a binary as it is. */
    private static byte[] bytes(AttributeValue v) {
        if (v.s() != null) {
            return v.s().getBytes(StandardCharsets.UTF_8);
        }
        if (v.n() != null) {
            return new BigDecimal(v.n()).stripTrailingZeros().toString().getBytes(StandardCharsets.UTF_8);
        }
        return v.b().asByteArray();
    }
}

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

    /** Length-prefixed, type-tagged bytes of key values, in order; {@code null} values are skipped. */
    static byte[] identity(AttributeValue... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (AttributeValue v : values) {
            if (v == null) {
                continue;
            }
            byte[] b;
            char tag;
            if (v.s() != null) {
                tag = 'S';
                b = v.s().getBytes(StandardCharsets.UTF_8);
            } else if (v.n() != null) {
                tag = 'N';
                b = new BigDecimal(v.n()).stripTrailingZeros().toString().getBytes(StandardCharsets.UTF_8);
            } else {
                tag = 'B';
                b = v.b().asByteArray();
            }
            out.write(tag);
            out.write(b.length >>> 24);
            out.write(b.length >>> 16);
            out.write(b.length >>> 8);
            out.write(b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }
}

package earkit.reference.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The attribute value, the bulk of every item, read and written member by member: the same values, output
 * and refusals as the metadata walk (ShapeJsonTest compares the two), without its look-ups per member.
 */
final class AttributeValueJson {

    private AttributeValueJson() {
    }

    static void fill(MemberReader r, AttributeValue.Builder b, MemberPath path) throws IOException {
        while (r.p.nextToken() == JsonToken.FIELD_NAME) {
            String name = r.p.currentName();
            JsonToken t = r.p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            MemberPath at = new MemberPath(path, name);
            switch (name) {
                case "S" -> b.s(r.text(t, at));
                case "N" -> b.n(r.text(t, at));
                case "B" -> b.b(r.bytes(t, at));
                case "SS" -> b.ss(r.list(t, at, r::text));
                case "NS" -> b.ns(r.list(t, at, r::text));
                case "BS" -> b.bs(r.list(t, at, r::bytes));
                case "L" -> b.l(r.list(t, at, r::attributeValue));
                case "M" -> b.m(r.map(t, at, r::attributeValue));
                case "BOOL" -> b.bool(r.bool(t, at));
                case "NULL" -> b.nul(r.bool(t, at));
                default -> r.p.skipChildren();
            }
        }
    }

    /** The members the value has, in the model's order, without asking each of its ten fields for a value. */
    static void write(JsonGenerator g, AttributeValue v) throws IOException {
        g.writeStartObject();
        if (v.s() != null) {
            g.writeFieldName("S");
            writeText(g, v.s());
        }
        if (v.n() != null) {
            g.writeFieldName("N");
            writeText(g, v.n());
        }
        if (v.b() != null) {
            g.writeStringField("B", Base64.getEncoder().encodeToString(v.b().asByteArrayUnsafe()));
        }
        if (v.hasSs()) {
            writeStrings(g, "SS", v.ss());
        }
        if (v.hasNs()) {
            writeStrings(g, "NS", v.ns());
        }
        if (v.hasBs()) {
            g.writeArrayFieldStart("BS");
            for (SdkBytes b : v.bs()) {
                g.writeString(Base64.getEncoder().encodeToString(b.asByteArrayUnsafe()));
            }
            g.writeEndArray();
        }
        if (v.hasM()) {
            g.writeObjectFieldStart("M");
            for (Map.Entry<String, AttributeValue> e : v.m().entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        }
        if (v.hasL()) {
            g.writeArrayFieldStart("L");
            for (AttributeValue el : v.l()) {
                write(g, el);
            }
            g.writeEndArray();
        }
        if (v.bool() != null) {
            g.writeBooleanField("BOOL", v.bool());
        }
        if (v.nul() != null) {
            g.writeBooleanField("NULL", v.nul());
        }
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String s : values) {
            writeText(g, s);
        }
        g.writeEndArray();
    }

    /**
     * A string as Jackson writes it. Printable ASCII with nothing to escape, most of what items hold, is copied as it
     * is, tested eight bytes at a time, rather than walked char by char by Jackson (the bulk of writing a 1 KB item);
     * anything else is Jackson's. {@code '?'} goes Jackson's way too: it is what {@code getBytes} makes of any char
     * beyond Latin-1 (a lone surrogate among them), which Jackson writes its own way.
     */
    private static void writeText(JsonGenerator g, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        if (plain(b)) {
            g.writeRawUTF8String(b, 0, b.length);
        } else {
            g.writeString(s);
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** Whether every byte is in {@code 0x20..0x7f} and none is {@code "}, {@code \\} or {@code ?}. */
    static boolean plain(byte[] b) {
        long bad = 0;
        int i = 0;
        for (; i + 8 <= b.length; i += 8) {
            long x = (long) LONGS.get(b, i);
            // per byte, the high bit of: itself (not ASCII), itself - 0x20 (a control), (itself ^ c) - 1 (equal to c)
            bad |= x | below(x, 0x20) | below(x ^ (ONES * '"'), 1) | below(x ^ (ONES * '\\'), 1) | below(x ^ (ONES * '?'), 1);
        }
        for (; i < b.length; i++) {
            byte c = b[i];
            if (c < 0x20 || c == '"' || c == '\\' || c == '?') {
                return false;
            }
        }
        return (bad & HIGHS) == 0;
    }

    /**
     * Has the high bit set in some byte iff a byte of {@code x} is below {@code n} (at most 0x80): the borrows of the
     * subtraction only mark bytes above one that is truly below.
     */
    private static long below(long x, int n) {
        return (x - ONES * n) & ~x;
    }
}

package earkit.reference.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
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
            g.writeStringField("S", v.s());
        }
        if (v.n() != null) {
            g.writeStringField("N", v.n());
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
            g.writeString(s);
        }
        g.writeEndArray();
    }
}

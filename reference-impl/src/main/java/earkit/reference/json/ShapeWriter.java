package earkit.reference.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes SDK model objects as AWS JSON, driven by the SDK's field metadata as {@link ShapeReader} reads
 * them: response bodies on the wire, items and stream records at rest.
 */
public final class ShapeWriter {

    private ShapeWriter() {
    }

    /** Writes a structure as AWS JSON. */
    public static byte[] write(SdkPojo pojo) {
        if (hasNoMembers(pojo)) {
            // Most writes answer nothing (PutItem without return values): "{}" without a generator for it.
            return new byte[] {'{', '}'};
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = AwsJson.MAPPER.getFactory().createGenerator(out)) {
            writePojo(g, pojo, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static boolean hasNoMembers(SdkPojo pojo) {
        for (SdkField<?> f : pojo.sdkFields()) {
            if (!isUnset(f.getValueOrDefault(pojo))) {
                return false;
            }
        }
        return true;
    }

    /** A member the answer leaves out: never set, or a list or map the SDK's builder made empty on its own. */
    private static boolean isUnset(Object v) {
        return v == null || v instanceof SdkAutoConstructList || v instanceof SdkAutoConstructMap;
    }

    /** Writes {@code {name: object, ...}} in the map's order, e.g. an item's attribute values. */
    public static byte[] write(Map<String, ? extends SdkPojo> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(members, out);
        return out.toByteArray();
    }

    /** {@link #write(Map)} into {@code out}. */
    public static void write(Map<String, ? extends SdkPojo> members, OutputStream out) {
        try (JsonGenerator g = AwsJson.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, ? extends SdkPojo> e : members.entrySet()) {
                g.writeFieldName(e.getKey());
                writePojo(g, e.getValue(), true);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The metadata walk alone, for any shape; tests hold the special cases to it. */
    static byte[] writeByMetadata(SdkPojo pojo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = AwsJson.MAPPER.getFactory().createGenerator(out)) {
            writePojo(g, pojo, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writePojo(JsonGenerator g, SdkPojo pojo, boolean special) throws IOException {
        if (special && pojo instanceof AttributeValue v) {
            AttributeValueJson.write(g, v);
            return;
        }
        g.writeStartObject();
        for (SdkField<?> f : pojo.sdkFields()) {
            Object v = f.getValueOrDefault(pojo);
            if (isUnset(v)) {
                continue;
            }
            g.writeFieldName(f.locationName());
            writeValue(g, f, v, special);
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, SdkField<?> f, Object v, boolean special) throws IOException {
        MarshallingType<?> t = f.marshallingType();
        if (t == MarshallingType.LIST) {
            SdkField<?> member = f.getRequiredTrait(ListTrait.class).memberFieldInfo();
            g.writeStartArray();
            for (Object el : (List<?>) v) {
                writeValue(g, member, el, special);
            }
            g.writeEndArray();
        } else if (t == MarshallingType.MAP) {
            SdkField<?> value = f.getRequiredTrait(MapTrait.class).valueFieldInfo();
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, value, e.getValue(), special);
            }
            g.writeEndObject();
        } else if (v instanceof SdkPojo p) {
            writePojo(g, p, special);
        } else if (v instanceof SdkBytes b) {
            g.writeString(Base64.getEncoder().encodeToString(b.asByteArrayUnsafe()));
        } else if (v instanceof Instant i) {
            g.writeNumber(BigDecimal.valueOf(i.getEpochSecond()).add(BigDecimal.valueOf(i.getNano(), 9)).stripTrailingZeros().toPlainString());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer n) {
            g.writeNumber(n);
        } else if (v instanceof Long n) {
            g.writeNumber(n);
        } else if (v instanceof Double n) {
            g.writeNumber(n);
        } else if (v instanceof Float n) {
            g.writeNumber(n);
        } else if (v instanceof BigDecimal n) {
            g.writeNumber(n);
        } else if (v instanceof Number n) {
            g.writeNumber(n.longValue());
        } else {
            g.writeString(String.valueOf(v));
        }
    }
}

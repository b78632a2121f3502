package earkit.sdkcompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The driver protocol's JSON wire shapes to and from the SDK v2's model objects, member by member from the model's
 * own field descriptions ({@code SdkPojo.sdkFields()}): wire names, blobs as base64, timestamps as epoch seconds.
 * A member the model does not know is an error, never dropped, so a misspelt input cannot pass unnoticed.
 */
public final class PojoWireJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PojoWireJson() {
    }

    /** Fills a request (or any shape's) builder from its wire JSON and builds it; a member the model lacks is refused. */
    public static Object build(SdkPojo builder, JsonNode json) {
        return build(builder, json, true);
    }

    /**
     * The same; with {@code strict} false a top-level member the model lacks is left out, as the SDK's own parser
     * does with an answer (another SDK's output may carry members newer than this SDK's model).
     */
    public static Object build(SdkPojo builder, JsonNode json, boolean strict) {
        Map<String, SdkField<?>> fields = new LinkedHashMap<>();
        builder.sdkFields().forEach(f -> fields.put(f.locationName(), f));
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            SdkField<?> field = fields.get(member.getKey());
            if (field == null && !strict) {
                continue;
            }
            if (field == null) {
                throw new IllegalArgumentException("no member " + member.getKey() + " in " + builder.getClass().getName()
                        + " (members: " + fields.keySet() + ")");
            }
            field.set(builder, fromJson(field, member.getValue()));
        }
        return ((SdkBuilder<?, ?>) builder).build();
    }

    private static Object fromJson(SdkField<?> field, JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return v.asText();
        } else if (type == MarshallingType.INTEGER) {
            return v.asInt();
        } else if (type == MarshallingType.LONG) {
            return v.asLong();
        } else if (type == MarshallingType.DOUBLE) {
            return v.asDouble();
        } else if (type == MarshallingType.FLOAT) {
            return (float) v.asDouble();
        } else if (type == MarshallingType.BIG_DECIMAL) {
            return v.decimalValue();
        } else if (type == MarshallingType.BOOLEAN) {
            return v.asBoolean();
        } else if (type == MarshallingType.INSTANT) {
            BigDecimal seconds = v.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        } else if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText()));
        } else if (type == MarshallingType.SDK_POJO) {
            return build(field.constructor().get(), v);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            v.forEach(e -> list.add(fromJson(member, e)));
            return list;
        } else if (type == MarshallingType.MAP) {
            SdkField<?> value = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            v.fields().forEachRemaining(e -> map.put(e.getKey(), fromJson(value, e.getValue())));
            return map;
        }
        throw new IllegalArgumentException("member " + field.locationName() + " of type " + type + " is not supported");
    }

    /** The wire JSON of a response (or any shape): absent members are left out, as on the wire. */
    public static ObjectNode toJson(SdkPojo pojo) {
        ObjectNode out = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            JsonNode v = toJson(field, field.getValueOrDefault(pojo));
            if (v != null) {
                out.set(field.locationName(), v);
            }
        }
        return out;
    }

    private static JsonNode toJson(SdkField<?> field, Object v) {
        if (v == null || v instanceof SdkAutoConstructList || v instanceof SdkAutoConstructMap) {
            return null;
        }
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return toJson((SdkPojo) v);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            ArrayNode list = NODES.arrayNode();
            ((List<?>) v).forEach(e -> list.add(toJson(member, e)));
            return list;
        } else if (type == MarshallingType.MAP) {
            SdkField<?> value = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            ObjectNode map = NODES.objectNode();
            ((Map<?, ?>) v).forEach((k, e) -> map.set(k.toString(), toJson(value, e)));
            return map;
        } else if (v instanceof SdkBytes b) {
            return NODES.textNode(Base64.getEncoder().encodeToString(b.asByteArray()));
        } else if (v instanceof Instant t) {
            return NODES.numberNode(BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9)));
        } else if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (v instanceof Integer i) {
            return NODES.numberNode(i);
        } else if (v instanceof Long l) {
            return NODES.numberNode(l);
        } else if (v instanceof Double d) {
            return NODES.numberNode(d);
        } else if (v instanceof Float f) {
            return NODES.numberNode(f);
        } else if (v instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        return NODES.textNode(v.toString());
    }
}

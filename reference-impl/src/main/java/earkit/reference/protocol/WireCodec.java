package earkit.reference.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.RequiredTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The one place that turns AWS JSON into SDK model objects and back, driven by the SDK's own field
 * metadata ({@link SdkPojo#sdkFields()}), so request and response shapes cannot drift from what the
 * SDK clients send and expect. Everything here is {@code @SdkProtectedApi} territory of the SDK, kept
 * behind this class so that an SDK upgrade touches one file.
 */
public final class WireCodec {
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64).maxNumberLength(64).maxStringLength(1 << 22).build())
            .build());

    private WireCodec() {
    }

    /** Parses a request body; {@link ApiException} {@code SerializationException} if it is not a JSON object. */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                return MAPPER.createObjectNode();
            }
            if (!node.isObject()) {
                throw ApiException.serialization("Start of structure or map expected, found " + node.getNodeType());
            }
            return node;
        } catch (IOException e) {
            throw ApiException.serialization("Malformed JSON request: " + firstLine(e.getMessage()));
        }
    }

    /** Reads {@code json} into a fresh builder and builds it. Missing required members are a ValidationException. */
    @SuppressWarnings("unchecked")
    public static <T> T read(JsonNode json, Supplier<? extends SdkBuilder<?, T>> builderFactory) {
        SdkBuilder<?, T> builder = builderFactory.get();
        List<String> missing = new ArrayList<>();
        MISSING.set(missing);
        try {
            fill((SdkPojo) builder, json, "");
        } finally {
            MISSING.remove();
        }
        if (!missing.isEmpty()) {
            throw ApiException.validation(missing.size() + " validation error" + (missing.size() > 1 ? "s" : "")
                    + " detected: " + String.join("; ", missing));
        }
        return builder.build();
    }

    /** Required members missing anywhere in the request being read; nested shapes have required members too. */
    private static final ThreadLocal<List<String>> MISSING = new ThreadLocal<>();

    private static void checkRequired(SdkPojo builder, JsonNode json, String path) {
        List<String> missing = MISSING.get();
        if (missing == null) {
            return;
        }
        for (SdkField<?> f : builder.sdkFields()) {
            if (f.containsTrait(RequiredTrait.class, software.amazon.awssdk.core.traits.TraitType.REQUIRED_TRAIT)) {
                JsonNode v = json.get(f.locationName());
                if (v == null || v.isNull()) {
                    missing.add("Value null at '" + wirePath(path, f.locationName())
                            + "' failed to satisfy constraint: Member must not be null");
                }
            }
        }
    }

    /** AWS's spelling of a member's place: {@code keySchema.1.member.attributeName}. */
    private static String wirePath(String path, String member) {
        StringBuilder out = new StringBuilder();
        for (String segment : (path.isEmpty() ? member : path + "." + member).split("\\.")) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(segment.chars().allMatch(Character::isDigit) ? segment + ".member" : lowerFirst(segment));
        }
        return out.toString();
    }

    private static void fill(SdkPojo builder, JsonNode json, String path) {
        if (!json.isObject()) {
            throw ApiException.serialization("Expected a structure at '" + path + "', found " + json.getNodeType());
        }
        Map<String, SdkField<?>> byName = new LinkedHashMap<>();
        for (SdkField<?> f : builder.sdkFields()) {
            byName.put(f.locationName(), f);
        }
        Iterator<Map.Entry<String, JsonNode>> it = json.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            SdkField<?> f = byName.get(e.getKey());
            if (f == null || e.getValue().isNull()) {
                continue; // unknown members are ignored, as the AWS JSON services do
            }
            f.set(builder, convert(f, e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
        }
        checkRequired(builder, json, path);
    }

    private static Object convert(SdkField<?> f, JsonNode v, String path) {
        MarshallingType<?> t = f.marshallingType();
        try {
            if (t == MarshallingType.STRING) {
                return text(v, path);
            } else if (t == MarshallingType.INTEGER) {
                return (int) whole(v, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
            } else if (t == MarshallingType.LONG) {
                return whole(v, path, Long.MIN_VALUE, Long.MAX_VALUE);
            } else if (t == MarshallingType.SHORT) {
                return (short) whole(v, path, Short.MIN_VALUE, Short.MAX_VALUE);
            } else if (t == MarshallingType.BYTE) {
                return (byte) whole(v, path, Byte.MIN_VALUE, Byte.MAX_VALUE);
            } else if (t == MarshallingType.DOUBLE) {
                return number(v, path).doubleValue();
            } else if (t == MarshallingType.FLOAT) {
                return number(v, path).floatValue();
            } else if (t == MarshallingType.BIG_DECIMAL) {
                return number(v, path);
            } else if (t == MarshallingType.BOOLEAN) {
                if (!v.isBoolean()) {
                    throw mismatch(path, "a boolean", v);
                }
                return v.booleanValue();
            } else if (t == MarshallingType.INSTANT) {
                if (v.isNumber()) {
                    BigDecimal secs = v.decimalValue();
                    return Instant.ofEpochSecond(secs.longValue(), secs.remainder(BigDecimal.ONE).movePointRight(9).longValue());
                }
                if (v.isTextual()) {
                    return Instant.parse(v.textValue());
                }
                throw mismatch(path, "a timestamp", v);
            } else if (t == MarshallingType.SDK_BYTES) {
                try {
                    return SdkBytes.fromByteArray(Base64.getDecoder().decode(text(v, path)));
                } catch (IllegalArgumentException e) {
                    throw ApiException.serialization("Base64 encoded length is expected a multiple of 4 bytes but found: " + text(v, path).length());
                }
            } else if (t == MarshallingType.SDK_POJO) {
                SdkPojo nested = f.constructor().get();
                fill(nested, v, path);
                return ((SdkBuilder<?, ?>) nested).build();
            } else if (t == MarshallingType.LIST) {
                if (!v.isArray()) {
                    throw mismatch(path, "a list", v);
                }
                SdkField<?> member = f.getRequiredTrait(ListTrait.class).memberFieldInfo();
                List<Object> out = new ArrayList<>();
                int i = 0;
                for (JsonNode el : v) {
                    if (el.isNull()) {
                        throw ApiException.serialization("Null is not allowed in list '" + path + "'");
                    }
                    out.add(convert(member, el, path + "." + (++i)));
                }
                return out;
            } else if (t == MarshallingType.MAP) {
                if (!v.isObject()) {
                    throw mismatch(path, "a map", v);
                }
                SdkField<?> value = f.getRequiredTrait(MapTrait.class).valueFieldInfo();
                Map<String, Object> out = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = v.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isNull()) {
                        throw ApiException.serialization("Null is not allowed in map '" + path + "'");
                    }
                    out.put(e.getKey(), convert(value, e.getValue(), path + "." + e.getKey()));
                }
                return out;
            }
        } catch (java.time.DateTimeException | ArithmeticException | NumberFormatException e) {
            throw ApiException.serialization("Invalid number or timestamp at '" + path + "'");
        }
        throw ApiException.serialization("Unsupported member '" + path + "'");
    }

    private static String text(JsonNode v, String path) {
        if (!v.isTextual()) {
            throw mismatch(path, "a string", v);
        }
        return v.textValue();
    }

    private static long whole(JsonNode v, String path, long min, long max) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw mismatch(path, "an integer", v);
        }
        long l = v.longValue();
        if (l < min || l > max) {
            throw ApiException.serialization("Number out of range at '" + path + "'");
        }
        return l;
    }

    private static BigDecimal number(JsonNode v, String path) {
        if (!v.isNumber()) {
            throw mismatch(path, "a number", v);
        }
        return v.decimalValue();
    }

    private static ApiException mismatch(String path, String expected, JsonNode v) {
        String found = v.getNodeType() == JsonNodeType.OBJECT ? "a structure" : v.getNodeType().name().toLowerCase();
        return ApiException.serialization("Unexpected value at '" + path + "': expected " + expected + ", found " + found);
    }

    /** Writes a response object as AWS JSON. */
    public static byte[] write(SdkPojo pojo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            writePojo(g, pojo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes {@code {name: object, ...}} in the map's order, e.g. an item's attribute values. */
    public static byte[] write(Map<String, ? extends SdkPojo> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, ? extends SdkPojo> e : members.entrySet()) {
                g.writeFieldName(e.getKey());
                writePojo(g, e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writePojo(JsonGenerator g, SdkPojo pojo) throws IOException {
        g.writeStartObject();
        for (SdkField<?> f : pojo.sdkFields()) {
            Object v = f.getValueOrDefault(pojo);
            if (v == null || v instanceof SdkAutoConstructList || v instanceof SdkAutoConstructMap) {
                continue;
            }
            g.writeFieldName(f.locationName());
            writeValue(g, f, v);
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, SdkField<?> f, Object v) throws IOException {
        MarshallingType<?> t = f.marshallingType();
        if (t == MarshallingType.LIST) {
            SdkField<?> member = f.getRequiredTrait(ListTrait.class).memberFieldInfo();
            g.writeStartArray();
            for (Object el : (List<?>) v) {
                writeValue(g, member, el);
            }
            g.writeEndArray();
        } else if (t == MarshallingType.MAP) {
            SdkField<?> value = f.getRequiredTrait(MapTrait.class).valueFieldInfo();
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, value, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof SdkPojo p) {
            writePojo(g, p);
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

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

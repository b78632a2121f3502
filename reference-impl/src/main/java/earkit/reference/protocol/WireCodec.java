package earkit.reference.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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

    /**
     * Reads a request body into a fresh builder and builds it, in one pass over the bytes. An empty body is an
     * empty structure. Malformed JSON is a {@link MalformedJson}; a member of the wrong type a
     * {@code SerializationException}. Members AWS requires are the handlers' to check: the SDK's models do
     * not mark them.
     */
    public static <T> T read(byte[] body, Supplier<? extends SdkBuilder<?, T>> builderFactory) {
        return readRoot(body, r -> {
            SdkBuilder<?, T> builder = builderFactory.get();
            if (r != null) {
                r.fill((SdkPojo) builder, JsonToken.START_OBJECT, null);
            }
            return builder.build();
        }, true);
    }

    /** Reads {@code {name: value, ...}}, e.g. an item's attribute values, in the body's order. */
    public static <T> Map<String, T> readMap(byte[] body, Supplier<? extends SdkBuilder<?, T>> valueFactory) {
        return readMap(body, valueFactory, true);
    }

    /** {@link #readMap} by the metadata walk alone; tests hold the special cases to it. */
    static <T> Map<String, T> readMapByMetadata(byte[] body, Supplier<? extends SdkBuilder<?, T>> valueFactory) {
        return readMap(body, valueFactory, false);
    }

    private static <T> Map<String, T> readMap(byte[] body, Supplier<? extends SdkBuilder<?, T>> valueFactory, boolean special) {
        return readRoot(body, r -> {
            Map<String, T> out = new LinkedHashMap<>();
            while (r != null && r.p.nextToken() == JsonToken.FIELD_NAME) {
                String name = r.p.currentName();
                SdkBuilder<?, T> value = valueFactory.get();
                r.fill((SdkPojo) value, r.p.nextToken(), new Path(null, name));
                out.put(name, value.build());
            }
            return out;
        }, special);
    }

    /** Malformed JSON: refused before the body is read into any request shape. */
    public static final class MalformedJson extends ApiException {
        MalformedJson(String message) {
            super("SerializationException", message);
        }
    }

    private interface RootReader<T> {
        /** {@code r} is null for an empty body (an empty structure). */
        T read(Reader r) throws IOException;
    }

    /**
     * Runs {@code reader} with the parser on the body's opening brace; {@code special}: attribute values are
     * read member by member rather than by the metadata walk. A member given twice counts once, with its last
     * value, as when bodies were read as a tree first: such a body is read again without its duplicates.
     */
    private static <T> T readRoot(byte[] body, RootReader<T> reader, boolean special) {
        try (JsonParser p = MAPPER.getFactory().createParser(body)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken first = p.nextToken();
            if (first == null) {
                return reader.read(null);
            }
            if (first != JsonToken.START_OBJECT) {
                checkSyntax(body);
                throw ApiException.serialization("Start of structure or map expected, found " + nodeType(first));
            }
            try {
                return reader.read(new Reader(p, special));
            } catch (MalformedJson e) {
                throw e;
            } catch (ApiException e) {
                // The whole body is JSON or not, and its duplicates are gone, before any member is judged.
                if (checkSyntax(body)) {
                    return readRoot(withoutDuplicates(body), reader, special);
                }
                throw e;
            }
        } catch (IOException e) {
            if (isDuplicate(e) && checkSyntax(body)) {
                return readRoot(withoutDuplicates(body), reader, special);
            }
            throw new MalformedJson("Malformed JSON request: " + firstLine(e.getMessage()));
        }
    }

    private static boolean isDuplicate(IOException e) {
        return e.getMessage() != null && e.getMessage().startsWith("Duplicate field");
    }

    /** The body with each object's repeated members reduced to the last value, in the first one's place. */
    private static byte[] withoutDuplicates(byte[] body) {
        try {
            return MAPPER.writeValueAsBytes(MAPPER.readTree(body));
        } catch (IOException e) {
            throw new MalformedJson("Malformed JSON request: " + firstLine(e.getMessage()));
        }
    }

    /** @return whether the body repeats a member anywhere; {@link MalformedJson} if it is not JSON */
    private static boolean checkSyntax(byte[] body) {
        try (JsonParser p = MAPPER.getFactory().createParser(body)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            p.nextToken();
            p.skipChildren();
            return false;
        } catch (IOException e) {
            if (isDuplicate(e)) {
                withoutDuplicates(body); // what follows the duplicate must be JSON too
                return true;
            }
            throw new MalformedJson("Malformed JSON request: " + firstLine(e.getMessage()));
        }
    }

    /** A member's place, spelled out only when an error names it. */
    private record Path(Path parent, String name) {
        @Override
        public String toString() {
            return parent == null ? name : parent + "." + name;
        }

        static String of(Path p) {
            return p == null ? "" : p.toString();
        }
    }

    /** The members of each shape by wire name, worked out once per builder class. */
    private static final Map<Class<?>, Map<String, SdkField<?>>> SHAPES = new ConcurrentHashMap<>();

    private static Map<String, SdkField<?>> members(SdkPojo builder) {
        return SHAPES.computeIfAbsent(builder.getClass(), c -> {
            Map<String, SdkField<?>> byName = new HashMap<>();
            builder.sdkFields().forEach(f -> byName.put(f.locationName(), f));
            return Map.copyOf(byName);
        });
    }

    /** One pass over a parser positioned on a value. */
    private static final class Reader {
        final JsonParser p;
        private final boolean special;

        Reader(JsonParser p, boolean special) {
            this.p = p;
            this.special = special;
        }

        void fill(SdkPojo builder, JsonToken token, Path path) throws IOException {
            if (token != JsonToken.START_OBJECT) {
                throw ApiException.serialization("Expected a structure at '" + Path.of(path) + "', found " + nodeType(token));
            }
            if (special && builder instanceof AttributeValue.Builder value) {
                fillAttributeValue(value, path);
                return;
            }
            Map<String, SdkField<?>> members = members(builder);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                SdkField<?> f = members.get(name);
                if (f == null || t == JsonToken.VALUE_NULL) {
                    p.skipChildren(); // unknown members are ignored, as the AWS JSON services do
                    continue;
                }
                f.set(builder, convert(f, t, new Path(path, name)));
            }
        }

        /**
         * An attribute value, the bulk of every item, read member by member: the same values and the same
         * refusals as the metadata walk (WireCodecTest compares the two), without its look-ups per member.
         */
        private void fillAttributeValue(AttributeValue.Builder b, Path path) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                Path at = new Path(path, name);
                switch (name) {
                    case "S" -> b.s(text(t, at));
                    case "N" -> b.n(text(t, at));
                    case "B" -> b.b(bytes(t, at));
                    case "SS" -> b.ss(list(t, at, this::text));
                    case "NS" -> b.ns(list(t, at, this::text));
                    case "BS" -> b.bs(list(t, at, this::bytes));
                    case "L" -> b.l(list(t, at, this::attributeValue));
                    case "M" -> b.m(map(t, at, this::attributeValue));
                    case "BOOL" -> b.bool(bool(t, at));
                    case "NULL" -> b.nul(bool(t, at));
                    default -> p.skipChildren();
                }
            }
        }

        private AttributeValue attributeValue(JsonToken t, Path path) throws IOException {
            AttributeValue.Builder b = AttributeValue.builder();
            fill((SdkPojo) b, t, path);
            return b.build();
        }

        private interface Element<T> {
            T read(JsonToken t, Path path) throws IOException;
        }

        private <T> List<T> list(JsonToken t, Path path, Element<T> element) throws IOException {
            if (t != JsonToken.START_ARRAY) {
                throw mismatch(path, "a list", t);
            }
            List<T> out = new ArrayList<>();
            int i = 0;
            for (JsonToken el = p.nextToken(); el != JsonToken.END_ARRAY; el = p.nextToken()) {
                if (el == JsonToken.VALUE_NULL) {
                    throw ApiException.serialization("Null is not allowed in list '" + path + "'");
                }
                out.add(element.read(el, new Path(path, String.valueOf(++i))));
            }
            return out;
        }

        private <T> Map<String, T> map(JsonToken t, Path path, Element<T> value) throws IOException {
            if (t != JsonToken.START_OBJECT) {
                throw mismatch(path, "a map", t);
            }
            Map<String, T> out = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_NULL) {
                    throw ApiException.serialization("Null is not allowed in map '" + path + "'");
                }
                out.put(key, value.read(v, new Path(path, key)));
            }
            return out;
        }

        private boolean bool(JsonToken t, Path path) {
            if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                throw mismatch(path, "a boolean", t);
            }
            return t == JsonToken.VALUE_TRUE;
        }

        private SdkBytes bytes(JsonToken t, Path path) throws IOException {
            String text = text(t, path);
            try {
                return SdkBytes.fromByteArray(Base64.getDecoder().decode(text));
            } catch (IllegalArgumentException e) {
                throw ApiException.serialization("Base64 encoded length is expected a multiple of 4 bytes but found: " + text.length());
            }
        }

        private Object convert(SdkField<?> f, JsonToken t, Path path) throws IOException {
            MarshallingType<?> type = f.marshallingType();
            try {
                if (type == MarshallingType.STRING) {
                    return text(t, path);
                } else if (type == MarshallingType.INTEGER) {
                    return (int) whole(t, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
                } else if (type == MarshallingType.LONG) {
                    return whole(t, path, Long.MIN_VALUE, Long.MAX_VALUE);
                } else if (type == MarshallingType.SHORT) {
                    return (short) whole(t, path, Short.MIN_VALUE, Short.MAX_VALUE);
                } else if (type == MarshallingType.BYTE) {
                    return (byte) whole(t, path, Byte.MIN_VALUE, Byte.MAX_VALUE);
                } else if (type == MarshallingType.DOUBLE) {
                    return number(t, path).doubleValue();
                } else if (type == MarshallingType.FLOAT) {
                    return number(t, path).floatValue();
                } else if (type == MarshallingType.BIG_DECIMAL) {
                    return number(t, path);
                } else if (type == MarshallingType.BOOLEAN) {
                    return bool(t, path);
                } else if (type == MarshallingType.INSTANT) {
                    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                        BigDecimal secs = number(t, path);
                        return Instant.ofEpochSecond(secs.longValue(), secs.remainder(BigDecimal.ONE).movePointRight(9).longValue());
                    }
                    if (t == JsonToken.VALUE_STRING) {
                        return Instant.parse(p.getText());
                    }
                    throw mismatch(path, "a timestamp", t);
                } else if (type == MarshallingType.SDK_BYTES) {
                    return bytes(t, path);
                } else if (type == MarshallingType.SDK_POJO) {
                    SdkPojo nested = f.constructor().get();
                    fill(nested, t, path);
                    return ((SdkBuilder<?, ?>) nested).build();
                } else if (type == MarshallingType.LIST) {
                    SdkField<?> member = f.getRequiredTrait(ListTrait.class).memberFieldInfo();
                    return list(t, path, (el, at) -> convert(member, el, at));
                } else if (type == MarshallingType.MAP) {
                    SdkField<?> value = f.getRequiredTrait(MapTrait.class).valueFieldInfo();
                    return map(t, path, (v, at) -> convert(value, v, at));
                }
            } catch (java.time.DateTimeException | ArithmeticException | NumberFormatException e) {
                throw ApiException.serialization("Invalid number or timestamp at '" + path + "'");
            }
            throw ApiException.serialization("Unsupported member '" + path + "'");
        }

        private String text(JsonToken t, Path path) throws IOException {
            if (t != JsonToken.VALUE_STRING) {
                throw mismatch(path, "a string", t);
            }
            return p.getText();
        }

        private long whole(JsonToken t, Path path, long min, long max) throws IOException {
            if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw mismatch(path, "an integer", t);
            }
            long l = p.getLongValue();
            if (l < min || l > max) {
                throw ApiException.serialization("Number out of range at '" + path + "'");
            }
            return l;
        }

        /** Integers exactly, fractions as the double they denote (what a JSON tree would have held). */
        private BigDecimal number(JsonToken t, Path path) throws IOException {
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return new BigDecimal(p.getBigIntegerValue());
            }
            if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                return BigDecimal.valueOf(p.getDoubleValue());
            }
            throw mismatch(path, "a number", t);
        }
    }

    /** The JSON node type a token starts, in the words of the errors AWS-shaped clients already see. */
    private static String nodeType(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "OBJECT";
            case START_ARRAY -> "ARRAY";
            case VALUE_STRING -> "STRING";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "NUMBER";
            case VALUE_TRUE, VALUE_FALSE -> "BOOLEAN";
            case VALUE_NULL -> "NULL";
            default -> "POJO";
        };
    }

    private static ApiException mismatch(Path path, String expected, JsonToken t) {
        String found = t == JsonToken.START_OBJECT ? "a structure" : nodeType(t).toLowerCase(Locale.ROOT);
        return ApiException.serialization("Unexpected value at '" + Path.of(path) + "': expected " + expected + ", found " + found);
    }

    /** Writes a response object as AWS JSON. */
    public static byte[] write(SdkPojo pojo) {
        if (pojo instanceof EncodedResponse encoded) {
            return encoded.json();
        }
        if (hasNoMembers(pojo)) {
            // Most writes answer nothing (PutItem without return values): "{}" without a generator for it.
            return new byte[] {'{', '}'};
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            writePojo(g, pojo);
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
    }

    private static void writePojo(JsonGenerator g, SdkPojo pojo) throws IOException {
        writePojo(g, pojo, true);
    }

    private static void writePojo(JsonGenerator g, SdkPojo pojo, boolean special) throws IOException {
        if (special && pojo instanceof AttributeValue v) {
            writeAttributeValue(g, v);
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

    /**
     * An attribute value, the bulk of every item, written member by member: the same output as the metadata
     * walk (the members the value has, in the model's order; WireCodecTest compares the two), without asking
     * each of its ten fields for a value.
     */
    private static void writeAttributeValue(JsonGenerator g, AttributeValue v) throws IOException {
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
                writeAttributeValue(g, e.getValue());
            }
            g.writeEndObject();
        }
        if (v.hasL()) {
            g.writeArrayFieldStart("L");
            for (AttributeValue el : v.l()) {
                writeAttributeValue(g, el);
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

    /** The metadata walk alone, for any shape; tests hold the special cases to it. */
    static byte[] writeByMetadata(SdkPojo pojo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            writePojo(g, pojo, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

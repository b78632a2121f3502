package earkit.reference.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/** One pass over a parser positioned on a value, filling builders member by member. */
final class MemberReader {
    /** The members of each shape by wire name, worked out once per builder class. */
    private static final Map<Class<?>, Map<String, SdkField<?>>> SHAPES = new ConcurrentHashMap<>();

    final JsonParser p;
    private final boolean special;

    MemberReader(JsonParser p, boolean special) {
        this.p = p;
        this.special = special;
    }

    private static Map<String, SdkField<?>> members(SdkPojo builder) {
        return SHAPES.computeIfAbsent(builder.getClass(), c -> {
            Map<String, SdkField<?>> byName = new HashMap<>();
            builder.sdkFields().forEach(f -> byName.put(f.locationName(), f));
            return Map.copyOf(byName);
        });
    }

    void fill(SdkPojo builder, JsonToken token, MemberPath path) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw new ShapeException("Expected a structure at '" + MemberPath.of(path) + "', found " + AwsJson.nodeType(token));
        }
        if (special && builder instanceof AttributeValue.Builder value) {
            AttributeValueJson.fill(this, value, path);
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
            f.set(builder, convert(f, t, new MemberPath(path, name)));
        }
    }

    AttributeValue attributeValue(JsonToken t, MemberPath path) throws IOException {
        AttributeValue.Builder b = AttributeValue.builder();
        fill((SdkPojo) b, t, path);
        return b.build();
    }

    interface Element<T> {
        T read(JsonToken t, MemberPath path) throws IOException;
    }

    <T> List<T> list(JsonToken t, MemberPath path, Element<T> element) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw AwsJson.mismatch(path, "a list", t);
        }
        List<T> out = new ArrayList<>();
        int i = 0;
        for (JsonToken el = p.nextToken(); el != JsonToken.END_ARRAY; el = p.nextToken()) {
            if (el == JsonToken.VALUE_NULL) {
                throw new ShapeException("Null is not allowed in list '" + path + "'");
            }
            out.add(element.read(el, new MemberPath(path, String.valueOf(++i))));
        }
        return out;
    }

    <T> Map<String, T> map(JsonToken t, MemberPath path, Element<T> value) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw AwsJson.mismatch(path, "a map", t);
        }
        Map<String, T> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_NULL) {
                throw new ShapeException("Null is not allowed in map '" + path + "'");
            }
            out.put(key, value.read(v, new MemberPath(path, key)));
        }
        return out;
    }

    boolean bool(JsonToken t, MemberPath path) {
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw AwsJson.mismatch(path, "a boolean", t);
        }
        return t == JsonToken.VALUE_TRUE;
    }

    SdkBytes bytes(JsonToken t, MemberPath path) throws IOException {
        String text = text(t, path);
        try {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new ShapeException("Base64 encoded length is expected a multiple of 4 bytes but found: " + text.length());
        }
    }

    String text(JsonToken t, MemberPath path) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw AwsJson.mismatch(path, "a string", t);
        }
        return p.getText();
    }

    private Object convert(SdkField<?> f, JsonToken t, MemberPath path) throws IOException {
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
                throw AwsJson.mismatch(path, "a timestamp", t);
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
            throw new ShapeException("Invalid number or timestamp at '" + path + "'");
        }
        throw new ShapeException("Unsupported member '" + path + "'");
    }

    private long whole(JsonToken t, MemberPath path, long min, long max) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw AwsJson.mismatch(path, "an integer", t);
        }
        long l = p.getLongValue();
        if (l < min || l > max) {
            throw new ShapeException("Number out of range at '" + path + "'");
        }
        return l;
    }

    /** Integers exactly, fractions as the double they denote (what a JSON tree would have held). */
    private BigDecimal number(JsonToken t, MemberPath path) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return new BigDecimal(p.getBigIntegerValue());
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return BigDecimal.valueOf(p.getDoubleValue());
        }
        throw AwsJson.mismatch(path, "a number", t);
    }
}

package earkit.reference.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Reads AWS JSON into SDK model objects, driven by the SDK's own field metadata ({@link SdkPojo#sdkFields()}),
 * so request shapes cannot drift from what the SDK clients send. With {@link ShapeWriter}, the one place that
 * walks that metadata to read or write a body: it is {@code @SdkProtectedApi} territory of the SDK, so an SDK
 * upgrade touches this package. The wire reads request bodies with it; the store reads what it stored.
 */
public final class ShapeReader {

    private ShapeReader() {
    }

    /**
     * Reads a body into a fresh builder and builds it, in one pass over the bytes. An empty body is an
     * empty structure. Malformed JSON is a {@link MalformedJson}; a member of the wrong type a
     * {@link ShapeException}. Members AWS requires are the handlers' to check: the SDK's models do
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
                r.fill((SdkPojo) value, r.p.nextToken(), new MemberPath(null, name));
                out.put(name, value.build());
            }
            return out;
        }, special);
    }

    private interface RootReader<T> {
        /** {@code r} is null for an empty body (an empty structure). */
        T read(MemberReader r) throws IOException;
    }

    /**
     * Runs {@code reader} with the parser on the body's opening brace; {@code special}: attribute values are
     * read member by member rather than by the metadata walk. A member given twice counts once, with its last
     * value, as when bodies were read as a tree first: such a body is read again without its duplicates.
     */
    private static <T> T readRoot(byte[] body, RootReader<T> reader, boolean special) {
        try (JsonParser p = AwsJson.MAPPER.getFactory().createParser(body)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken first = p.nextToken();
            if (first == null) {
                return reader.read(null);
            }
            if (first != JsonToken.START_OBJECT) {
                checkSyntax(body);
                throw new ShapeException("Start of structure or map expected, found " + AwsJson.nodeType(first));
            }
            try {
                return reader.read(new MemberReader(p, special));
            } catch (MalformedJson e) {
                throw e;
            } catch (ShapeException e) {
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
            return AwsJson.MAPPER.writeValueAsBytes(AwsJson.MAPPER.readTree(body));
        } catch (IOException e) {
            throw new MalformedJson("Malformed JSON request: " + firstLine(e.getMessage()));
        }
    }

    /** @return whether the body repeats a member anywhere; {@link MalformedJson} if it is not JSON */
    private static boolean checkSyntax(byte[] body) {
        try (JsonParser p = AwsJson.MAPPER.getFactory().createParser(body)) {
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

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

package earkit.reference.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/** Bodies are read in one pass and written by the attribute-value fast path; these pin the refusals, their precedence, and the fast path against the metadata walk. */
public class ShapeJsonTest {

    private static <T> ShapeException refusal(String json, Supplier<? extends SdkBuilder<?, T>> b) {
        return assertThrows(ShapeException.class, () -> ShapeReader.read(json.getBytes(StandardCharsets.UTF_8), b));
    }

    @Test
    void readsNestedShapesListsAndMapsAndIgnoresUnknownMembersAndNulls() {
        PutItemRequest r = ShapeReader.read(("{\"TableName\":\"t\",\"Unknown\":{\"a\":[1,2,{\"b\":null}]},\"ConditionExpression\":null,"
                + "\"Item\":{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"1.5\"},\"l\":{\"L\":[{\"BOOL\":true},{\"NULL\":true}]},"
                + "\"b\":{\"B\":\"AQI=\"},\"ss\":{\"SS\":[\"x\",\"y\"]}}}").getBytes(StandardCharsets.UTF_8), PutItemRequest::builder);
        assertEquals("t", r.tableName());
        assertEquals(null, r.conditionExpression());
        assertEquals(List.of("pk", "n", "l", "b", "ss"), List.copyOf(r.item().keySet()));
        assertEquals("1.5", r.item().get("n").n());
        assertEquals(List.of(AttributeValue.fromBool(true), AttributeValue.fromNul(true)), r.item().get("l").l());
        assertEquals(2, r.item().get("b").b().asByteArray()[1]);
        assertEquals(List.of("x", "y"), r.item().get("ss").ss());
    }

    @Test
    void membersAwsRequiresAreLeftToTheHandlers() {
        CreateTableRequest r = ShapeReader.read("{\"KeySchema\":[{\"KeyType\":\"HASH\"}]}".getBytes(StandardCharsets.UTF_8),
                CreateTableRequest::builder);
        assertEquals(null, r.tableName());
        assertEquals(null, r.keySchema().get(0).attributeName());
        assertEquals(null, ShapeReader.read(new byte[0], CreateTableRequest::builder).tableName());
    }

    @Test
    void aMemberOfTheWrongTypeIsASerializationException() {
        ShapeException e = refusal("{\"TableName\":\"t\",\"Limit\":\"ten\"}", ScanRequest::builder);
        assertEquals("Unexpected value at 'Limit': expected an integer, found string", e.getMessage());
        assertEquals("Expected a structure at 'Item.pk', found ARRAY",
                refusal("{\"TableName\":\"t\",\"Item\":{\"pk\":[1]}}", PutItemRequest::builder).getMessage());
        assertEquals("Null is not allowed in list 'Item.l.L'",
                refusal("{\"TableName\":\"t\",\"Item\":{\"l\":{\"L\":[null]}}}", PutItemRequest::builder).getMessage());
        assertEquals("Number out of range at 'Limit'", refusal("{\"TableName\":\"t\",\"Limit\":3000000000}", ScanRequest::builder).getMessage());
    }

    @Test
    void malformedJsonWinsOverATypeErrorBeforeIt() {
        ShapeException e = refusal("{\"TableName\":\"t\",\"Limit\":\"ten\",\"Segment\":}", ScanRequest::builder);
        assertInstanceOf(MalformedJson.class, e);
        assertTrue(e.getMessage().startsWith("Malformed JSON request: "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void aMemberGivenTwiceCountsOnceWithItsLastValue() {
        ScanRequest r = ShapeReader.read("{\"TableName\":5,\"Limit\":1,\"TableName\":\"t\",\"Limit\":null}"
                .getBytes(StandardCharsets.UTF_8), ScanRequest::builder);
        assertEquals("t", r.tableName(), "the earlier value of the wrong type is not judged");
        assertEquals(null, r.limit(), "a later null takes the member away");
        Map<String, AttributeValue> item = ShapeReader.readMap("{\"a\":{\"S\":1},\"b\":{\"N\":\"2\"},\"a\":{\"S\":\"x\"}}"
                .getBytes(StandardCharsets.UTF_8), AttributeValue::builder);
        assertEquals(List.of("a", "b"), List.copyOf(item.keySet()), "in the first one's place");
        assertEquals("x", item.get("a").s());
        assertEquals("Unexpected value at 'Limit': expected an integer, found string",
                refusal("{\"Limit\":1,\"TableName\":\"t\",\"Limit\":\"ten\"}", ScanRequest::builder).getMessage());
        assertInstanceOf(MalformedJson.class, refusal("{\"Limit\":1,\"Limit\":2,", ScanRequest::builder));
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        assertEquals("Start of structure or map expected, found ARRAY", refusal("[1,2]", ScanRequest::builder).getMessage());
        assertEquals("Start of structure or map expected, found NULL", refusal("null", ScanRequest::builder).getMessage());
        assertInstanceOf(MalformedJson.class, refusal("[1,", ScanRequest::builder));
    }

    @Property(tries = 300, seed = "20261128")
    void attributeValuesAreWrittenAsTheMetadataWalkWritesThem(@ForAll("items") Map<String, AttributeValue> item) {
        QueryResponse response = QueryResponse.builder().items(List.of(item, item)).count(2).scannedCount(2)
                .lastEvaluatedKey(item).build();
        assertEquals(new String(ShapeWriter.writeByMetadata(response), StandardCharsets.UTF_8),
                new String(ShapeWriter.write(response), StandardCharsets.UTF_8));
        assertEquals(item, ShapeReader.readMap(ShapeWriter.write(item), AttributeValue::builder));
    }

    @Provide
    Arbitrary<Map<String, AttributeValue>> items() {
        return new Items().get();
    }

    /** Items with values of every kind, nested; public for the properties of other packages that write items. */
    public static final class Items implements ArbitrarySupplier<Map<String, AttributeValue>> {
        @Override
        public Arbitrary<Map<String, AttributeValue>> get() {
            Arbitrary<String> text = Arbitraries.strings().ofMaxLength(6);
            Arbitrary<SdkBytes> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(5).map(SdkBytes::fromByteArray);
            Arbitrary<AttributeValue> scalar = Arbitraries.oneOf(
                    text.map(AttributeValue::fromS), Arbitraries.bigDecimals().map(d -> AttributeValue.fromN(d.toPlainString())),
                    bytes.map(AttributeValue::fromB), Arbitraries.of(true, false).map(AttributeValue::fromBool),
                    Arbitraries.just(AttributeValue.fromNul(true)), text.set().ofMinSize(1).ofMaxSize(3).map(x -> AttributeValue.fromSs(List.copyOf(x))),
                    Arbitraries.integers().set().ofMinSize(1).ofMaxSize(3).map(x -> AttributeValue.fromNs(x.stream().map(String::valueOf).toList())),
                    bytes.list().ofMinSize(1).ofMaxSize(2).map(AttributeValue::fromBs),
                    Arbitraries.just(AttributeValue.builder().s("both").n("1").build()));
            Arbitrary<AttributeValue> nested = Arbitraries.oneOf(scalar,
                    scalar.list().ofMaxSize(3).map(AttributeValue::fromL),
                    Arbitraries.maps(text, scalar).ofMaxSize(3).map(AttributeValue::fromM));
            return Arbitraries.maps(text, Arbitraries.oneOf(nested, nested.list().ofMaxSize(2).map(AttributeValue::fromL),
                    Arbitraries.maps(text, nested).ofMaxSize(2).map(AttributeValue::fromM))).ofMaxSize(5);
        }
    }

    @Property(tries = 1000, seed = "20261128")
    void attributeValuesAreReadAsTheMetadataWalkReadsThem(@ForAll("itemDocuments") String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(outcome(() -> ShapeReader.readMapByMetadata(body, AttributeValue::builder)),
                outcome(() -> ShapeReader.readMap(body, AttributeValue::builder)), json);
    }

    private static String outcome(Supplier<Map<String, AttributeValue>> read) {
        try {
            return "value " + read.get();
        } catch (ShapeException e) {
            return "refused: " + e.getMessage();
        }
    }

    /** Item-like JSON with members of every kind, right and wrong: strings, numbers, booleans, nulls, lists, objects. */
    @Provide
    Arbitrary<String> itemDocuments() {
        Arbitrary<String> name = Arbitraries.of("S", "N", "B", "SS", "NS", "BS", "M", "L", "BOOL", "NULL", "x");
        Arbitrary<String> leaf = Arbitraries.of("\"a\"", "\"AQI=\"", "\"AQ\"", "1", "2.5", "true", "false", "null", "[]", "{}");
        Arbitrary<String> value = Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
                Arbitraries.maps(name, inner).ofMaxSize(3).map(ShapeJsonTest::object)), 3);
        Arbitrary<String> attribute = Arbitraries.maps(name, value).ofMaxSize(2).map(ShapeJsonTest::object);
        return Arbitraries.maps(Arbitraries.of("pk", "sk", "n"), Arbitraries.oneOf(attribute, leaf)).ofMaxSize(3)
                .map(ShapeJsonTest::object);
    }

    private static String object(Map<String, String> members) {
        StringBuilder s = new StringBuilder("{");
        members.forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return s.append('}').toString();
    }

    /** Texts of every length around the eight-byte steps of the plain-ASCII test, with each kind of char that ends it. */
    @Property(tries = 1000, seed = "20261206")
    void textsAreWrittenAsJacksonWritesThem(@ForAll("texts") String text) {
        GetItemResponse response = GetItemResponse.builder().item(Map.of("s", AttributeValue.fromS(text),
                "ss", AttributeValue.fromSs(List.of(text, "x")), "m", AttributeValue.fromM(Map.of(text, AttributeValue.fromN(text))))).build();
        assertEquals(written(() -> ShapeWriter.writeByMetadata(response)), written(() -> ShapeWriter.write(response)), text);
    }

    /** Mostly plain text, one in three with a char anywhere that Jackson escapes, encodes or refuses. */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> plain = Arbitraries.strings().withChars("xa !#>@[]~\u007f").ofMaxLength(40);
        Arbitrary<String> other = Arbitraries.of("\"", "\\", "?", "\u0000", "\u001f", "\u0080", "\u00e9", "\u2028",
                "\ud800", "\udc00", "\ud83d\ude00");
        return Combinators.combine(plain, other, Arbitraries.integers().between(0, 40), Arbitraries.integers().between(0, 2))
                .as((text, c, at, with) -> with > 0 ? text : text.substring(0, Math.min(at, text.length())) + c
                        + text.substring(Math.min(at, text.length())));
    }

    private static String written(Supplier<byte[]> write) {
        try {
            return "value " + new String(write.get(), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return "refused: " + e;
        }
    }

    @Test
    void plainAsciiEndsAtEachCharJacksonWouldEscapeOrEncodeWhereverItStands() {
        for (int length = 0; length <= 17; length++) {
            assertTrue(AttributeValueJson.plain(("x".repeat(length)).getBytes(StandardCharsets.ISO_8859_1)), "length " + length);
            for (int at = 0; at < length; at++) {
                for (char ok : new char[] {' ', '!', '#', '>', '@', '[', ']', '~', 0x7f}) {
                    assertTrue(AttributeValueJson.plain(withAt(length, at, ok)), length + " " + at + " " + (int) ok);
                }
                for (char bad : new char[] {0, 0x1f, '"', '\\', '?', 0x80, 0xff}) {
                    assertTrue(!AttributeValueJson.plain(withAt(length, at, bad)), length + " " + at + " " + (int) bad);
                }
            }
        }
    }

    private static byte[] withAt(int length, int at, char c) {
        byte[] b = "x".repeat(length).getBytes(StandardCharsets.ISO_8859_1);
        b[at] = (byte) c;
        return b;
    }

    @Test
    void itemsRoundTripInTheirOrder() {
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("a"));
        assertEquals(item, ShapeReader.readMap(ShapeWriter.write(item), AttributeValue::builder));
    }
}

package earkit.reference.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/** The codec reads request bodies in one pass; these are the refusals and their precedence. */
class WireCodecTest {

    private static <T> ApiException refusal(String json, Supplier<? extends SdkBuilder<?, T>> b) {
        return assertThrows(ApiException.class, () -> WireCodec.read(json.getBytes(StandardCharsets.UTF_8), b));
    }

    @Test
    void readsNestedShapesListsAndMapsAndIgnoresUnknownMembersAndNulls() {
        PutItemRequest r = WireCodec.read(("{\"TableName\":\"t\",\"Unknown\":{\"a\":[1,2,{\"b\":null}]},\"ConditionExpression\":null,"
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
        CreateTableRequest r = WireCodec.read("{\"KeySchema\":[{\"KeyType\":\"HASH\"}]}".getBytes(StandardCharsets.UTF_8),
                CreateTableRequest::builder);
        assertEquals(null, r.tableName());
        assertEquals(null, r.keySchema().get(0).attributeName());
        assertEquals(null, WireCodec.read(new byte[0], CreateTableRequest::builder).tableName());
    }

    @Test
    void aMemberOfTheWrongTypeIsASerializationException() {
        ApiException e = refusal("{\"TableName\":\"t\",\"Limit\":\"ten\"}", ScanRequest::builder);
        assertEquals("SerializationException", e.code());
        assertEquals("Unexpected value at 'Limit': expected an integer, found string", e.getMessage());
        assertEquals("Expected a structure at 'Item.pk', found ARRAY",
                refusal("{\"TableName\":\"t\",\"Item\":{\"pk\":[1]}}", PutItemRequest::builder).getMessage());
        assertEquals("Null is not allowed in list 'Item.l.L'",
                refusal("{\"TableName\":\"t\",\"Item\":{\"l\":{\"L\":[null]}}}", PutItemRequest::builder).getMessage());
        assertEquals("Number out of range at 'Limit'", refusal("{\"TableName\":\"t\",\"Limit\":3000000000}", ScanRequest::builder).getMessage());
    }

    @Test
    void malformedJsonWinsOverATypeErrorBeforeIt() {
        ApiException e = refusal("{\"TableName\":\"t\",\"Limit\":\"ten\",\"Segment\":}", ScanRequest::builder);
        assertInstanceOf(WireCodec.MalformedJson.class, e);
        assertTrue(e.getMessage().startsWith("Malformed JSON request: "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        assertEquals("Start of structure or map expected, found ARRAY", refusal("[1,2]", ScanRequest::builder).getMessage());
        assertEquals("Start of structure or map expected, found NULL", refusal("null", ScanRequest::builder).getMessage());
        assertInstanceOf(WireCodec.MalformedJson.class, refusal("[1,", ScanRequest::builder));
    }

    @Test
    void itemsRoundTripInTheirOrder() {
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("a"));
        assertEquals(item, WireCodec.readMap(WireCodec.write(item), AttributeValue::builder));
    }
}

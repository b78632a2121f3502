package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.reference.KitServer;
import earkit.reference.ServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests no SDK would send: each gets DynamoDB's error code with HTTP 400, never a 5xx. */
class BadInputTest {
    private static final String JSON10 = "application/x-amz-json-1.0";
    private final KitServer kit = new KitServer(ServerOptions.defaults());

    @AfterEach
    void stop() {
        kit.close();
    }

    private KitServer.Answer call(String op, String body) {
        return kit.signedRaw("DynamoDB_20120810." + op, JSON10, body, "test", "test");
    }

    private void refused(String code, KitServer.Answer a) {
        assertEquals(400, a.status(), a.body());
        assertTrue(a.json().get("__type").asText().endsWith("#" + code), a.body());
    }

    @Test
    void malformedRequestsAreRefusedWithTheirCodes() {
        refused("SerializationException", call("ListTables", "{not json"));
        refused("SerializationException", call("DescribeTable", "{\"TableName\": 5}"));
        refused("UnknownOperationException", call("FlyToTheMoon", "{}"));
        refused("ValidationException", call("DescribeTable", "{}"));
        String table = "{\"TableName\":\"Bad\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}]}";
        assertEquals(200, call("CreateTable", table).status());
        refused("ValidationException", call("PutItem", "{\"TableName\":\"Bad\",\"Item\":{\"pk\":{\"S\":\"a\",\"N\":\"1\"}}}"));
        refused("ValidationException", call("PutItem", "{\"TableName\":\"Bad\",\"Item\":{\"pk\":{}}}"));
        refused("ValidationException", call("PutItem", "{\"TableName\":\"Bad\",\"Item\":{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"1e400\"}}}"));
        refused("ValidationException", call("PutItem", "{\"TableName\":\"Bad\",\"Item\":{\"pk\":{\"S\":\"a\"},\"s\":{\"SS\":[\"x\",\"x\"]}}}"));
        refused("ValidationException", call("Query", "{\"TableName\":\"Bad\",\"KeyConditionExpression\":\"pk = :p AND\","
                + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}}}"));
        refused("ValidationException", call("Scan", "{\"TableName\":\"Bad\",\"Segment\":1}"));
        refused("ValidationException", call("UpdateItem", "{\"TableName\":\"Bad\",\"Key\":{\"pk\":{\"S\":\"a\"}},"
                + "\"UpdateExpression\":\"SET x = :v\",\"ReturnValues\":\"EVERYTHING\",\"ExpressionAttributeValues\":{\":v\":{\"S\":\"1\"}}}"));
        refused("ValidationException", call("PutItem", "{\"TableName\":\"Bad\",\"Item\":{\"pk\":{\"S\":\"a\"}},"
                + "\"Expected\":{\"pk\":{\"Exists\":false,\"Value\":{\"S\":\"a\"}}}}"));
        refused("ResourceNotFoundException", call("GetItem", "{\"TableName\":\"Nowhere\",\"Key\":{\"pk\":{\"S\":\"a\"}}}"));
    }
}

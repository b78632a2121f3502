package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Every operation that takes a legacy parameter refuses it beside its expression counterpart, each pair on its
 * own, with DynamoDB's wording (dynalite's captures): GetItem, BatchGetItem, PutItem, UpdateItem, DeleteItem,
 * Query and Scan; every expression parameter present is named, in DynamoDB's order. The table exists, so a
 * refusal cannot come from a lookup.
 */
class LegacyExclusionTest extends StoreTestBase {
    private static final Map<String, ExpectedAttributeValue> EXPECTED = Map.of("a", ExpectedAttributeValue.builder().exists(false).build());
    private static final Map<String, Condition> ON_N = Map.of("n", Condition.builder().comparisonOperator(ComparisonOperator.NOT_NULL).build());
    private static final Map<String, Condition> ON_PK = Map.of("pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ)
            .attributeValueList(s("p")).build());

    private static void both(String legacy, String expression, Executable call) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call);
        assertEquals(400, e.statusCode());
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertEquals("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {"
                + legacy + "} Expression parameters: {" + expression + "}", e.awsErrorDetails().errorMessage());
    }

    @Test
    void eachLegacyParameterIsExclusiveWithItsExpression() {
        createTable("Legacy", ScalarAttributeType.S);
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key = item("pk", "p", "sk", "s");
        both("AttributesToGet", "ProjectionExpression", () -> ddb.getItem(r -> r.tableName("Legacy").key(key)
                .attributesToGet("n").projectionExpression("n")));
        both("AttributesToGet", "ProjectionExpression", () -> ddb.batchGetItem(r -> r.requestItems(Map.of("Legacy",
                KeysAndAttributes.builder().keys(key).attributesToGet("n").projectionExpression("n").build()))));
        both("Expected", "ConditionExpression", () -> ddb.putItem(r -> r.tableName("Legacy").item(key).expected(EXPECTED)
                .conditionExpression("attribute_not_exists(a)")));
        both("Expected", "ConditionExpression", () -> ddb.deleteItem(r -> r.tableName("Legacy").key(key).expected(EXPECTED)
                .conditionExpression("attribute_not_exists(a)")));
        both("Expected", "ConditionExpression", () -> ddb.updateItem(r -> r.tableName("Legacy").key(key).expected(EXPECTED)
                .conditionExpression("attribute_not_exists(a)")));
        both("AttributeUpdates", "UpdateExpression", () -> ddb.updateItem(r -> r.tableName("Legacy").key(key)
                .attributeUpdates(Map.of("b", AttributeValueUpdate.builder().value(s("y")).build()))
                .updateExpression("SET c = :c").expressionAttributeValues(Map.of(":c", s("z")))));
        both("AttributeUpdates, Expected", "UpdateExpression, ConditionExpression", () -> ddb.updateItem(r -> r.tableName("Legacy")
                .key(key).attributeUpdates(Map.of("b", AttributeValueUpdate.builder().value(s("y")).build())).expected(EXPECTED)
                .updateExpression("SET c = :c").conditionExpression("attribute_not_exists(a)")
                .expressionAttributeValues(Map.of(":c", s("z")))));
        both("KeyConditions", "KeyConditionExpression", () -> ddb.query(r -> r.tableName("Legacy").keyConditions(ON_PK)
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", s("p")))));
        both("QueryFilter", "FilterExpression, KeyConditionExpression", () -> ddb.query(r -> r.tableName("Legacy").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))).queryFilter(ON_N).filterExpression("attribute_exists(n)")));
        both("AttributesToGet", "ProjectionExpression, KeyConditionExpression", () -> ddb.query(r -> r.tableName("Legacy").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))).attributesToGet("n").projectionExpression("n")));
        both("ScanFilter", "FilterExpression", () -> ddb.scan(r -> r.tableName("Legacy").scanFilter(ON_N)
                .filterExpression("attribute_exists(n)")));
        both("AttributesToGet", "ProjectionExpression", () -> ddb.scan(r -> r.tableName("Legacy").attributesToGet("n")
                .projectionExpression("n")));
    }
}

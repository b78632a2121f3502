package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * ReturnConsumedCapacity: reads in 4 KB units (half when eventually consistent, a Query or Scan summing its
 * items first), writes in 1 KB units of the larger of before and after, index writes per index.
 */
class ConsumedCapacityTest extends StoreTestBase {
    private static final ReturnConsumedCapacity TOTAL = ReturnConsumedCapacity.TOTAL;

    /** An item of exactly {@code size} bytes by the item-size rule: "pk" + "k1" + "p" + payload. */
    private static Map<String, AttributeValue> sized(String key, int size) {
        return item("pk", key, "p", "x".repeat(size - 2 - key.length() - 1));
    }

    @Test
    void singleItemReadsAndWrites() {
        createTable("Cap", null);
        ConsumedCapacity put = ddb.putItem(r -> r.tableName("Cap").item(sized("k1", 1024)).returnConsumedCapacity(TOTAL)).consumedCapacity();
        assertEquals(ConsumedCapacity.builder().tableName("Cap").capacityUnits(1.0).writeCapacityUnits(1.0).build(), put);
        assertEquals(2.0, ddb.putItem(r -> r.tableName("Cap").item(sized("k2", 1025)).returnConsumedCapacity(TOTAL))
                .consumedCapacity().capacityUnits(), "1 KB and one byte: two units");
        assertEquals(2.0, ddb.putItem(r -> r.tableName("Cap").item(sized("k2", 100)).returnConsumedCapacity(TOTAL))
                .consumedCapacity().capacityUnits(), "the larger of before (1 KB and one byte) and after (100 bytes)");
    }

    @Test
    void overwritesCountTheLargerOfBeforeAndAfter() {
        createTable("Cap", null);
        ddb.putItem(r -> r.tableName("Cap").item(sized("k1", 2500)));
        assertEquals(3.0, ddb.putItem(r -> r.tableName("Cap").item(sized("k1", 10)).returnConsumedCapacity(TOTAL))
                .consumedCapacity().capacityUnits());
        assertEquals(1.0, ddb.deleteItem(r -> r.tableName("Cap").key(item("pk", "k1")).returnConsumedCapacity(TOTAL))
                .consumedCapacity().capacityUnits());
        assertEquals(1.0, ddb.deleteItem(r -> r.tableName("Cap").key(item("pk", "none")).returnConsumedCapacity(TOTAL))
                .consumedCapacity().capacityUnits(), "a delete of nothing still costs one unit");
        assertEquals(3.0, ddb.updateItem(r -> r.tableName("Cap").key(item("pk", "k3")).updateExpression("SET p = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("y".repeat(2100)))).returnConsumedCapacity(TOTAL))
                .consumedCapacity().capacityUnits());
        assertNull(ddb.putItem(r -> r.tableName("Cap").item(sized("k1", 10)).returnConsumedCapacity(ReturnConsumedCapacity.NONE))
                .consumedCapacity());
    }

    @Test
    void readsCountFourKilobyteUnitsHalvedWhenEventuallyConsistent() {
        createTable("Cap", ScalarAttributeType.S);
        ddb.putItem(r -> r.tableName("Cap").item(item("pk", "k", "sk", "a", "p", "x".repeat(5000))));
        ConsumedCapacity eventual = ddb.getItem(r -> r.tableName("Cap").key(item("pk", "k", "sk", "a")).returnConsumedCapacity(TOTAL))
                .consumedCapacity();
        assertEquals(ConsumedCapacity.builder().tableName("Cap").capacityUnits(1.0).readCapacityUnits(1.0).build(), eventual);
        assertEquals(2.0, ddb.getItem(r -> r.tableName("Cap").key(item("pk", "k", "sk", "a")).consistentRead(true)
                .returnConsumedCapacity(TOTAL)).consumedCapacity().capacityUnits());
        assertEquals(0.5, ddb.getItem(r -> r.tableName("Cap").key(item("pk", "k", "sk", "none"))
                .returnConsumedCapacity(TOTAL)).consumedCapacity().capacityUnits(), "a read of nothing: half a unit");
        for (String sk : List.of("b", "c")) {
            ddb.putItem(r -> r.tableName("Cap").item(item("pk", "k", "sk", sk, "p", "x".repeat(1500))));
        }
        // 5,006 + 2 × 1,506 bytes = 8,018: two 4 KB units summed over the page, not one per item
        assertEquals(2.0, ddb.query(r -> r.tableName("Cap").keyConditionExpression("pk = :k")
                .expressionAttributeValues(Map.of(":k", s("k"))).consistentRead(true).returnConsumedCapacity(TOTAL))
                .consumedCapacity().capacityUnits());
        assertEquals(1.0, ddb.scan(r -> r.tableName("Cap").returnConsumedCapacity(TOTAL)).consumedCapacity().capacityUnits());
    }

    @Test
    void indexesDetailTheTableAndEachIndex() {
        ddb.createTable(r -> r.tableName("Indexed").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("g").attributeType(ScalarAttributeType.S).build())
                .globalSecondaryIndexes(gsi -> gsi.indexName("byG").keySchema(KeySchemaElement.builder().attributeName("g")
                        .keyType(KeyType.HASH).build()).projection(p -> p.projectionType(ProjectionType.ALL))));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Indexed"));
        ConsumedCapacity put = ddb.putItem(r -> r.tableName("Indexed").item(item("pk", "a", "g", "one"))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        assertEquals(2.0, put.capacityUnits());
        assertEquals(1.0, put.table().capacityUnits());
        assertEquals(1.0, put.globalSecondaryIndexes().get("byG").capacityUnits());
        ConsumedCapacity moved = ddb.updateItem(r -> r.tableName("Indexed").key(item("pk", "a")).updateExpression("SET g = :g")
                .expressionAttributeValues(Map.of(":g", s("two"))).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
                .consumedCapacity();
        assertEquals(2.0, moved.globalSecondaryIndexes().get("byG").capacityUnits(), "index key changed: a removal and a new entry");
        ConsumedCapacity unindexed = ddb.putItem(r -> r.tableName("Indexed").item(item("pk", "b"))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        assertEquals(1.0, unindexed.capacityUnits());
        assertEquals(Map.of(), unindexed.globalSecondaryIndexes());
        ConsumedCapacity query = ddb.query(r -> r.tableName("Indexed").indexName("byG").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", s("two"))).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        assertEquals(0.5, query.capacityUnits());
        assertEquals(0.0, query.table().capacityUnits());
        assertEquals(0.5, query.globalSecondaryIndexes().get("byG").capacityUnits());
    }

    @Test
    void batchesAnswerOneEntryPerTable() {
        createTable("Cap", null);
        List<ConsumedCapacity> written = ddb.batchWriteItem(r -> r.requestItems(Map.of("Cap", List.of(
                WriteRequest.builder().putRequest(p -> p.item(sized("k1", 100))).build(),
                WriteRequest.builder().putRequest(p -> p.item(sized("k2", 2000))).build()))).returnConsumedCapacity(TOTAL)).consumedCapacity();
        assertEquals(List.of(ConsumedCapacity.builder().tableName("Cap").capacityUnits(3.0).writeCapacityUnits(3.0).build()), written);
        List<ConsumedCapacity> read = ddb.batchGetItem(r -> r.requestItems(Map.of("Cap", KeysAndAttributes.builder()
                .keys(item("pk", "k1"), item("pk", "k2"), item("pk", "none")).build())).returnConsumedCapacity(TOTAL)).consumedCapacity();
        assertEquals(List.of(ConsumedCapacity.builder().tableName("Cap").capacityUnits(1.5).readCapacityUnits(1.5).build()), read);
    }

    @Test
    void anUnknownValueIsRefused() {
        createTable("Cap", null);
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.putItem(r -> r.tableName("Cap")
                .item(item("pk", "k")).returnConsumedCapacity("ALL")));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertEquals("1 validation error detected: Value 'ALL' at 'returnConsumedCapacity' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]", e.awsErrorDetails().errorMessage());
    }
}

package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import earkit.reference.ServerOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * After a restart with {@code --data-dir}, writes and deletes of single items come before any partition's sort order
 * is read back (a Query or Scan reads the partitions it reaches): the order then holds exactly what is stored, in the
 * table and its index, and the table's item count and size are the same as if no restart had happened.
 */
class RestartOrderTest extends StoreTestBase {
    @TempDir
    Path dir;

    @Override
    protected ServerOptions options() {
        return ServerOptions.defaults().withDataDir(dir);
    }

    private void restart() {
        stopServer();
        startServer();
    }

    private static Map<String, AttributeValue> item(int partition, int sort, String group, String note) {
        return Map.of("pk", AttributeValue.fromS("p" + partition), "sk", AttributeValue.fromN(Integer.toString(sort)),
                "g", AttributeValue.fromS(group), "note", AttributeValue.fromS(note));
    }

    private List<String> sortKeys(String partition) {
        List<String> out = new ArrayList<>();
        ddb.queryPaginator(r -> r.tableName("Tbl").keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition))))
                .items().forEach(i -> out.add(i.get("sk").n()));
        return out;
    }

    private List<String> notesOfGroup(String group) {
        List<String> out = new ArrayList<>();
        ddb.queryPaginator(r -> r.tableName("Tbl").indexName("byG").keyConditionExpression("g = :g")
                        .expressionAttributeValues(Map.of(":g", AttributeValue.fromS(group))))
                .items().forEach(i -> out.add(i.get("pk").s() + "/" + i.get("sk").n() + "=" + i.get("note").s()));
        out.sort(null);
        return out;
    }

    @Test
    void writesAndDeletesBeforeTheFirstQueryAfterARestartAreInTheRebuiltOrder() {
        ddb.createTable(r -> r.tableName("Tbl").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build(),
                        AttributeDefinition.builder().attributeName("g").attributeType(ScalarAttributeType.S).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                        .keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Tbl"));
        for (int sort : new int[] {30, 10, 20}) {
            ddb.putItem(r -> r.tableName("Tbl").item(item(1, sort, "a", "first")));
        }
        ddb.putItem(r -> r.tableName("Tbl").item(item(2, 5, "b", "first")));
        TableDescription before = ddb.describeTable(r -> r.tableName("Tbl")).table();

        restart();
        TableDescription restarted = ddb.describeTable(r -> r.tableName("Tbl")).table();
        assertEquals(before.itemCount(), restarted.itemCount());
        assertEquals(before.tableSizeBytes(), restarted.tableSizeBytes(), "the size is known without opening the items");
        ddb.putItem(r -> r.tableName("Tbl").item(item(1, 15, "a", "second")));          // new
        ddb.putItem(r -> r.tableName("Tbl").item(item(1, 30, "b", "replaced-longer"))); // replaces, moves in the index
        ddb.deleteItem(r -> r.tableName("Tbl").key(Map.of("pk", AttributeValue.fromS("p1"), "sk", AttributeValue.fromN("10"))));
        ddb.deleteItem(r -> r.tableName("Tbl").key(Map.of("pk", AttributeValue.fromS("p2"), "sk", AttributeValue.fromN("5"))));
        TableDescription written = ddb.describeTable(r -> r.tableName("Tbl")).table();

        assertEquals(List.of("15", "20", "30"), sortKeys("p1"));
        assertEquals(List.of(), sortKeys("p2"));
        assertEquals(List.of("p1/15=second", "p1/20=first"), notesOfGroup("a"));
        assertEquals(List.of("p1/30=replaced-longer"), notesOfGroup("b"));
        assertEquals(3, ddb.scan(r -> r.tableName("Tbl")).count());

        // the same table written the same way without a restart in between has the same count and size
        restart();
        TableDescription again = ddb.describeTable(r -> r.tableName("Tbl")).table();
        assertEquals(3L, written.itemCount());
        assertEquals(written.itemCount(), again.itemCount());
        assertEquals(written.tableSizeBytes(), again.tableSizeBytes());
        ddb.createTable(r -> r.tableName("Same").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build()));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Same"));
        ddb.putItem(r -> r.tableName("Same").item(item(1, 15, "a", "second")));
        ddb.putItem(r -> r.tableName("Same").item(item(1, 20, "a", "first")));
        ddb.putItem(r -> r.tableName("Same").item(item(1, 30, "b", "replaced-longer")));
        assertEquals(written.tableSizeBytes(), ddb.describeTable(r -> r.tableName("Same")).table().tableSizeBytes());
    }
}

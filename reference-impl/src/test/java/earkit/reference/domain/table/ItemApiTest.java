package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The item API of the encrypted store through the SDK: every type round-trips, conditions, return values, updates, query and scan paging. */
class ItemApiTest extends StoreTestBase {

    @Test
    void everyAttributeTypeRoundTrips() {
        createTable("Types", null);
        Map<String, AttributeValue> item = new java.util.LinkedHashMap<>();
        item.put("pk", s("k"));
        item.put("s", s(""));
        item.put("n", n("-12.5"));
        item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 255})));
        item.put("ss", AttributeValue.fromSs(List.of("x", "y")));
        item.put("ns", AttributeValue.fromNs(List.of("1", "2.5")));
        item.put("bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("a"), SdkBytes.fromUtf8String("b"))));
        item.put("m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromL(List.of(n("1"), AttributeValue.fromBool(true))))));
        item.put("l", AttributeValue.fromL(List.of()));
        item.put("nul", AttributeValue.fromNul(true));
        item.put("bool", AttributeValue.fromBool(false));
        ddb.putItem(r -> r.tableName("Types").item(item));
        Map<String, AttributeValue> got = ddb.getItem(r -> r.tableName("Types").key(item("pk", "k"))).item();
        assertEquals(item, got);
    }

    @Test
    void tableSizeFollowsOverwritesWhetherOrNotTheReplacedItemIsOpened() {
        createTable("SizePlain", null);
        createTable("SizeStream", null);
        ddb.updateTable(r -> r.tableName("SizeStream").streamSpecification(sp -> sp.streamEnabled(true)
                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        createTable("SizeOnce", null);
        Map<String, AttributeValue> big = item("pk", "k", "payload", "x".repeat(500));
        Map<String, AttributeValue> small = item("pk", "k", "payload", "y");
        for (String table : List.of("SizePlain", "SizeStream")) {
            ddb.putItem(r -> r.tableName(table).item(big));
            ddb.putItem(r -> r.tableName(table).item(small));
            ddb.batchWriteItem(r -> r.requestItems(Map.of(table, List.of(WriteRequest.builder()
                    .putRequest(p -> p.item(small)).build()))));
        }
        ddb.putItem(r -> r.tableName("SizeOnce").item(small));
        long once = ddb.describeTable(r -> r.tableName("SizeOnce")).table().tableSizeBytes();
        assertTrue(once > 0, "a table holding one item has a size");
        assertEquals(once, ddb.describeTable(r -> r.tableName("SizePlain")).table().tableSizeBytes(),
                "overwritten twice without opening the old item: the size of the last item alone");
        assertEquals(once, ddb.describeTable(r -> r.tableName("SizeStream")).table().tableSizeBytes(),
                "overwritten twice on a table with a stream (old item opened): the size of the last item alone");
        ddb.deleteItem(r -> r.tableName("SizePlain").key(item("pk", "k")));
        assertEquals(0L, ddb.describeTable(r -> r.tableName("SizePlain")).table().tableSizeBytes());
    }

    @Test
    void conditionsReturnValuesAndUpdates() {
        createTable("Cond", null);
        ddb.putItem(r -> r.tableName("Cond").item(item("pk", "a", "count", 1, "tags", AttributeValue.fromSs(List.of("x")))));
        ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class,
                () -> ddb.putItem(r -> r.tableName("Cond").item(item("pk", "a")).conditionExpression("attribute_not_exists(pk)")));
        assertEquals("The conditional request failed", e.awsErrorDetails().errorMessage());
        assertEquals(400, e.statusCode());

        var updated = ddb.updateItem(r -> r.tableName("Cond").key(item("pk", "a"))
                .updateExpression("SET #c = #c + :one, note = :note ADD tags :t")
                .conditionExpression("#c = :one")
                .expressionAttributeNames(Map.of("#c", "count"))
                .expressionAttributeValues(Map.of(":one", n("1"), ":note", s("hi"), ":t", AttributeValue.fromSs(List.of("y"))))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        assertEquals("2", updated.get("count").n());
        assertEquals(Set.of("x", "y"), new HashSet<>(updated.get("tags").ss()));

        var old = ddb.updateItem(r -> r.tableName("Cond").key(item("pk", "a")).updateExpression("REMOVE note")
                .returnValues(ReturnValue.UPDATED_OLD)).attributes();
        assertEquals(Map.of("note", s("hi")), old);

        DynamoDbException keyUpdate = assertThrows(DynamoDbException.class, () -> ddb.updateItem(r -> r.tableName("Cond")
                .key(item("pk", "a")).updateExpression("SET pk = :v").expressionAttributeValues(Map.of(":v", s("b")))));
        assertEquals("One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key",
                keyUpdate.awsErrorDetails().errorMessage());

        var created = ddb.updateItem(r -> r.tableName("Cond").key(item("pk", "new")).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", n("7"))).returnValues(ReturnValue.ALL_NEW)).attributes();
        assertEquals(item("pk", "new", "v", 7), created);

        var deleted = ddb.deleteItem(r -> r.tableName("Cond").key(item("pk", "new")).returnValues(ReturnValue.ALL_OLD)).attributes();
        assertEquals(item("pk", "new", "v", 7), deleted);
        assertFalse(ddb.getItem(r -> r.tableName("Cond").key(item("pk", "new"))).hasItem());
        assertThrows(ConditionalCheckFailedException.class, () -> ddb.deleteItem(r -> r.tableName("Cond")
                .key(item("pk", "a")).conditionExpression("attribute_not_exists(pk)")));
        DynamoDbException unused = assertThrows(DynamoDbException.class, () -> ddb.deleteItem(r -> r.tableName("Cond")
                .key(item("pk", "a")).conditionExpression("attribute_exists(pk)").expressionAttributeValues(Map.of(":x", s("x")))));
        assertTrue(unused.awsErrorDetails().errorMessage().contains("unused in expressions"));
    }

    @Test
    void keyAndItemValidation() {
        createTable("Valid", ScalarAttributeType.N);
        DynamoDbException mismatch = assertThrows(DynamoDbException.class,
                () -> ddb.putItem(r -> r.tableName("Valid").item(item("pk", "a", "sk", "notanumber"))));
        assertEquals("One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S",
                mismatch.awsErrorDetails().errorMessage());
        DynamoDbException missing = assertThrows(DynamoDbException.class,
                () -> ddb.putItem(r -> r.tableName("Valid").item(item("pk", "a"))));
        assertEquals("One or more parameter values were invalid: Missing the key sk in the item",
                missing.awsErrorDetails().errorMessage());
        DynamoDbException schema = assertThrows(DynamoDbException.class,
                () -> ddb.getItem(r -> r.tableName("Valid").key(item("pk", "a"))));
        assertEquals("The provided key element does not match the schema", schema.awsErrorDetails().errorMessage());
        DynamoDbException big = assertThrows(DynamoDbException.class,
                () -> ddb.putItem(r -> r.tableName("Valid").item(item("pk", "a", "sk", 1, "blob", "x".repeat(400 * 1024)))));
        assertEquals("Item size has exceeded the maximum allowed size", big.awsErrorDetails().errorMessage());
        ddb.putItem(r -> r.tableName("Valid").item(item("pk", "a", "sk", 1, "blob", "x".repeat(400 * 1024 - 100))));
        DynamoDbException emptySet = assertThrows(DynamoDbException.class, () -> ddb.putItem(r -> r.tableName("Valid")
                .item(item("pk", "a", "sk", 2, "set", AttributeValue.fromSs(List.of())))));
        assertEquals("ValidationException", emptySet.awsErrorDetails().errorCode());
        DynamoDbException badNumber = assertThrows(DynamoDbException.class, () -> ddb.putItem(r -> r.tableName("Valid")
                .item(item("pk", "a", "sk", 2, "n", n("12abc")))));
        assertEquals("ValidationException", badNumber.awsErrorDetails().errorCode());
        ResourceNotFoundException none = assertThrows(ResourceNotFoundException.class,
                () -> ddb.putItem(r -> r.tableName("NoSuchTable").item(item("pk", "a"))));
        assertEquals(400, none.statusCode());
        DynamoDbException badExpr = assertThrows(DynamoDbException.class, () -> ddb.putItem(r -> r.tableName("Valid")
                .item(item("pk", "a", "sk", 3)).conditionExpression("attribute_exists(")));
        assertEquals("ValidationException", badExpr.awsErrorDetails().errorCode());
    }

    @Test
    void queryRangesOrderPagesFiltersAndCounts() {
        createTable("Queried", ScalarAttributeType.N);
        for (int i = 1; i <= 10; i++) {
            int k = i;
            ddb.putItem(r -> r.tableName("Queried").item(item("pk", "p", "sk", k, "odd", k % 2 == 1 ? "yes" : "no", "extra", "e")));
        }
        ddb.putItem(r -> r.tableName("Queried").item(item("pk", "other", "sk", 5)));
        QueryResponse between = ddb.query(r -> r.tableName("Queried").keyConditionExpression("pk = :p AND sk BETWEEN :a AND :b")
                .expressionAttributeValues(Map.of(":p", s("p"), ":a", n("3"), ":b", n("6"))));
        assertEquals(List.of("3", "4", "5", "6"), between.items().stream().map(i -> i.get("sk").n()).toList());

        QueryResponse desc = ddb.query(r -> r.tableName("Queried").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))).scanIndexForward(false).limit(3));
        assertEquals(List.of("10", "9", "8"), desc.items().stream().map(i -> i.get("sk").n()).toList());
        assertEquals(item("pk", "p", "sk", 8), desc.lastEvaluatedKey());

        List<String> all = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = ddb.query(r -> r.tableName("Queried").keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", s("p"))).limit(4).exclusiveStartKey(from));
            page.items().forEach(i -> all.add(i.get("sk").n()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (start != null);
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), all);
        assertEquals(3, pages);

        QueryResponse filtered = ddb.query(r -> r.tableName("Queried").keyConditionExpression("pk = :p AND sk > :s")
                .filterExpression("odd = :y").projectionExpression("sk")
                .expressionAttributeValues(Map.of(":p", s("p"), ":s", n("4"), ":y", s("yes"))));
        assertEquals(3, filtered.count());
        assertEquals(6, filtered.scannedCount());
        assertEquals(List.of(Map.of("sk", n("5")), Map.of("sk", n("7")), Map.of("sk", n("9"))), filtered.items());

        QueryResponse count = ddb.query(r -> r.tableName("Queried").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))).select(Select.COUNT));
        assertEquals(10, count.count());
        assertTrue(count.items().isEmpty());
    }

    @Test
    void scanPagesAndSegmentsCoverEveryItemOnce() {
        createTable("Scanned", null);
        for (int i = 0; i < 40; i++) {
            int k = i;
            ddb.putItem(r -> r.tableName("Scanned").item(item("pk", "item" + k, "n", k)));
        }
        List<String> paged = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = ddb.scan(r -> r.tableName("Scanned").limit(7).exclusiveStartKey(from));
            page.items().forEach(i -> paged.add(i.get("pk").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        assertEquals(40, paged.size());
        assertEquals(40, new HashSet<>(paged).size());

        Set<String> segmented = new HashSet<>();
        int total = 0;
        for (int seg = 0; seg < 4; seg++) {
            int sg = seg;
            List<Map<String, AttributeValue>> items = ddb.scan(r -> r.tableName("Scanned").segment(sg).totalSegments(4)).items();
            total += items.size();
            items.forEach(i -> segmented.add(i.get("pk").s()));
        }
        assertEquals(40, total);
        assertEquals(40, segmented.size());
        DynamoDbException badSegment = assertThrows(DynamoDbException.class,
                () -> ddb.scan(r -> r.tableName("Scanned").segment(4).totalSegments(4)));
        assertEquals("ValidationException", badSegment.awsErrorDetails().errorCode());
        assertEquals(20, ddb.scan(r -> r.tableName("Scanned").filterExpression("n < :t")
                .expressionAttributeValues(Map.of(":t", n("20")))).count());
    }

    @Test
    void batchWriteAndBatchGet() {
        createTable("Batch", null);
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item("pk", "k" + i, "v", i)).build()).build());
        }
        assertTrue(ddb.batchWriteItem(r -> r.requestItems(Map.of("Batch", writes))).unprocessedItems().isEmpty());
        List<WriteRequest> tooMany = new ArrayList<>(writes);
        tooMany.add(writes.get(0));
        assertThrows(DynamoDbException.class, () -> ddb.batchWriteItem(r -> r.requestItems(Map.of("Batch", tooMany))));
        ddb.batchWriteItem(r -> r.requestItems(Map.of("Batch", List.of(
                WriteRequest.builder().deleteRequest(d -> d.key(item("pk", "k0"))).build()))));
        var got = ddb.batchGetItem(r -> r.requestItems(Map.of("Batch", software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes
                .builder().keys(item("pk", "k0"), item("pk", "k1"), item("pk", "k2")).projectionExpression("v").build())));
        assertEquals(Set.of("1", "2"), got.responses().get("Batch").stream().map(i -> i.get("v").n())
                .collect(java.util.stream.Collectors.toSet()));
        DynamoDbException dup = assertThrows(DynamoDbException.class, () -> ddb.batchGetItem(r -> r.requestItems(Map.of("Batch",
                software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                        .keys(item("pk", "k1"), item("pk", "k1")).build()))));
        assertEquals("Provided list of item keys contains duplicates", dup.awsErrorDetails().errorMessage());
    }

    @Test
    void localAndGlobalIndexesFollowTheItems() {
        ddb.createTable(r -> r.tableName("Idx").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("rank").attributeType(ScalarAttributeType.N).build(),
                        AttributeDefinition.builder().attributeName("city").attributeType(ScalarAttributeType.S).build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byRank")
                        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("rank").keyType(KeyType.RANGE).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byCity")
                        .keySchema(KeySchemaElement.builder().attributeName("city").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("rank").keyType(KeyType.RANGE).build())
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Idx"));
        ddb.putItem(r -> r.tableName("Idx").item(item("pk", "u1", "sk", "a", "rank", 3, "city", "Oslo", "x", "1")));
        ddb.putItem(r -> r.tableName("Idx").item(item("pk", "u1", "sk", "b", "rank", 1, "city", "Oslo")));
        ddb.putItem(r -> r.tableName("Idx").item(item("pk", "u2", "sk", "a", "rank", 2, "city", "Rome")));
        ddb.putItem(r -> r.tableName("Idx").item(item("pk", "u2", "sk", "b")));

        QueryResponse lsi = ddb.query(r -> r.tableName("Idx").indexName("byRank").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("u1"))));
        assertEquals(List.of("b", "a"), lsi.items().stream().map(i -> i.get("sk").s()).toList());
        assertEquals("1", lsi.items().get(1).get("x").s());

        QueryResponse gsi = ddb.query(r -> r.tableName("Idx").indexName("byCity").keyConditionExpression("city = :c")
                .expressionAttributeValues(Map.of(":c", s("Oslo"))).limit(1));
        assertEquals(1, gsi.items().size());
        assertEquals(Set.of("pk", "sk", "rank", "city"), gsi.items().get(0).keySet());
        assertEquals(Set.of("pk", "sk", "rank", "city"), gsi.lastEvaluatedKey().keySet());

        ddb.updateItem(r -> r.tableName("Idx").key(item("pk", "u1", "sk", "b")).updateExpression("SET city = :c")
                .expressionAttributeValues(Map.of(":c", s("Rome"))));
        assertEquals(2, ddb.query(r -> r.tableName("Idx").indexName("byCity").keyConditionExpression("city = :c")
                .expressionAttributeValues(Map.of(":c", s("Rome")))).count());
        ddb.deleteItem(r -> r.tableName("Idx").key(item("pk", "u2", "sk", "a")));
        assertEquals(1, ddb.query(r -> r.tableName("Idx").indexName("byCity").keyConditionExpression("city = :c")
                .expressionAttributeValues(Map.of(":c", s("Rome")))).count());
        assertEquals(2, ddb.scan(r -> r.tableName("Idx").indexName("byCity")).count());

        DynamoDbException typed = assertThrows(DynamoDbException.class, () -> ddb.putItem(r -> r.tableName("Idx")
                .item(item("pk", "u3", "sk", "a", "city", 5))));
        assertTrue(typed.awsErrorDetails().errorMessage().contains("Type mismatch for Index Key city"));
        DynamoDbException consistent = assertThrows(DynamoDbException.class, () -> ddb.query(r -> r.tableName("Idx")
                .indexName("byCity").consistentRead(true).keyConditionExpression("city = :c")
                .expressionAttributeValues(Map.of(":c", s("Rome")))));
        assertEquals("Consistent reads are not supported on global secondary indexes", consistent.awsErrorDetails().errorMessage());
        assertNull(ddb.describeTable(r -> r.tableName("Idx")).table().sseDescription());
    }
}

package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.reference.ServerOptions;
import earkit.reference.service.StorageRoutes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.stream.Stream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** TransactWriteItems and TransactGetItems through the SDK: the actions, cancellation, idempotency, capacity, what is stored. */
class TransactionsTest extends StoreTestBase {
    private ServerOptions opts = ServerOptions.defaults();

    @Override
    protected ServerOptions options() {
        return opts;
    }

    static TransactWriteItem put(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    static TransactWriteItem putIfAbsent(String table, Map<String, AttributeValue> item, boolean allOld) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(allOld ? ReturnValuesOnConditionCheckFailure.ALL_OLD : null)).build();
    }

    static TransactWriteItem add(String table, String pk, int by) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(Map.of("pk", s(pk)))
                .updateExpression("ADD n :by").expressionAttributeValues(Map.of(":by", n(Integer.toString(by))))).build();
    }

    static TransactWriteItem delete(String table, String pk) {
        return TransactWriteItem.builder().delete(d -> d.tableName(table).key(Map.of("pk", s(pk)))).build();
    }

    static TransactWriteItem exists(String table, String pk) {
        return TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(Map.of("pk", s(pk)))
                .conditionExpression("attribute_exists(pk)")).build();
    }

    private Map<String, AttributeValue> get(String table, String pk) {
        Map<String, AttributeValue> item = ddb.getItem(r -> r.tableName(table).key(Map.of("pk", s(pk))).consistentRead(true)).item();
        return item.isEmpty() ? null : item;
    }

    @Test
    void everyActionKindIsAppliedTogether() {
        createTable("Orders", null);
        createTable("Stock", null);
        ddb.putItem(r -> r.tableName("Stock").item(item("pk", "apple", "n", 5)));
        ddb.putItem(r -> r.tableName("Orders").item(item("pk", "stale")));
        ddb.putItem(r -> r.tableName("Orders").item(item("pk", "customer")));

        ddb.transactWriteItems(r -> r.transactItems(put("Orders", item("pk", "o1", "what", "apple")), add("Stock", "apple", -1),
                delete("Orders", "stale"), exists("Orders", "customer")));

        assertEquals("apple", get("Orders", "o1").get("what").s());
        assertEquals("4", get("Stock", "apple").get("n").n());
        assertNull(get("Orders", "stale"));
        assertEquals(item("pk", "customer"), get("Orders", "customer"), "a condition check writes nothing");

        var got = ddb.transactGetItems(r -> r.transactItems(
                TransactGetItem.builder().get(g -> g.tableName("Stock").key(Map.of("pk", s("apple")))
                        .projectionExpression("#n").expressionAttributeNames(Map.of("#n", "n"))).build(),
                TransactGetItem.builder().get(g -> g.tableName("Orders").key(Map.of("pk", s("none")))).build(),
                TransactGetItem.builder().get(g -> g.tableName("Orders").key(Map.of("pk", s("o1")))).build()));
        assertEquals(3, got.responses().size());
        assertEquals(Map.of("n", n("4")), got.responses().get(0).item(), "the projection applies");
        assertFalse(got.responses().get(1).hasItem(), "a missing item is an empty response in its place");
        assertEquals(item("pk", "o1", "what", "apple"), got.responses().get(2).item());
    }

    @Test
    void aFailedConditionCancelsEverythingWithOneReasonPerActionInOrder() {
        createTable("Orders", null);
        createTable("Stock", null);
        ddb.putItem(r -> r.tableName("Stock").item(item("pk", "apple", "n", 5)));
        ddb.putItem(r -> r.tableName("Orders").item(item("pk", "taken", "by", "someone")));

        TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> ddb.transactWriteItems(r -> r.transactItems(
                add("Stock", "apple", -1), putIfAbsent("Orders", item("pk", "taken", "by", "me"), true),
                put("Orders", item("pk", "new")), exists("Stock", "pear"))));
        assertEquals(400, e.statusCode());
        assertEquals("TransactionCanceledException", e.awsErrorDetails().errorCode());
        assertEquals("Transaction cancelled, please refer cancellation reasons for specific reasons "
                + "[None, ConditionalCheckFailed, None, ConditionalCheckFailed]", e.awsErrorDetails().errorMessage());
        List<CancellationReason> reasons = e.cancellationReasons();
        assertEquals(List.of("None", "ConditionalCheckFailed", "None", "ConditionalCheckFailed"),
                reasons.stream().map(CancellationReason::code).toList());
        assertNull(reasons.get(0).message());
        assertEquals("The conditional request failed", reasons.get(1).message());
        assertEquals(item("pk", "taken", "by", "someone"), reasons.get(1).item(), "ALL_OLD returns the item as it is");
        assertFalse(reasons.get(3).hasItem(), "no item without ALL_OLD (and none exists)");

        assertEquals("5", get("Stock", "apple").get("n").n(), "nothing was applied");
        assertNull(get("Orders", "new"));
        assertEquals("someone", get("Orders", "taken").get("by").s());
    }

    @Test
    void anUpdateThatCannotApplyToTheStoredItemIsAValidationErrorReason() {
        createTable("Stock", null);
        ddb.putItem(r -> r.tableName("Stock").item(item("pk", "apple", "n", "five")));
        ddb.putItem(r -> r.tableName("Stock").item(item("pk", "pear", "n", 1)));
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> ddb.transactWriteItems(r -> r.transactItems(add("Stock", "pear", 1), add("Stock", "apple", 1))));
        assertEquals(List.of("None", "ValidationError"), e.cancellationReasons().stream().map(CancellationReason::code).toList());
        assertEquals("An operand in the update expression has an incorrect data type", e.cancellationReasons().get(1).message());
        assertEquals("1", get("Stock", "pear").get("n").n());
    }

    @Test
    void aClientTokenAppliesItsTransactionOnceForTenMinutes() {
        createTable("Counters", null);
        TransactWriteItemsRequest once = TransactWriteItemsRequest.builder().clientRequestToken("token-1")
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).transactItems(add("Counters", "c", 1)).build();
        ConsumedCapacity first = ddb.transactWriteItems(once).consumedCapacity().get(0);
        assertEquals(2.0, first.writeCapacityUnits(), "a transactional write costs two units per KB");
        assertNull(first.readCapacityUnits());

        advance("PT9M59S");
        ConsumedCapacity again = ddb.transactWriteItems(once).consumedCapacity().get(0);
        assertEquals("1", get("Counters", "c").get("n").n(), "the same request within the window is not applied again");
        assertEquals(1.0, again.readCapacityUnits(), "a repeat reports the read units of reading the item");
        assertNull(again.writeCapacityUnits());

        IdempotentParameterMismatchException mismatch = assertThrows(IdempotentParameterMismatchException.class,
                () -> ddb.transactWriteItems(once.toBuilder().transactItems(add("Counters", "c", 2)).build()));
        assertEquals(400, mismatch.statusCode());
        assertEquals("IdempotentParameterMismatchException", mismatch.awsErrorDetails().errorCode());
        assertEquals("1", get("Counters", "c").get("n").n());

        advance("PT1S");
        ddb.transactWriteItems(once);
        assertEquals("2", get("Counters", "c").get("n").n(), "ten minutes after it completed the token starts a new transaction");
        ddb.transactWriteItems(once.toBuilder().clientRequestToken("t".repeat(36)).build());
        assertEquals("3", get("Counters", "c").get("n").n(), "another token (of the longest length) is another transaction");
    }

    @Test
    void aCancelledTransactionDoesNotHoldItsToken() {
        createTable("Counters", null);
        TransactWriteItemsRequest guarded = TransactWriteItemsRequest.builder().clientRequestToken("retry-me")
                .transactItems(exists("Counters", "c"), add("Counters", "d", 1)).build();
        assertThrows(TransactionCanceledException.class, () -> ddb.transactWriteItems(guarded));
        ddb.putItem(r -> r.tableName("Counters").item(item("pk", "c")));
        ddb.transactWriteItems(guarded);
        assertEquals("1", get("Counters", "d").get("n").n());
    }

    @Test
    void consumedCapacityIsTwiceTheSingleItemCallsPerTableWithIndexes() {
        ddb.createTable(r -> r.tableName("Indexed").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("g").attributeType(ScalarAttributeType.S).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                        .keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Indexed"));
        createTable("Plain", null);
        String kb = "x".repeat(1500);
        var out = ddb.transactWriteItems(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).transactItems(
                put("Indexed", item("pk", "a", "g", "ga", "v", kb)), put("Indexed", item("pk", "b")),
                put("Plain", item("pk", "p")))).consumedCapacity();
        assertEquals(List.of("Indexed", "Plain"), out.stream().map(ConsumedCapacity::tableName).toList());
        // a: 2 KB in the table and 2 KB in the index; b: 1 KB in the table, no index entry; all doubled
        assertEquals(2 * (2 + 1 + 2), out.get(0).capacityUnits());
        assertEquals(2 * (2 + 1), out.get(0).table().capacityUnits());
        assertEquals(4.0, out.get(0).globalSecondaryIndexes().get("byG").capacityUnits());
        assertEquals(2.0, out.get(1).writeCapacityUnits());

        ddb.putItem(r -> r.tableName("Plain").item(item("pk", "big", "v", "y".repeat(5000))));
        var read = ddb.transactGetItems(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).transactItems(
                TransactGetItem.builder().get(g -> g.tableName("Plain").key(Map.of("pk", s("big")))).build(),
                TransactGetItem.builder().get(g -> g.tableName("Plain").key(Map.of("pk", s("none")))).build())).consumedCapacity();
        assertEquals(2.0 * (2 + 1), read.get(0).readCapacityUnits(), "a transactional read is twice a consistent one");
    }

    @Test
    void indexesAndStreamsFollowTransactionalWrites() {
        ddb.createTable(r -> r.tableName("Feed").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("g").attributeType(ScalarAttributeType.S).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                        .keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build())
                .streamSpecification(sp -> sp.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Feed"));
        ddb.putItem(r -> r.tableName("Feed").item(item("pk", "old", "g", "x")));
        ddb.transactWriteItems(r -> r.transactItems(put("Feed", item("pk", "new", "g", "x")), delete("Feed", "old")));
        ddb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().update(u -> u.tableName("Feed")
                .key(Map.of("pk", s("new"))).updateExpression("SET g = :y").expressionAttributeValues(Map.of(":y", s("y")))).build()));

        assertEquals(0, ddb.query(q -> q.tableName("Feed").indexName("byG").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", s("x")))).count());
        assertEquals(List.of(item("pk", "new", "g", "y")), ddb.query(q -> q.tableName("Feed").indexName("byG")
                .keyConditionExpression("g = :g").expressionAttributeValues(Map.of(":g", s("y")))).items());

        String arn = ddb.describeTable(r -> r.tableName("Feed")).table().latestStreamArn();
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder()).overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            String shard = streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0).shardId();
            String it = streams.getShardIterator(r -> r.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            List<Record> records = new ArrayList<>(streams.getRecords(r -> r.shardIterator(it)).records());
            assertEquals(List.of(OperationType.INSERT, OperationType.INSERT, OperationType.REMOVE, OperationType.MODIFY),
                    records.stream().map(Record::eventName).toList());
            assertEquals(item("pk", "old", "g", "x"), records.get(2).dynamodb().oldImage());
            assertEquals(item("pk", "new", "g", "y"), records.get(3).dynamodb().newImage());
        }
    }

    @Test
    void transactionalWritesLeaveNoPlaintextInTheStore() {
        String marker = "TXN-MARKER-51c2e8";
        createTable("Vault", null);
        createTable("Ledger", ScalarAttributeType.S);
        ddb.transactWriteItems(r -> r.transactItems(put("Vault", item("pk", marker + "-pk", "note", "in Zanzibar-city " + marker)),
                TransactWriteItem.builder().put(p -> p.tableName("Ledger").item(item("pk", "l", "sk", marker + "-sk", "amount", 31415926535L))).build()));
        ddb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().update(u -> u.tableName("Vault")
                .key(Map.of("pk", s(marker + "-pk"))).updateExpression("SET extra = :e")
                .expressionAttributeValues(Map.of(":e", s("secretNote " + marker)))).build()));
        assertThrows(TransactionCanceledException.class, () -> ddb.transactWriteItems(r -> r.clientRequestToken("tok")
                .transactItems(putIfAbsent("Vault", item("pk", marker + "-pk", "note", "hidden-gsi-value"), true))));
        assertEquals("secretNote " + marker, get("Vault", marker + "-pk").get("extra").s());

        String found = control("/_kit/storage/find", "{\"needles\":[\"" + marker + "\",\"Zanzibar-city\",\"secretNote\",\"31415926535\",\"hidden-gsi-value\"]}");
        assertTrue(found.contains("\"found\":[]"), found);
        assertFalse(found.contains("\"entriesScanned\":0"), found);
    }

    @Test
    void onDiskTransactionalWritesAreCommittedSealedAndSurviveARestart(@TempDir Path dir) throws IOException {
        String marker = "TXN-DISK-9d04aa";
        stopServer();
        opts = ServerOptions.defaults().withDataDir(dir);
        startServer();
        createTable("Kept", null);
        createTable("Also", null);
        ddb.transactWriteItems(r -> r.transactItems(put("Kept", item("pk", "a", "v", marker)), put("Also", item("pk", "b", "v", marker))));
        stopServer();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                assertFalse(StorageRoutes.contains(Files.readAllBytes(f), marker.getBytes(StandardCharsets.UTF_8)), f.toString());
            }
        }
        startServer();
        assertEquals(marker, get("Kept", "a").get("v").s());
        assertEquals(marker, get("Also", "b").get("v").s());
    }

    @Test
    void badRequestsAreRefusedWithTheirCode() {
        createTable("Orders", null);
        createTable("Ranged", ScalarAttributeType.N);
        assertRefused("ValidationException", () -> ddb.transactWriteItems(r -> r.transactItems(List.of())));
        assertRefused("ValidationException", () -> ddb.transactGetItems(r -> r.transactItems(List.of())));
        assertRefused("ValidationException", () -> ddb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                .put(p -> p.tableName("Orders").item(item("pk", "a"))).delete(d -> d.tableName("Orders").key(item("pk", "b"))).build())));
        assertRefused("ValidationException", () -> ddb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().build())));
        assertRefused("ResourceNotFoundException", () -> ddb.transactWriteItems(r -> r.transactItems(put("Nowhere", item("pk", "a")))));
        assertRefused("ResourceNotFoundException", () -> ddb.transactGetItems(r -> r.transactItems(
                TransactGetItem.builder().get(g -> g.tableName("Nowhere").key(item("pk", "a"))).build())));
        assertRefused("ValidationException", () -> ddb.transactWriteItems(r -> r.transactItems(put("Ranged", item("pk", "a")))));
        assertRefused("ValidationException", () -> ddb.transactWriteItems(r -> r.transactItems(delete("Ranged", "a"))));
        assertRefused("ValidationException", () -> ddb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                .conditionCheck(c -> c.tableName("Orders").key(item("pk", "a"))).build())));
        assertRefused("ValidationException", () -> ddb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                .update(u -> u.tableName("Orders").key(item("pk", "a")).updateExpression("SET pk = :v")
                        .expressionAttributeValues(Map.of(":v", s("b")))).build())));
        assertRefused("ValidationException", () -> ddb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                .update(u -> u.tableName("Orders").key(item("pk", "a")).updateExpression("SET v = :v")
                        .expressionAttributeValues(Map.of(":v", s("b"), ":unused", s("c")))).build())));
        assertRefused("ValidationException", () -> ddb.transactWriteItems(r -> r.clientRequestToken("x".repeat(37))
                .transactItems(put("Orders", item("pk", "a")))));
        assertRefused("ValidationException", () -> ddb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                .put(p -> p.tableName("Orders").item(item("pk", "a")).conditionExpression("attribute_exists(")).build())));
        assertNull(get("Orders", "a"), "no refused request wrote anything");
    }

    static void assertRefused(String code, org.junit.jupiter.api.function.Executable call) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(400, e.statusCode());
    }
}

package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The table, backup, batch, stream and tag operations answer a request that breaks DynamoDB's model
 * constraints with every broken constraint, in DynamoDB's wording and order ({@code N validation errors
 * detected: Value '…' at '…' failed to satisfy constraint: …}), before any table or backup is looked up; a
 * request on the edge of each constraint passes it. Over HTTP with the SDK v2, which checks none of these.
 */
class ModelConstraintMessagesTest extends StoreTestBase {
    private static final String PATTERN = "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+";
    private static final String ARN_36 = "arn:aws:dynamodb:us-east-1:1:table/a";
    private static final String ARN_37 = ARN_36 + "b";
    private DynamoDbStreamsClient streams;

    @BeforeEach
    void streamsClient() {
        streams = DynamoDbStreamsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @AfterEach
    void closeStreams() {
        streams.close();
    }

    private static String refusal(Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(400, e.statusCode());
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        return e.awsErrorDetails().errorMessage();
    }

    private static String errorCode(Executable call) {
        return assertThrows(AwsServiceException.class, call).awsErrorDetails().errorCode();
    }

    private static String at(String value, String member, String constraint) {
        return "Value " + (value == null ? "null" : "'" + value + "'") + " at '" + member + "' failed to satisfy constraint: " + constraint;
    }

    @Test
    void tableNamesAreCheckedAgainstPatternAndBothLengthEdges() {
        assertEquals("1 validation error detected: " + at("ab", "tableName", "Member must have length greater than or equal to 3"),
                refusal(() -> ddb.describeTable(r -> r.tableName("ab"))));
        String long256 = "x".repeat(255) + "!";
        assertEquals("2 validation errors detected: " + at(long256, "tableName", PATTERN) + "; "
                + at(long256, "tableName", "Member must have length less than or equal to 255"),
                refusal(() -> ddb.deleteTable(r -> r.tableName(long256))));
        assertEquals("ResourceNotFoundException", errorCode(() -> ddb.describeTable(r -> r.tableName("x".repeat(255)))));
        assertEquals("ResourceNotFoundException", errorCode(() -> ddb.describeTable(r -> r.tableName("a.-"))));
        assertEquals("1 validation error detected: " + at(null, "tableName", "Member must not be null"),
                refusal(() -> ddb.describeTable(r -> { })));
    }

    @Test
    void createTableReportsEveryBrokenMemberInDynamoDbsOrder() {
        String message = refusal(() -> ddb.createTable(r -> r.tableName("a!")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType("X").build())
                .billingMode("FREE").keySchema(List.of())));
        assertEquals("5 validation errors detected: "
                + at("X", "attributeDefinitions.1.member.attributeType", "Member must satisfy enum value set: [B, N, S]") + "; "
                + at("a!", "tableName", PATTERN) + "; "
                + at("a!", "tableName", "Member must have length greater than or equal to 3") + "; "
                + at("FREE", "billingMode", "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]") + "; "
                + at("[]", "keySchema", "Member must have length greater than or equal to 1"), message);
    }

    @Test
    void updateTableChecksItsMembersBeforeTheTableIsLookedUp() {
        String message = refusal(() -> ddb.updateTable(r -> r.tableName("ab").billingMode("FREE")
                .provisionedThroughput(p -> p.readCapacityUnits(0L).writeCapacityUnits(1L))
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName("ix")).build())));
        assertEquals("4 validation errors detected: "
                + at("ab", "tableName", "Member must have length greater than or equal to 3") + "; "
                + at("0", "provisionedThroughput.readCapacityUnits", "Member must have value greater than or equal to 1") + "; "
                + at("FREE", "billingMode", "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]") + "; "
                + at("ix", "globalSecondaryIndexUpdates.1.member.delete.indexName", "Member must have length greater than or equal to 3"),
                message);
    }

    @Test
    void listTablesLimitRunsFromOneToOneHundred() {
        assertEquals("1 validation error detected: " + at("0", "limit", "Member must have value greater than or equal to 1"),
                refusal(() -> ddb.listTables(r -> r.limit(0))));
        assertEquals("2 validation errors detected: " + at("101", "limit", "Member must have value less than or equal to 100") + "; "
                + at("x", "exclusiveStartTableName", "Member must have length greater than or equal to 3"),
                refusal(() -> ddb.listTables(r -> r.limit(101).exclusiveStartTableName("x"))));
        ddb.listTables(r -> r.limit(1));
        ddb.listTables(r -> r.limit(100));
    }

    @Test
    void backupRequestsNameTheirBrokenMembers() {
        assertEquals("3 validation errors detected: " + at("ab", "tableName", "Member must have length greater than or equal to 3") + "; "
                + at("b!", "backupName", PATTERN) + "; " + at("b!", "backupName", "Member must have length greater than or equal to 3"),
                refusal(() -> ddb.createBackup(r -> r.tableName("ab").backupName("b!"))));
        assertEquals("1 validation error detected: " + at(ARN_36, "backupArn", "Member must have length greater than or equal to 37"),
                refusal(() -> ddb.describeBackup(r -> r.backupArn(ARN_36))));
        assertEquals("BackupNotFoundException", errorCode(() -> ddb.deleteBackup(r -> r.backupArn(ARN_37))));
        assertEquals("2 validation errors detected: " + at("0", "limit", "Member must have value greater than or equal to 1") + "; "
                + at("NONE", "backupType", "Member must satisfy enum value set: [USER, SYSTEM, AWS_BACKUP, ALL]"),
                refusal(() -> ddb.listBackups(r -> r.limit(0).backupType("NONE"))));
        assertEquals("3 validation errors detected: " + at(null, "targetTableName", "Member must not be null") + "; "
                + at(ARN_36, "backupArn", "Member must have length greater than or equal to 37") + "; "
                + at("FREE", "billingModeOverride", "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]"),
                refusal(() -> ddb.restoreTableFromBackup(r -> r.backupArn(ARN_36).billingModeOverride("FREE"))));
    }

    @Test
    void batchesCheckTheirTableNamesAndSizes() {
        Map<String, KeysAndAttributes> get = new LinkedHashMap<>();
        get.put("a", KeysAndAttributes.builder().keys(List.of()).build());
        get.put("good", KeysAndAttributes.builder().keys(List.of(Map.of("pk", s("k")))).build());
        String keys = "Map keys must satisfy constraint: [Member must have length less than or equal to 255, "
                + "Member must have length greater than or equal to 3, " + PATTERN + "]";
        assertEquals("3 validation errors detected: "
                + at("ALL", "returnConsumedCapacity", "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]") + "; "
                + at("{a, good}", "requestItems", keys) + "; "
                + at("[]", "requestItems.a.member.keys", "Member must have length greater than or equal to 1"),
                refusal(() -> ddb.batchGetItem(r -> r.requestItems(get).returnConsumedCapacity("ALL"))));

        List<WriteRequest> many = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            many.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of("pk", s("k" + i))).build()).build());
        }
        assertEquals("1 validation error detected: " + at("{Nowhere}", "requestItems",
                "Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]"),
                refusal(() -> ddb.batchWriteItem(r -> r.requestItems(Map.of("Nowhere", many)))));
        Map<String, List<WriteRequest>> split = new LinkedHashMap<>();
        split.put("One", many.subList(0, 13));
        split.put("Two", many.subList(13, 26));
        assertEquals("Too many items requested for the BatchWriteItem call", refusal(() -> ddb.batchWriteItem(r -> r.requestItems(split))));
        assertEquals("ResourceNotFoundException", errorCode(() -> ddb.batchWriteItem(r -> r.requestItems(Map.of("Nowhere", many.subList(0, 25))))));
    }

    @Test
    void streamRequestsCheckArnsShardIdsAndLimits() {
        assertEquals("3 validation errors detected: " + at(ARN_36, "streamArn", "Member must have length greater than or equal to 37") + "; "
                + at("shard", "shardId", "Member must have length greater than or equal to 28") + "; "
                + at("OLDEST", "shardIteratorType",
                        "Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]"),
                refusal(() -> streams.getShardIterator(r -> r.streamArn(ARN_36).shardId("shard").shardIteratorType("OLDEST"))));
        assertEquals("2 validation errors detected: " + at("", "shardIterator", "Member must have length greater than or equal to 1") + "; "
                + at("1001", "limit", "Member must have value less than or equal to 1000"),
                refusal(() -> streams.getRecords(r -> r.shardIterator("").limit(1001))));
        assertEquals("1 validation error detected: " + at("101", "limit", "Member must have value less than or equal to 100"),
                refusal(() -> streams.describeStream(r -> r.streamArn(ARN_37).limit(101))));
        assertEquals("ResourceNotFoundException", errorCode(() -> streams.describeStream(r -> r.streamArn(ARN_36 + "/stream/2020").limit(100))));
        assertEquals("1 validation error detected: " + at("0", "limit", "Member must have value greater than or equal to 1"),
                refusal(() -> streams.listStreams(r -> r.limit(0))));
    }

    @Test
    void tagsAreCheckedMemberByMember() {
        String arn = createTable("Tagged", null).tableArn();
        String longValue = "v".repeat(257);
        assertEquals("2 validation errors detected: " + at("", "tags.1.member.key", "Member must have length greater than or equal to 1") + "; "
                + at(longValue, "tags.2.member.value", "Member must have length less than or equal to 256"),
                refusal(() -> ddb.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("").value("v").build(),
                        Tag.builder().key("k").value(longValue).build()))));
        ddb.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("k".repeat(128)).value("v".repeat(256)).build()));
        String longKey = "k".repeat(129);
        assertEquals("1 validation error detected: " + at(longKey, "tagKeys.1.member", "Member must have length less than or equal to 128"),
                refusal(() -> ddb.untagResource(r -> r.resourceArn(arn).tagKeys(longKey))));
    }
}

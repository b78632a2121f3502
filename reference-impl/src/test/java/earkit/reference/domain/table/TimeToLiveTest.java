package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Time to Live over HTTP: UpdateTimeToLive and DescribeTimeToLive with their documented refusals, and expired
 * items deleted by DynamoDB on the virtual clock (a REMOVE stream record naming the service), none while the
 * table's key is inaccessible, and again once it is back.
 */
class TimeToLiveTest extends StoreTestBase {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private DynamoDbStreamsClient streams;

    @BeforeEach
    void startAtT0() {
        control("/_kit/clock/set", "{\"to\":\"" + T0 + "\"}");
        streams = DynamoDbStreamsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @AfterEach
    void closeStreams() {
        streams.close();
    }

    private void table(String name, String keyArn) {
        ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                .sseSpecification(keyArn == null ? null : EncryptedTablesTest.cmk(keyArn)));
        ddb.waiter().waitUntilTableExists(r -> r.tableName(name));
    }

    private void ttl(String name, boolean enabled) {
        ddb.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(s -> s.enabled(enabled).attributeName("expires")));
    }

    private TimeToLiveDescription describeTtl(String name) {
        return ddb.describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription();
    }

    private static long at(Duration after) {
        return T0.plus(after).getEpochSecond();
    }

    private boolean present(String table, String pk) {
        return ddb.getItem(r -> r.tableName(table).key(item("pk", pk)).consistentRead(true)).hasItem();
    }

    private List<Record> records(String table) {
        String arn = ddb.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        String shard = streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0).shardId();
        String it = streams.getShardIterator(r -> r.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        return new ArrayList<>(streams.getRecords(r -> r.shardIterator(it)).records());
    }

    private static DynamoDbException refused(Runnable call) {
        return assertThrows(DynamoDbException.class, call::run);
    }

    @Test
    void enablingAndDisablingFollowTheDocumentedRules() {
        table("Ttl", null);
        assertEquals(TimeToLiveStatus.DISABLED, describeTtl("Ttl").timeToLiveStatus());
        var answer = ddb.updateTimeToLive(r -> r.tableName("Ttl").timeToLiveSpecification(s -> s.enabled(true).attributeName("expires")));
        assertEquals("expires", answer.timeToLiveSpecification().attributeName());
        assertTrue(answer.timeToLiveSpecification().enabled());
        assertEquals(TimeToLiveStatus.ENABLED, describeTtl("Ttl").timeToLiveStatus());
        assertEquals("expires", describeTtl("Ttl").attributeName());

        DynamoDbException again = refused(() -> ttl("Ttl", true));
        assertEquals(400, again.statusCode());
        assertEquals("ValidationException", again.awsErrorDetails().errorCode());
        assertEquals("TimeToLive is already enabled", again.awsErrorDetails().errorMessage());

        advance("PT59M59S");
        DynamoDbException tooSoon = refused(() -> ttl("Ttl", false));
        assertEquals("ValidationException", tooSoon.awsErrorDetails().errorCode());
        assertEquals("Time to live has been modified multiple times within a fixed interval", tooSoon.awsErrorDetails().errorMessage());

        advance("PT1S");
        ttl("Ttl", false);
        assertEquals(TimeToLiveStatus.DISABLED, describeTtl("Ttl").timeToLiveStatus());
        assertNull(describeTtl("Ttl").attributeName());
        advance("PT1H");
        DynamoDbException disabledAgain = refused(() -> ttl("Ttl", false));
        assertEquals("ValidationException", disabledAgain.awsErrorDetails().errorCode());
        assertEquals("TimeToLive is already disabled", disabledAgain.awsErrorDetails().errorMessage());
    }

    @Test
    void badInputIsRefusedWithValidationException() {
        table("TtlBad", null);
        assertEquals("1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: "
                + "Member must not be null", refused(() -> ddb.updateTimeToLive(r -> r.tableName("TtlBad"))).awsErrorDetails().errorMessage());
        DynamoDbException noName = refused(() -> ddb.updateTimeToLive(r -> r.tableName("TtlBad").timeToLiveSpecification(s -> s.enabled(true))));
        assertEquals(400, noName.statusCode());
        assertEquals("1 validation error detected: Value null at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: "
                + "Member must not be null", noName.awsErrorDetails().errorMessage());
        String longName = "a".repeat(256);
        DynamoDbException tooLong = refused(() -> ddb.updateTimeToLive(r -> r.tableName("TtlBad")
                .timeToLiveSpecification(s -> s.enabled(true).attributeName(longName))));
        assertEquals("ValidationException", tooLong.awsErrorDetails().errorCode());
        assertTrue(tooLong.awsErrorDetails().errorMessage().endsWith("Member must have length less than or equal to 255"), tooLong.getMessage());
        ddb.updateTimeToLive(r -> r.tableName("TtlBad").timeToLiveSpecification(s -> s.enabled(true).attributeName("a".repeat(255))));
        DynamoDbException missing = refused(() -> ttl("NoSuchTable", true));
        assertEquals(400, missing.statusCode());
        assertEquals("ResourceNotFoundException", missing.awsErrorDetails().errorCode());
        assertEquals("ResourceNotFoundException", refused(() -> describeTtl("NoSuchTable")).awsErrorDetails().errorCode());
    }

    @Test
    void expiredItemsAreDeletedByTheServiceWhenTheClockPassesTheirExpiry() {
        table("Expiring", null);
        ddb.putItem(r -> r.tableName("Expiring").item(item("pk", "before-enabling", "expires", at(Duration.ofSeconds(5)))));
        ttl("Expiring", true);
        ddb.putItem(r -> r.tableName("Expiring").item(item("pk", "soon", "expires", at(Duration.ofSeconds(10)))));
        ddb.putItem(r -> r.tableName("Expiring").item(item("pk", "later", "expires", at(Duration.ofHours(2)))));
        ddb.putItem(r -> r.tableName("Expiring").item(item("pk", "not-a-number", "expires", "" + at(Duration.ZERO))));
        ddb.putItem(r -> r.tableName("Expiring").item(item("pk", "six-years-ago", "expires", at(Duration.ofDays(-6 * 365)))));
        ddb.putItem(r -> r.tableName("Expiring").item(item("pk", "no-expiry", "v", "x")));
        ddb.putItem(r -> r.tableName("Expiring").item(item("pk", "moved-on", "expires", at(Duration.ofSeconds(1)))));
        ddb.updateItem(r -> r.tableName("Expiring").key(item("pk", "moved-on")).updateExpression("SET expires = :e")
                .expressionAttributeValues(Map.of(":e", n("" + at(Duration.ofDays(30))))));

        advance("PT10S");
        assertFalse(present("Expiring", "before-enabling"));
        assertTrue(present("Expiring", "soon"), "an item expires only once the clock is past its expiry second");
        advance("PT0.001S");
        assertFalse(present("Expiring", "soon"));
        assertTrue(present("Expiring", "later"));
        advance("PT2H");
        assertFalse(present("Expiring", "later"));
        for (String kept : List.of("not-a-number", "six-years-ago", "no-expiry", "moved-on")) {
            assertTrue(present("Expiring", kept), kept);
        }

        List<Record> removals = records("Expiring").stream().filter(r -> r.eventName() == OperationType.REMOVE).toList();
        assertEquals(3, removals.size());
        for (Record r : removals) {
            assertEquals("Service", r.userIdentity().type());
            assertEquals("dynamodb.amazonaws.com", r.userIdentity().principalId());
            assertTrue(r.dynamodb().hasOldImage());
        }
        ddb.deleteItem(r -> r.tableName("Expiring").key(item("pk", "no-expiry")));
        Record byUser = records("Expiring").stream().filter(r -> r.eventName() == OperationType.REMOVE).reduce((a, b) -> b).orElseThrow();
        assertNull(byUser.userIdentity(), "a deletion by a user names no service");
    }

    @Test
    void noDeletionWhileTheKeyIsInaccessibleAndDeletionsResumeAfterRecovery() {
        String keyArn = kms.createKey().keyMetadata().arn();
        table("TtlKey", keyArn);
        ttl("TtlKey", true);
        ddb.putItem(r -> r.tableName("TtlKey").item(item("pk", "expiring", "expires", at(Duration.ofHours(1)))));
        kms.disableKey(r -> r.keyId(keyArn));
        advance("PT3H");
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, ddb.describeTable(r -> r.tableName("TtlKey")).table().tableStatus());
        kms.enableKey(r -> r.keyId(keyArn));
        try (DynamoDbClient fresh = dynamo("test", "us-east-1")) {
            assertTrue(fresh.getItem(r -> r.tableName("TtlKey").key(item("pk", "expiring")).consistentRead(true)).hasItem(),
                    "nothing is deleted while the table is inaccessible");
        }
        assertEquals(TableStatus.ACTIVE, ddb.describeTable(r -> r.tableName("TtlKey")).table().tableStatus());
        advance("PT0.001S");
        try (DynamoDbClient fresh = dynamo("test", "us-east-1")) {
            assertFalse(fresh.getItem(r -> r.tableName("TtlKey").key(item("pk", "expiring")).consistentRead(true)).hasItem(),
                    "deletions resume at the clock's first move after recovery");
        }
    }
}

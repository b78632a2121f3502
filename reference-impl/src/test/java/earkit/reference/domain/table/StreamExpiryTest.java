package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Streams on the virtual clock, over HTTP: shard iterators expire after 15 minutes, records after 24
 * hours (an iterator at a trimmed record is told so), and a stream disabled and enabled again gets a new ARN
 * while the old one stays readable for 24 hours.
 */
class StreamExpiryTest extends StoreTestBase {
    private DynamoDbStreamsClient streams;

    @BeforeEach
    void streamTable() {
        streams = DynamoDbStreamsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        ddb.createTable(r -> r.tableName("Streamed").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Streamed"));
    }

    @AfterEach
    void closeStreams() {
        streams.close();
    }

    private String arn() {
        return ddb.describeTable(r -> r.tableName("Streamed")).table().latestStreamArn();
    }

    private String shard(String arn) {
        return streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0).shardId();
    }

    private String iterator(String arn, ShardIteratorType type, String seq) {
        return streams.getShardIterator(r -> r.streamArn(arn).shardId(shard(arn)).shardIteratorType(type).sequenceNumber(seq)).shardIterator();
    }

    private List<Record> read(String iterator) {
        return streams.getRecords(r -> r.shardIterator(iterator)).records();
    }

    private void put(String pk) {
        ddb.putItem(r -> r.tableName("Streamed").item(item("pk", pk)));
    }

    @Test
    void anIteratorExpiresFifteenMinutesAfterItWasMade() {
        put("a");
        String at15 = iterator(arn(), ShardIteratorType.TRIM_HORIZON, null);
        String after15 = iterator(arn(), ShardIteratorType.TRIM_HORIZON, null);
        advance("PT15M");
        assertEquals(1, read(at15).size(), "15 minutes old: still valid");
        advance("PT0.001S");
        ExpiredIteratorException e = assertThrows(ExpiredIteratorException.class, () -> read(after15));
        assertEquals(400, e.statusCode());
        assertEquals("ExpiredIteratorException", e.awsErrorDetails().errorCode());
        GetRecordsResponse fresh = streams.getRecords(r -> r.shardIterator(iterator(arn(), ShardIteratorType.TRIM_HORIZON, null)));
        advance("PT10M");
        assertTrue(read(fresh.nextShardIterator()).isEmpty(), "the next iterator of a page is new");
    }

    @Test
    void recordsOlderThanTwentyFourHoursAreTrimmed() {
        put("old");
        advance("PT1H");
        put("newer");
        String arn = arn();
        List<Record> both = read(iterator(arn, ShardIteratorType.TRIM_HORIZON, null));
        String oldSeq = both.get(0).dynamodb().sequenceNumber();
        advance("PT22H59M");
        String atOld = iterator(arn, ShardIteratorType.AT_SEQUENCE_NUMBER, oldSeq);
        advance("PT1M");
        assertEquals(2, read(iterator(arn, ShardIteratorType.TRIM_HORIZON, null)).size(), "24 hours old: still there");
        advance("PT0.001S");
        TrimmedDataAccessException gone = assertThrows(TrimmedDataAccessException.class, () -> read(atOld));
        assertEquals(400, gone.statusCode());
        assertEquals("TrimmedDataAccessException", assertThrows(TrimmedDataAccessException.class,
                () -> iterator(arn, ShardIteratorType.AT_SEQUENCE_NUMBER, oldSeq)).awsErrorDetails().errorCode());
        List<Record> left = read(iterator(arn, ShardIteratorType.TRIM_HORIZON, null));
        assertEquals(1, left.size());
        assertEquals("newer", left.get(0).dynamodb().newImage().get("pk").s());
        assertEquals(left.get(0).dynamodb().sequenceNumber(),
                streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0).sequenceNumberRange().startingSequenceNumber());
    }

    @Test
    void aStreamEnabledAgainIsNewAndTheOldOneStaysReadableForADay() {
        put("first");
        String old = arn();
        ddb.updateTable(r -> r.tableName("Streamed").streamSpecification(s -> s.streamEnabled(false)));
        ddb.updateTable(r -> r.tableName("Streamed").streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));
        String current = arn();
        assertNotEquals(old, current);
        put("second");

        StreamDescription d = streams.describeStream(r -> r.streamArn(old)).streamDescription();
        assertEquals(StreamStatus.DISABLED, d.streamStatus());
        assertEquals(StreamViewType.NEW_IMAGE, d.streamViewType());
        assertTrue(d.shards().get(0).sequenceNumberRange().endingSequenceNumber() != null);
        GetRecordsResponse oldRecords = streams.getRecords(r -> r.shardIterator(iterator(old, ShardIteratorType.TRIM_HORIZON, null)));
        assertEquals(List.of("first"), oldRecords.records().stream().map(x -> x.dynamodb().newImage().get("pk").s()).toList());
        assertNull(oldRecords.nextShardIterator(), "a closed shard read to its end has no next iterator");
        assertEquals(StreamStatus.ENABLED, streams.describeStream(r -> r.streamArn(current)).streamDescription().streamStatus());
        List<Record> newRecords = read(iterator(current, ShardIteratorType.TRIM_HORIZON, null));
        assertEquals(1, newRecords.size());
        assertFalse(newRecords.get(0).dynamodb().hasNewImage(), "the new stream has its own view type");
        assertEquals(2, streams.listStreams(r -> r.tableName("Streamed")).streams().size());

        advance("PT23H59M59S");
        assertEquals(StreamStatus.DISABLED, streams.describeStream(r -> r.streamArn(old)).streamDescription().streamStatus());
        advance("PT1S");
        DynamoDbException e = assertThrows(ResourceNotFoundException.class, () -> streams.describeStream(r -> r.streamArn(old)));
        assertEquals(400, e.statusCode());
        assertEquals(List.of(current), streams.listStreams(r -> r.tableName("Streamed")).streams().stream().map(x -> x.streamArn()).toList());
    }

    @Test
    void aGarbledIteratorIsAValidationError() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> read("not-an-iterator"));
        assertEquals(400, e.statusCode());
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
    }
}

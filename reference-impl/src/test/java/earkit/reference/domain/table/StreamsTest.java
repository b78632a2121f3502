package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** DynamoDB Streams: records of every write, the four view types, iterators, records sealed at rest. */
class StreamsTest extends StoreTestBase {

    private String streamTable(String name, StreamViewType view, String keyArn) {
        ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(view))
                .sseSpecification(keyArn == null ? null : EncryptedTablesTest.cmk(keyArn)));
        ddb.waiter().waitUntilTableExists(r -> r.tableName(name));
        return ddb.describeTable(r -> r.tableName(name)).table().latestStreamArn();
    }

    private void writeFour(String table) {
        ddb.putItem(r -> r.tableName(table).item(item("pk", "a", "v", "stream-marker-1")));
        ddb.updateItem(r -> r.tableName(table).key(item("pk", "a")).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", s("stream-marker-2"))));
        ddb.deleteItem(r -> r.tableName(table).key(item("pk", "a")));
        ddb.batchWriteItem(r -> r.requestItems(Map.of(table, List.of(WriteRequest.builder()
                .putRequest(PutRequest.builder().item(item("pk", "b", "v", "stream-marker-3")).build()).build()))));
    }

    private String iterator(String arn, ShardIteratorType type, String seq) {
        String shard = streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0).shardId();
        return streams.getShardIterator(r -> r.streamArn(arn).shardId(shard).shardIteratorType(type).sequenceNumber(seq))
                .shardIterator();
    }

    @Test
    void everyWriteIsRecordedInOrderWithBothImages() {
        String arn = streamTable("Events", StreamViewType.NEW_AND_OLD_IMAGES, kms.createKey().keyMetadata().arn());
        writeFour("Events");
        assertEquals(List.of(arn), streams.listStreams(r -> r.tableName("Events")).streams().stream()
                .map(x -> x.streamArn()).toList());
        StreamDescription d = streams.describeStream(r -> r.streamArn(arn)).streamDescription();
        assertEquals(StreamStatus.ENABLED, d.streamStatus());
        assertEquals(StreamViewType.NEW_AND_OLD_IMAGES, d.streamViewType());
        assertEquals("Events", d.tableName());
        Shard shard = d.shards().get(0);
        assertNull(shard.sequenceNumberRange().endingSequenceNumber());

        GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(iterator(arn, ShardIteratorType.TRIM_HORIZON, null)));
        List<Record> rs = page.records();
        assertEquals(List.of(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE, OperationType.INSERT),
                rs.stream().map(Record::eventName).toList());
        assertEquals("stream-marker-1", rs.get(0).dynamodb().newImage().get("v").s());
        assertFalse(rs.get(0).dynamodb().hasOldImage());
        assertEquals("stream-marker-1", rs.get(1).dynamodb().oldImage().get("v").s());
        assertEquals("stream-marker-2", rs.get(1).dynamodb().newImage().get("v").s());
        assertEquals("stream-marker-2", rs.get(2).dynamodb().oldImage().get("v").s());
        assertFalse(rs.get(2).dynamodb().hasNewImage());
        assertEquals(Map.of("pk", s("b")), rs.get(3).dynamodb().keys());
        assertEquals("aws:dynamodb", rs.get(0).eventSource());
        assertEquals("us-east-1", rs.get(0).awsRegion());
        for (int i = 1; i < rs.size(); i++) {
            assertTrue(rs.get(i).dynamodb().sequenceNumber().compareTo(rs.get(i - 1).dynamodb().sequenceNumber()) > 0);
        }
        assertEquals(shard.sequenceNumberRange().startingSequenceNumber(), rs.get(0).dynamodb().sequenceNumber());

        String second = rs.get(1).dynamodb().sequenceNumber();
        assertEquals(second, streams.getRecords(r -> r.shardIterator(iterator(arn, ShardIteratorType.AT_SEQUENCE_NUMBER, second)))
                .records().get(0).dynamodb().sequenceNumber());
        assertEquals(rs.get(2).dynamodb().sequenceNumber(), streams.getRecords(r -> r.shardIterator(
                iterator(arn, ShardIteratorType.AFTER_SEQUENCE_NUMBER, second))).records().get(0).dynamodb().sequenceNumber());

        String latest = iterator(arn, ShardIteratorType.LATEST, null);
        GetRecordsResponse none = streams.getRecords(r -> r.shardIterator(latest));
        assertTrue(none.records().isEmpty());
        ddb.putItem(r -> r.tableName("Events").item(item("pk", "c", "v", "later")));
        List<Record> next = streams.getRecords(r -> r.shardIterator(none.nextShardIterator())).records();
        assertEquals(1, next.size());
        assertEquals("later", next.get(0).dynamodb().newImage().get("v").s());
        assertTrue(streams.getRecords(r -> r.shardIterator(page.nextShardIterator()).limit(1)).records().size() == 1);

        String found = control("/_kit/storage/find", "{\"needles\":[\"stream-marker-\"]}");
        assertTrue(found.contains("\"found\":[]"), found);
    }

    @ParameterizedTest
    @EnumSource(value = StreamViewType.class, names = {"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE"})
    void viewTypesDecideTheImages(StreamViewType view) {
        String arn = streamTable("View" + view, view, null);
        writeFour("View" + view);
        List<Record> rs = streams.getRecords(r -> r.shardIterator(iterator(arn, ShardIteratorType.TRIM_HORIZON, null))).records();
        assertEquals(4, rs.size());
        Record modify = rs.get(1);
        assertEquals(Map.of("pk", s("a")), modify.dynamodb().keys());
        assertEquals(view, modify.dynamodb().streamViewType());
        boolean newImages = view == StreamViewType.NEW_IMAGE;
        boolean oldImages = view == StreamViewType.OLD_IMAGE;
        assertEquals(newImages, modify.dynamodb().newImage() != null && !modify.dynamodb().newImage().isEmpty());
        assertEquals(oldImages, modify.dynamodb().oldImage() != null && !modify.dynamodb().oldImage().isEmpty());
    }

    @Test
    void disabledStreamClosesItsShardAndRefusals() {
        String arn = streamTable("Closing", StreamViewType.KEYS_ONLY, null);
        ddb.putItem(r -> r.tableName("Closing").item(item("pk", "x")));
        String it = iterator(arn, ShardIteratorType.TRIM_HORIZON, null);
        ddb.updateTable(r -> r.tableName("Closing").streamSpecification(s -> s.streamEnabled(false)));
        StreamDescription d = streams.describeStream(r -> r.streamArn(arn)).streamDescription();
        assertEquals(StreamStatus.DISABLED, d.streamStatus());
        assertEquals(d.shards().get(0).sequenceNumberRange().startingSequenceNumber(),
                d.shards().get(0).sequenceNumberRange().endingSequenceNumber());
        GetRecordsResponse last = streams.getRecords(r -> r.shardIterator(it));
        assertEquals(1, last.records().size());
        assertNull(last.nextShardIterator());

        assertThrows(ResourceNotFoundException.class, () -> streams.describeStream(r -> r.streamArn(
                "arn:aws:dynamodb:us-east-1:000000000000:table/Nope/stream/2026-01-01T00:00:00.000")));
        DynamoDbException bad = assertThrows(DynamoDbException.class, () -> streams.getRecords(r -> r.shardIterator("garbage")));
        assertEquals("ValidationException", bad.awsErrorDetails().errorCode());
        DynamoDbException noSeq = assertThrows(DynamoDbException.class, () -> iterator(arn, ShardIteratorType.AT_SEQUENCE_NUMBER, null));
        assertEquals("ValidationException", noSeq.awsErrorDetails().errorCode());
        assertFalse(streams.listStreams().streams().isEmpty());
    }
}

package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchGetItem and BatchWriteItem over HTTP: their documented limits on both sides of each boundary, with
 * DynamoDB's wording, the 16 MB partial answer of BatchGetItem, and the control API's unprocessed share that a
 * client's retry loop is tested with.
 */
class BatchLimitsTest extends StoreTestBase {
    private static final int MAX_ITEM = 400 * 1024;

    @BeforeEach
    void table() {
        createTable("Batch", null);
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static List<WriteRequest> puts(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> put(item("pk", "k" + i, "v", "value " + i))).toList();
    }

    private static List<Map<String, AttributeValue>> keys(int count) {
        return IntStream.range(0, count).mapToObj(i -> item("pk", "k" + i)).toList();
    }

    private BatchWriteItemResponse write(List<WriteRequest> writes) {
        return ddb.batchWriteItem(r -> r.requestItems(Map.of("Batch", writes)));
    }

    private BatchGetItemResponse get(List<Map<String, AttributeValue>> keys) {
        return ddb.batchGetItem(r -> r.requestItems(Map.of("Batch", KeysAndAttributes.builder().keys(keys).build())));
    }

    private static DynamoDbException validation(Runnable call) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call::run);
        assertEquals(400, e.statusCode());
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        return e;
    }

    /** An item of exactly {@code size} bytes as DynamoDB counts them (attribute names plus values). */
    private static Map<String, AttributeValue> itemOfSize(String pk, int size) {
        int fixed = "pk".length() + pk.length() + "v".length();
        return item("pk", pk, "v", "x".repeat(size - fixed));
    }

    @Test
    void twentyFiveWritesAreTakenTwentySixAreRefused() {
        assertTrue(write(puts(0, 25)).unprocessedItems().isEmpty());
        assertEquals("1 validation error detected: Value '{Batch}' at 'requestItems' failed to satisfy constraint: Map value must satisfy "
                + "constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]",
                validation(() -> write(puts(100, 26))).awsErrorDetails().errorMessage());
        assertEquals(25, ddb.scan(r -> r.tableName("Batch")).count(), "a refused batch writes nothing");
    }

    @Test
    void aHundredKeysAreReadAHundredAndOneAreRefused() {
        write(puts(0, 25));
        assertEquals(25, get(keys(100)).responses().get("Batch").size());
        // 101 keys of one table break the model's constraint on Keys (1..100), checked before the request's total
        String refusal = validation(() -> get(keys(101))).awsErrorDetails().errorMessage();
        assertTrue(refusal.startsWith("1 validation error detected: Value '[{pk=AttributeValue(S=k0)}, "), refusal);
        assertTrue(refusal.endsWith("}]' at 'requestItems.Batch.member.keys' failed to satisfy constraint: "
                + "Member must have length less than or equal to 100"), refusal);
    }

    @Test
    void duplicateKeysAreRefused() {
        assertEquals("Provided list of item keys contains duplicates",
                validation(() -> write(List.of(put(item("pk", "a", "v", "1")),
                        WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(item("pk", "a")).build()).build())))
                        .awsErrorDetails().errorMessage());
        assertEquals("Provided list of item keys contains duplicates",
                validation(() -> get(List.of(item("pk", "a"), item("pk", "a")))).awsErrorDetails().errorMessage());
    }

    @Test
    void itemsOfFourHundredKilobytesAreTakenOneByteMoreIsRefused() {
        assertTrue(write(List.of(put(itemOfSize("big", MAX_ITEM)))).unprocessedItems().isEmpty());
        assertEquals("Item size has exceeded the maximum allowed size",
                validation(() -> write(List.of(put(itemOfSize("bigger", MAX_ITEM + 1))))).awsErrorDetails().errorMessage());
    }

    @Test
    void aReadOfMoreThanSixteenMegabytesComesBackInPart() {
        List<WriteRequest> big = new ArrayList<>();
        for (int i = 0; i < 41; i++) {
            big.add(put(itemOfSize("k" + i, MAX_ITEM)));
        }
        write(big.subList(0, 25));
        write(big.subList(25, 41));
        // 40 items of 400 KB are 16,384,000 bytes, under 16 MB (16,777,216); the 41st would pass it.
        BatchGetItemResponse r = get(keys(41));
        assertEquals(40, r.responses().get("Batch").size());
        assertEquals(List.of(item("pk", "k40")), r.unprocessedKeys().get("Batch").keys());
        assertEquals(1, get(r.unprocessedKeys().get("Batch").keys()).responses().get("Batch").size());
    }

    @Test
    void theUnprocessedShareLeavesWorkForTheRetryLoop() {
        assertTrue(control("/_kit/batch", "{\"unprocessedEvery\": 3}").contains("3"));
        List<WriteRequest> pending = puts(0, 10);
        List<Integer> sizes = new ArrayList<>();
        while (!pending.isEmpty()) {
            BatchWriteItemResponse r = write(pending);
            pending = r.unprocessedItems().getOrDefault("Batch", List.of());
            sizes.add(pending.size());
        }
        assertEquals(List.of(3, 1, 0), sizes, "every third request is left, so each retry is smaller");
        assertEquals(10, ddb.scan(r -> r.tableName("Batch")).count());

        BatchGetItemResponse first = get(keys(10));
        assertEquals(7, first.responses().get("Batch").size());
        assertEquals(List.of(item("pk", "k2"), item("pk", "k5"), item("pk", "k8")), first.unprocessedKeys().get("Batch").keys());

        assertTrue(control("/_kit/batch", "{\"unprocessedEvery\": 0}").contains("0"));
        assertTrue(write(puts(20, 10)).unprocessedItems().isEmpty());
        assertTrue(control("/_kit/batch", "{\"unprocessedEvery\": 1}").contains("ValidationException"),
                "a batch of which nothing is ever taken would never end");
    }
}

package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.reference.ServerOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * With {@code --data-dir}, a restart keeps no order in memory: each Query or Scan reads the partitions it reaches from
 * the store (whose keys begin with the partition's token) and sorts them then. Through the SDK over HTTP: after a
 * restart a Scan paged with ExclusiveStartKey returns every item once, partition by partition in the same order as
 * before it (a key handed out before the restart resumes after it), items in DynamoDB's order within each partition,
 * pages crossing partition borders; Queries page forwards and backwards; an index answers; writes after the restart
 * into partitions read and not yet read are all seen.
 */
class PartitionedStoreTest extends StoreTestBase {
    /** Number sort keys in DynamoDB's order (numeric, not as text), inserted out of it. */
    private static final List<String> SORTS = List.of("-7", "-0.5", "0", "3", "10", "200");
    private static final List<String> INSERTED = List.of("10", "-0.5", "200", "0", "-7", "3");
    private static final int PARTITIONS = 12;

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

    private void createTable() {
        String key = kms.createKey(r -> r.description("partitions")).keyMetadata().arn();
        ddb.createTable(r -> r.tableName("Tbl").billingMode(BillingMode.PAY_PER_REQUEST)
                .sseSpecification(SSESpecification.builder().enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(key).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build(),
                        AttributeDefinition.builder().attributeName("g").attributeType(ScalarAttributeType.S).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                        .keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Tbl"));
    }

    private static Map<String, AttributeValue> row(int partition, String sort) {
        return item("pk", "p" + partition, "sk", n(sort), "g", "g" + (partition % 2), "note", "p" + partition + "/" + sort);
    }

    private void put(Map<String, AttributeValue> item) {
        ddb.putItem(r -> r.tableName("Tbl").item(item));
    }

    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return Map.of("pk", item.get("pk"), "sk", item.get("sk"));
    }

    /** The whole table, a Scan of {@code limit} a page from {@code start}, each page's LastEvaluatedKey its last item's key. */
    private List<Map<String, AttributeValue>> scan(int limit, Map<String, AttributeValue> start) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, AttributeValue> from = start;
        while (true) {
            Map<String, AttributeValue> after = from;
            ScanResponse r = ddb.scan(s -> s.tableName("Tbl").limit(limit).exclusiveStartKey(after));
            out.addAll(r.items());
            if (!r.hasLastEvaluatedKey() || r.lastEvaluatedKey().isEmpty()) {
                assertTrue(r.count() <= limit);
                return out;
            }
            assertEquals(limit, r.count(), "a page short of its Limit ends the table");
            assertEquals(keyOf(r.items().get(limit - 1)), r.lastEvaluatedKey());
            from = r.lastEvaluatedKey();
        }
    }

    private List<String> sortKeys(int partition, boolean forward, int limit) {
        List<String> out = new ArrayList<>();
        Map<String, AttributeValue> from = null;
        while (true) {
            Map<String, AttributeValue> after = from;
            QueryResponse r = ddb.query(q -> q.tableName("Tbl").keyConditionExpression("pk = :p").limit(limit)
                    .scanIndexForward(forward).exclusiveStartKey(after)
                    .expressionAttributeValues(Map.of(":p", s("p" + partition))));
            r.items().forEach(i -> out.add(i.get("sk").n()));
            if (!r.hasLastEvaluatedKey() || r.lastEvaluatedKey().isEmpty()) {
                return out;
            }
            from = r.lastEvaluatedKey();
        }
    }

    /** Every item once; each partition's items together and in its sort order; the partitions as {@code expected} says. */
    private static void assertWhole(List<Map<String, AttributeValue>> scanned, Map<Integer, List<String>> expected) {
        List<String> partitionsSeen = new ArrayList<>();
        Map<String, List<String>> sorts = new java.util.HashMap<>();
        for (Map<String, AttributeValue> i : scanned) {
            String pk = i.get("pk").s();
            if (partitionsSeen.isEmpty() || !partitionsSeen.get(partitionsSeen.size() - 1).equals(pk)) {
                assertFalse(partitionsSeen.contains(pk), "the items of " + pk + " come together");
                partitionsSeen.add(pk);
            }
            sorts.computeIfAbsent(pk, k -> new ArrayList<>()).add(i.get("sk").n());
            assertEquals(pk + "/" + i.get("sk").n(), i.get("note").s(), "the item is the one written");
        }
        Map<String, List<String>> want = new java.util.HashMap<>();
        expected.forEach((p, s) -> want.put("p" + p, s));
        assertEquals(want, sorts);
    }

    @Test
    void afterARestartScansAndQueriesPageThroughPartitionsReadFromTheStore() {
        createTable();
        for (String sort : INSERTED) {
            for (int p = 0; p < PARTITIONS; p++) {
                put(row(p, sort));
            }
        }
        Map<Integer, List<String>> expected = new java.util.HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            expected.put(p, SORTS);
        }
        List<Map<String, AttributeValue>> before = scan(5, null);
        assertEquals(PARTITIONS * SORTS.size(), before.size());
        assertWhole(before, expected);
        // A key handed out before the restart, within a partition (page size 5, partitions of 6).
        Map<String, AttributeValue> resume = keyOf(before.get(34));

        restart();
        // The first read after the start: it resumes where the key says, in the same order.
        assertEquals(before.subList(35, before.size()), scan(5, resume));
        assertEquals(before, scan(5, null), "the same order after a restart");
        assertEquals(before, scan(7, null), "pages of another size cross partition borders elsewhere");
        assertEquals(before, scan(100, null));

        restart();
        // Parallel Scan segments, their partitions not read since the start: each reaches its range and stops at its end.
        ScanSegmentsTest.assertSegmentsCutTheScan(ddb, "Tbl", PARTITIONS * SORTS.size());

        restart();
        for (int p = 0; p < PARTITIONS; p++) {
            assertEquals(SORTS, sortKeys(p, true, 4), "p" + p + " forwards");
            List<String> backwards = new ArrayList<>(SORTS);
            java.util.Collections.reverse(backwards);
            assertEquals(backwards, sortKeys(p, false, 4), "p" + p + " backwards");
        }
        assertEquals(List.of(), sortKeys(PARTITIONS, true, 4), "a partition with no items");

        restart();
        // Writes before any read and writes into partitions already read: one item added to each, one deleted.
        for (int p = 0; p < PARTITIONS; p++) {
            if (p == PARTITIONS / 2) {
                assertEquals(SORTS, sortKeys(p, true, 2)); // this one is read before its writes
            }
            put(row(p, "5"));
            int partition = p;
            ddb.deleteItem(r -> r.tableName("Tbl").key(keyOf(row(partition, "0"))));
        }
        List<String> after = List.of("-7", "-0.5", "3", "5", "10", "200");
        for (int p = 0; p < PARTITIONS; p++) {
            expected.put(p, after);
        }
        List<Map<String, AttributeValue>> scanned = scan(5, null);
        assertEquals(PARTITIONS * after.size(), scanned.size());
        assertWhole(scanned, expected);
        for (int p = 0; p < PARTITIONS; p++) {
            assertEquals(after, sortKeys(p, true, 3));
        }
        assertEquals(PARTITIONS * after.size(), ddb.describeTable(r -> r.tableName("Tbl")).table().itemCount());

        restart();
        // The index after a restart: one group's entries, every one once, in sort key order.
        List<Map<String, AttributeValue>> group = new ArrayList<>();
        ddb.queryPaginator(q -> q.tableName("Tbl").indexName("byG").keyConditionExpression("g = :g").limit(4)
                .expressionAttributeValues(Map.of(":g", s("g1")))).items().forEach(group::add);
        assertEquals(PARTITIONS / 2 * after.size(), group.size());
        Set<String> notes = new HashSet<>();
        for (int i = 0; i < group.size(); i++) {
            assertTrue(notes.add(group.get(i).get("note").s()), "every entry once");
            assertEquals("g1", group.get(i).get("g").s());
            if (i > 0) {
                assertTrue(new java.math.BigDecimal(group.get(i - 1).get("sk").n())
                        .compareTo(new java.math.BigDecimal(group.get(i).get("sk").n())) <= 0, "in sort key order");
            }
        }
    }

    @Test
    void anIndexAddedToATableWithItemsAfterARestartHoldsThemAll() {
        createTable();
        for (int p = 0; p < PARTITIONS; p++) {
            for (String sort : INSERTED) {
                put(row(p, sort));
            }
        }
        restart();
        ddb.updateTable(r -> r.tableName("Tbl")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("note").attributeType(ScalarAttributeType.S).build())
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byNote")
                        .keySchema(KeySchemaElement.builder().attributeName("note").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))));
        restart();
        for (int p = 0; p < PARTITIONS; p++) {
            for (String sort : SORTS) {
                String note = "p" + p + "/" + sort;
                List<Map<String, AttributeValue>> found = ddb.query(q -> q.tableName("Tbl").indexName("byNote")
                        .keyConditionExpression("note = :n").expressionAttributeValues(Map.of(":n", s(note)))).items();
                assertEquals(List.of(Map.of("pk", s("p" + p), "sk", n(sort), "note", s(note))), found);
            }
        }
        // The table's own items are as they were (the backfill writes the index only).
        assertEquals(PARTITIONS * SORTS.size(), scan(10, null).size());
    }
}

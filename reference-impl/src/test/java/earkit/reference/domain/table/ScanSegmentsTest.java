package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * A parallel Scan's segments divide the table's Scan order into contiguous runs: segment 0's items, then segment 1's,
 * and so on, are the whole Scan, each item once, whatever the page size. The reference reads a segment from its first
 * partition to its last and no further (in memory here; with {@code --data-dir} in {@link PartitionedStoreTest}).
 */
class ScanSegmentsTest extends StoreTestBase {
    @Test
    void segmentsAreTheScanOrderCutIntoRuns() {
        createTable("Seg", ScalarAttributeType.N);
        for (int p = 0; p < 40; p++) {
            for (int s = 0; s < 3; s++) {
                Map<String, AttributeValue> it = item("pk", "p" + p, "sk", s);
                ddb.putItem(r -> r.tableName("Seg").item(it));
            }
        }
        assertSegmentsCutTheScan(ddb, "Seg", 120);
    }

    /** Every segment count from 1 to 7, pages of 4: the segments in turn are the whole Scan, in its order. */
    static void assertSegmentsCutTheScan(DynamoDbClient ddb, String table, int items) {
        List<Map<String, AttributeValue>> whole = pages(ddb, table, null, null);
        assertEquals(items, whole.size());
        for (int total = 1; total <= 7; total++) {
            List<Map<String, AttributeValue>> joined = new ArrayList<>();
            int nonEmpty = 0;
            for (int segment = 0; segment < total; segment++) {
                List<Map<String, AttributeValue>> one = pages(ddb, table, segment, total);
                nonEmpty += one.isEmpty() ? 0 : 1;
                joined.addAll(one);
            }
            assertEquals(whole, joined, total + " segments");
            assertTrue(total == 1 || nonEmpty > 1, "the items are spread over segments");
        }
    }

    private static List<Map<String, AttributeValue>> pages(DynamoDbClient ddb, String table, Integer segment, Integer total) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, AttributeValue> from = null;
        while (true) {
            Map<String, AttributeValue> after = from;
            ScanResponse r = ddb.scan(s -> s.tableName(table).limit(4).segment(segment).totalSegments(total).exclusiveStartKey(after));
            out.addAll(r.items());
            if (!r.hasLastEvaluatedKey() || r.lastEvaluatedKey().isEmpty()) {
                return out;
            }
            from = r.lastEvaluatedKey();
        }
    }
}

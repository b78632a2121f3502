package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** A Scan or Query page holds at most 1 MB of items by DynamoDB's item-size rule, and no item more. */
class ReadPageSizeTest extends StoreTestBase {

    /** Item size by the rule: "pk" + 3-byte value + "sk" + number + "payload" + payload. */
    @ParameterizedTest
    @CsvSource({
        "43000, 24",   // 24 × 43,000 = 1,032,000 ≤ 1 MiB; the 25th would cross it
        "32768, 32",   // 32 × 32,768 = exactly 1 MiB: the page is full with the 32nd
        "32769, 31"    // one byte more per item: the 32nd would cross by 32 bytes
    })
    void aPageStopsBeforeTheItemThatWouldCrossOneMegabyte(int itemSize, int perPage) {
        createTable("Pages", ScalarAttributeType.N);
        int payload = itemSize - ("pk".length() + 3 + "sk".length() + 2 + "payload".length());
        for (int i = 0; i < perPage + 5; i++) {
            int k = i;
            // sk numbers 10..99 are 2 significant digits: 2 bytes by the rule ((2 + 1) / 2 + 1)
            ddb.putItem(r -> r.tableName("Pages").item(item("pk", "abc", "sk", n(String.valueOf(10 + k)),
                    "payload", "x".repeat(payload))));
        }
        ScanResponse scan = ddb.scan(r -> r.tableName("Pages"));
        assertEquals(perPage, scan.count());
        assertNotNull(scan.lastEvaluatedKey());
        QueryResponse query = ddb.query(r -> r.tableName("Pages").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("abc"))));
        assertEquals(perPage, query.count());
        assertEquals(String.valueOf(10 + perPage - 1), query.lastEvaluatedKey().get("sk").n());
        List<Map<String, AttributeValue>> rest = new ArrayList<>(ddb.query(r -> r.tableName("Pages")
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", s("abc")))
                .exclusiveStartKey(query.lastEvaluatedKey())).items());
        assertEquals(5, rest.size(), "the next page resumes with the item that did not fit");
        assertEquals(String.valueOf(10 + perPage), rest.get(0).get("sk").n());
    }
}

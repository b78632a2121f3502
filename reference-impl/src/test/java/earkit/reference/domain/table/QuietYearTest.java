package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import earkit.reference.ServerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * A virtual year without traffic costs the KMS calls of the events that fall due in it, and no others: nothing
 * polls per virtual hour (AWS KMS Developer Guide, "How Amazon DynamoDB uses AWS KMS": the table key is refreshed
 * for connections with traffic; DynamoDB Developer Guide, "Time to Live": the deletion is DynamoDB's own work with
 * the table key). Counted through the public door: the clock moves by {@code POST /_kit/clock/advance} and the
 * calls are read back from the CloudTrail audit.
 */
class QuietYearTest extends StoreTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TABLES = 10;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    protected ServerOptions options() {
        return ServerOptions.defaults().withClockStart(START);
    }

    @Test
    void aYearWithoutTrafficCostsOnlyTheKmsCallsOfItsEvents() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < TABLES; i++) {
            String key = kms.createKey().keyMetadata().arn();
            kms.enableKeyRotation(r -> r.keyId(key).rotationPeriodInDays(180));
            keys.add(key);
            String name = "Quiet" + i;
            createTable(name, null, EncryptedTablesTest.cmk(key));
            ddb.putItem(r -> r.tableName(name).item(item("pk", "a", "v", "1")));
        }
        // One Time to Live deletion falls due in the year (day 200): DynamoDB needs that table's key once for it.
        ddb.updateTimeToLive(r -> r.tableName("Quiet0").timeToLiveSpecification(s -> s.enabled(true).attributeName("expires")));
        ddb.putItem(r -> r.tableName("Quiet0").item(item("pk", "gone", "expires",
                START.plus(Duration.ofDays(200)).getEpochSecond())));
        // One key is taken away and nobody uses its table: nothing needs the key, so nothing notices (and it no longer rotates).
        kms.disableKey(r -> r.keyId(keys.get(1)));
        Set<String> before = new HashSet<>();
        allEvents().forEach(e -> before.add(e.eventId()));

        advance("P365D");

        Map<String, Integer> dynamoDbCalls = new TreeMap<>();
        Map<String, Integer> kmsOwnEvents = new TreeMap<>();
        for (Event e : allEvents()) {
            if (before.contains(e.eventId())) {
                continue;
            }
            JsonNode doc = JSON.readTree(e.cloudTrailEvent());
            if (doc.at("/userIdentity/invokedBy").asText().equals("dynamodb.amazonaws.com")) {
                String table = doc.at("/requestParameters/encryptionContext/aws:dynamodb:tableName").asText();
                dynamoDbCalls.merge(e.eventName() + " " + table, 1, Integer::sum);
            } else {
                kmsOwnEvents.merge(e.eventName(), 1, Integer::sum);
            }
        }
        assertEquals(Map.of("Decrypt Quiet0", 1), dynamoDbCalls, "one Decrypt, for the Time to Live deletion; no hourly checks");
        assertEquals(Map.of("RotateKey", 2 * (TABLES - 1)), kmsOwnEvents,
                "each enabled key rotates at 180 and 360 days; the disabled one does not");
        assertFalse(ddb.getItem(r -> r.tableName("Quiet0").key(item("pk", "gone"))).hasItem(), "the expired item was deleted");

        for (int i = 0; i < TABLES; i++) {
            String name = "Quiet" + i;
            assertEquals(TableStatus.ACTIVE, ddb.describeTable(r -> r.tableName(name)).table().tableStatus());
        }
        DynamoDbException refused = assertThrows(DynamoDbException.class,
                () -> ddb.getItem(r -> r.tableName("Quiet1").key(item("pk", "a"))));
        assertEquals("AccessDeniedException", refused.awsErrorDetails().errorCode());
        var sse = ddb.describeTable(r -> r.tableName("Quiet1")).table().sseDescription();
        assertEquals(START.plus(Duration.ofDays(365)), sse.inaccessibleEncryptionDateTime(),
                "the first request that needed the key, a year on, is the detection");
    }

    private List<Event> allEvents() {
        List<Event> out = new ArrayList<>();
        trail.lookupEventsPaginator(r -> r.maxResults(50)).events().forEach(out::add);
        return out;
    }
}

package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Concurrent writes to one item in two Regions of a global table (version 2019.11.21) settle, on every replica, on
 * the write with the later service timestamp ("last writer wins", Developer Guide, "Global tables: how it works").
 */
class LastWriterWinsTest extends ReplicaTestBase {
    private static final int ROUNDS = 60;

    @Test
    void concurrentWritesToOneItemSettleOnTheSameWriteEverywhere() throws Exception {
        createTable("Race", null);
        addReplica("Race", "eu-west-1", null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (DynamoDbClient us2 = dynamo("test", "us-east-1"); DynamoDbClient eu2 = dynamo("test", "eu-west-1")) {
            for (int round = 0; round < ROUNDS; round++) {
                String pk = "race-" + round;
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<?>> writes = new ArrayList<>();
                for (DynamoDbClient c : List.of(us2, eu2)) {
                    String from = c == us2 ? "us-east-1" : "eu-west-1";
                    writes.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        c.putItem(r -> r.tableName("Race").item(item("pk", pk, "from", from)));
                        return null;
                    }));
                }
                for (Future<?> w : writes) {
                    w.get(30, TimeUnit.SECONDS);
                }
                Map<String, AttributeValue> us = get(ddb, "Race", pk);
                Map<String, AttributeValue> euItem = get(eu, "Race", pk);
                assertEquals(us, euItem, "round " + round + ": both replicas hold the same last write");
                assertTrue(Set.of("us-east-1", "eu-west-1").contains(us.get("from").s()), "round " + round + ": " + us);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLaterWriteWinsOverAnEarlierOneInEveryRegion() {
        createTable("Later", null);
        addReplica("Later", "eu-west-1", null);
        ddb.putItem(r -> r.tableName("Later").item(item("pk", "k", "v", "us")));
        eu.putItem(r -> r.tableName("Later").item(item("pk", "k", "v", "eu")));
        assertEquals(item("pk", "k", "v", "eu"), get(ddb, "Later", "k"));
        assertEquals(item("pk", "k", "v", "eu"), get(eu, "Later", "k"));
        ddb.deleteItem(r -> r.tableName("Later").key(item("pk", "k")));
        assertEquals(null, get(eu, "Later", "k"), "a later delete wins too");
    }
}

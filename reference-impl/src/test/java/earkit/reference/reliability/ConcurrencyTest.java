package earkit.reference.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Many clients increment shared counters and do compare-and-set updates on one item while the table's key
 * is switched back and forth, its KMS keys are rotated on demand and backups are taken: no update is lost,
 * every conditional failure is accounted for, the only errors are documented ones, every item stays readable.
 */
class ConcurrencyTest {
    private static final int CLIENTS = 12;
    private static final int OPERATIONS = 150;
    private static final int COUNTERS = 4;
    /** What the disturbances may answer while the table is busy or a quota is used up. */
    private static final Set<String> DOCUMENTED = Set.of("ResourceInUseException", "LimitExceededException",
            "TableInUseException");

    private final AtomicLongArray increments = new AtomicLongArray(COUNTERS);
    private final AtomicLong casWins = new AtomicLong();
    private final AtomicLong casConflicts = new AtomicLong();
    private final Map<String, AtomicLong> disturbanceErrors = new ConcurrentHashMap<>();
    private final AtomicLong disturbances = new AtomicLong();

    @Test
    void noUpdateIsLostWhileKeysSwitchRotateAndBackupsRun() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults()); Clients admin = new Clients(server.endpoint())) {
            String k1 = admin.kms().createKey(b -> b.description("one")).keyMetadata().arn();
            String k2 = admin.kms().createKey(b -> b.description("two")).keyMetadata().arn();
            admin.createTable("shared", true, s -> s.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(k1));
            for (int i = 0; i < COUNTERS; i++) {
                int c = i;
                admin.dynamo().putItem(b -> b.tableName("shared").item(Map.of("pk", AttributeValue.fromS("counter"),
                        "sk", AttributeValue.fromN(Integer.toString(c)), "n", AttributeValue.fromN("0"))));
            }
            admin.dynamo().putItem(b -> b.tableName("shared").item(Map.of("pk", AttributeValue.fromS("cas"),
                    "sk", AttributeValue.fromN("0"), "version", AttributeValue.fromN("0"), "hits", AttributeValue.fromN("0"))));

            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
            AtomicBoolean done = new AtomicBoolean();
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < CLIENTS; w++) {
                long seed = w;
                workers.add(pool.submit(() -> work(server, seed)));
            }
            Future<?> disturber = pool.submit(() -> disturb(server, k1, k2, done));
            for (Future<?> f : workers) {
                f.get(5, TimeUnit.MINUTES);
            }
            done.set(true);
            disturber.get(1, TimeUnit.MINUTES);
            pool.shutdown();

            try (Clients fresh = new Clients(server.endpoint())) {
                long total = 0;
                for (int i = 0; i < COUNTERS; i++) {
                    int c = i;
                    long n = Long.parseLong(fresh.dynamo().getItem(b -> b.tableName("shared").consistentRead(true)
                            .key(Map.of("pk", AttributeValue.fromS("counter"), "sk", AttributeValue.fromN(Integer.toString(c)))))
                            .item().get("n").n());
                    assertEquals(increments.get(i), n, "counter " + i + " holds every acknowledged increment");
                    total += n;
                }
                Map<String, AttributeValue> cas = fresh.dynamo().getItem(b -> b.tableName("shared").consistentRead(true)
                        .key(Map.of("pk", AttributeValue.fromS("cas"), "sk", AttributeValue.fromN("0")))).item();
                assertEquals(casWins.get(), Long.parseLong(cas.get("version").n()), "one version step per won compare-and-set");
                assertEquals(casWins.get(), Long.parseLong(cas.get("hits").n()));
                assertEquals(CLIENTS * OPERATIONS, total + casWins.get() + casConflicts.get(), "every operation is accounted for");
                assertEquals(COUNTERS + 1, fresh.dynamo().scan(b -> b.tableName("shared")).count(), "every item readable");
                System.out.println("CONCURRENCY SUMMARY clients=" + CLIENTS + " increments=" + total + " casWins=" + casWins
                        + " casConflicts=" + casConflicts + " disturbances=" + disturbances + " documentedErrors="
                        + disturbanceErrors + " lostUpdates=0");
                assertTrue(disturbances.get() > 0);
            }
        }
    }

    private void work(ReferenceServer server, long seed) {
        Random random = new Random(seed);
        try (Clients c = new Clients(server.endpoint())) {
            for (int op = 0; op < OPERATIONS; op++) {
                if (random.nextInt(3) > 0) {
                    int counter = random.nextInt(COUNTERS);
                    c.dynamo().updateItem(b -> b.tableName("shared")
                            .key(Map.of("pk", AttributeValue.fromS("counter"), "sk", AttributeValue.fromN(Integer.toString(counter))))
                            .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                    increments.incrementAndGet(counter);
                } else {
                    Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("cas"), "sk", AttributeValue.fromN("0"));
                    String version = c.dynamo().getItem(b -> b.tableName("shared").key(key).consistentRead(true)).item().get("version").n();
                    try {
                        c.dynamo().updateItem(b -> b.tableName("shared").key(key)
                                .updateExpression("SET version = :next ADD hits :one").conditionExpression("version = :seen")
                                .expressionAttributeValues(Map.of(":seen", AttributeValue.fromN(version),
                                        ":next", AttributeValue.fromN(Long.toString(Long.parseLong(version) + 1)),
                                        ":one", AttributeValue.fromN("1"))));
                        casWins.incrementAndGet();
                    } catch (ConditionalCheckFailedException lostTheRace) {
                        casConflicts.incrementAndGet();
                    }
                }
            }
        }
    }

    /** Key switches K1 ⇄ K2, on-demand rotations of both keys and backups, until the workers are done. */
    private void disturb(ReferenceServer server, String k1, String k2, AtomicBoolean done) {
        try (Clients c = new Clients(server.endpoint())) {
            for (int round = 0; !done.get(); round++) {
                int kind = round % 3;
                String current = c.dynamo().describeTable(b -> b.tableName("shared")).table().sseDescription().kmsMasterKeyArn();
                String target = k1.equals(current) ? k2 : k1;
                try {
                    if (kind == 0) {
                        c.dynamo().updateTable(b -> b.tableName("shared").sseSpecification(s -> s.enabled(true)
                                .sseType(SSEType.KMS).kmsMasterKeyId(target)));
                    } else if (kind == 1) {
                        c.kms().rotateKeyOnDemand(b -> b.keyId(target));
                    } else {
                        int n = round;
                        c.dynamo().createBackup(b -> b.tableName("shared").backupName("during-load-" + n));
                    }
                    disturbances.incrementAndGet();
                } catch (AwsServiceException e) {
                    String code = e.awsErrorDetails().errorCode();
                    if (!DOCUMENTED.contains(code)) {
                        throw new AssertionError("undocumented error during load: " + code + " " + e.getMessage(), e);
                    }
                    disturbanceErrors.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
                }
                c.dynamo().waiter().waitUntilTableExists(b -> b.tableName("shared"));
                while (c.dynamo().describeTable(b -> b.tableName("shared")).table().tableStatus() != TableStatus.ACTIVE) {
                    Thread.onSpinWait();
                }
            }
        }
    }
}

package earkit.reference.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The reference in its own process with {@code --data-dir}, killed with SIGKILL in the middle of a write
 * load and started again: every acknowledged write is there, every item that is there is whole (as one of
 * the writes sent), the shared counter holds at least every acknowledged increment and at most every one
 * sent; and a table made inaccessible before the kill resumes its way to archival afterwards.
 */
class CrashTest {
    private static final int WRITERS = 8;

    @TempDir
    Path dir;

    private final Map<Map<String, AttributeValue>, Map<String, AttributeValue>> acknowledged = new ConcurrentHashMap<>();
    private final Map<Map<String, AttributeValue>, Map<String, AttributeValue>> sent = new ConcurrentHashMap<>();
    private final AtomicLong incrementsSent = new AtomicLong();
    private final AtomicLong incrementsAcknowledged = new AtomicLong();

    @Test
    void acknowledgedWritesSurviveSigkillAndALifecycleInProgressResumes() throws Exception {
        String lockedKey;
        try (ServerProcess first = ServerProcess.start(dir); Clients admin = new Clients(first.endpoint())) {
            String key = admin.kms().createKey(b -> b.description("load")).keyMetadata().keyId();
            admin.createTable("load", true, s -> s.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(key));
            admin.dynamo().putItem(b -> b.tableName("load").item(Map.of("pk", AttributeValue.fromS("counter"),
                    "sk", AttributeValue.fromN("0"), "n", AttributeValue.fromN("0"))));

            lockedKey = admin.kms().createKey(b -> b.description("to be disabled")).keyMetadata().keyId();
            admin.createTable("locked", false, s -> s.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(lockedKey));
            admin.dynamo().putItem(b -> b.tableName("locked").item(Map.of("pk", AttributeValue.fromS("kept"))));
            admin.kms().disableKey(b -> b.keyId(lockedKey));
            control(first.endpoint(), "/_kit/clock/advance", "{\"by\":\"PT1H\"}");
            try (Clients fresh = new Clients(first.endpoint())) { // a new connection asks KMS for the table key: the detection
                assertThrows(DynamoDbException.class, () -> fresh.dynamo().getItem(b -> b.tableName("locked")
                        .key(Map.of("pk", AttributeValue.fromS("kept")))));
            }
            assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS,
                    admin.dynamo().describeTable(b -> b.tableName("locked")).table().tableStatus());
            control(first.endpoint(), "/_kit/clock/advance", "{\"by\":\"P5D\"}");

            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Clients> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Clients c = new Clients(first.endpoint());
                writers.add(c);
                int writer = w;
                pool.execute(() -> write(c, writer, stop));
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> acknowledged.size() >= 400);
            first.kill();
            stop.set(true);
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
            writers.forEach(Clients::close);
        }

        try (ServerProcess second = ServerProcess.start(dir); Clients c = new Clients(second.endpoint())) {
            for (Map.Entry<Map<String, AttributeValue>, Map<String, AttributeValue>> e : acknowledged.entrySet()) {
                assertEquals(e.getValue(), c.dynamo().getItem(b -> b.tableName("load").key(e.getKey()).consistentRead(true)).item(),
                        "acknowledged write lost or changed: " + e.getKey());
            }
            long counter = -1;
            int found = 0;
            for (Map<String, AttributeValue> item : c.dynamo().scanPaginator(b -> b.tableName("load")).items()) {
                Map<String, AttributeValue> key = Map.of("pk", item.get("pk"), "sk", item.get("sk"));
                if (item.get("pk").s().equals("counter")) {
                    counter = Long.parseLong(item.get("n").n());
                    continue;
                }
                assertEquals(sent.get(key), item, "an item that is there is one of the writes sent, whole");
                found++;
            }
            assertTrue(counter >= incrementsAcknowledged.get() && counter <= incrementsSent.get(),
                    "counter " + counter + " within [" + incrementsAcknowledged + ", " + incrementsSent + "]");
            System.out.println("CRASH SUMMARY acknowledgedWrites=" + acknowledged.size() + " sentWrites=" + sent.size()
                    + " foundAfterRestart=" + found + " acknowledgedIncrements=" + incrementsAcknowledged
                    + " counterAfterRestart=" + counter + " lost=0");

            assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS,
                    c.dynamo().describeTable(b -> b.tableName("locked")).table().tableStatus(), "still inaccessible after the kill");
            DynamoDbException refused = assertThrows(DynamoDbException.class, () -> c.dynamo().getItem(b -> b.tableName("locked")
                    .key(Map.of("pk", AttributeValue.fromS("kept")))));
            assertEquals(400, refused.statusCode());
            control(second.endpoint(), "/_kit/clock/advance", "{\"by\":\"P2DT1S\"}");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    c.dynamo().describeTable(b -> b.tableName("locked")).table().tableStatus() == TableStatus.ARCHIVED);
        }
    }

    /**
     * Killed while the store compacts: items of 1 KB are written until the store file has grown well past them (the
     * chunks of many commits are partly dead), then writes stop, and the server is killed once the record of the
     * last commit has moved on twice without a request, i.e. in the middle of the compaction that then runs (it
     * rewrites live pages step after step, each step a commit). Every acknowledged write is there after the
     * restart, and the restart is not refused: the store is not older than its record. Killed after 2 commits of
     * compaction, in its pass over the leaves in key order; after 8, by the data's size past that pass (about 10 MB of leaves in steps
     * of 2 MB), so while the end of the file is emptied.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 8})
    void acknowledgedWritesSurviveSigkillDuringCompaction(int compactionCommits) throws Exception {
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> written = new ConcurrentHashMap<>();
        Path record = dir.resolve("earkit.commit");
        long versionWhenWritesStopped;
        long versionAtKill;
        try (ServerProcess first = ServerProcess.start(dir); Clients c = new Clients(first.endpoint())) {
            c.createTable("compacted", true, s -> s.enabled(false));
            for (int batch = 0; batch < 320; batch++) {
                List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> puts = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("p" + (batch * 25 + i) % 97),
                            "sk", AttributeValue.fromN(Integer.toString(batch * 25 + i)),
                            "payload", AttributeValue.fromS(("b" + batch + "i" + i + ";").repeat(200).substring(0, 1000)));
                    written.put(Map.of("pk", item.get("pk"), "sk", item.get("sk")), item);
                    puts.add(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                            .putRequest(r -> r.item(item)).build());
                }
                assertTrue(c.dynamo().batchWriteItem(b -> b.requestItems(Map.of("compacted", puts))).unprocessedItems()
                        .isEmpty(), "the reference processes a whole batch");
            }
            versionWhenWritesStopped = recordedVersion(record);
            await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(60))
                    .until(() -> recordedVersion(record) >= versionWhenWritesStopped + compactionCommits);
            first.kill();
            versionAtKill = recordedVersion(record);
        }
        try (ServerProcess second = ServerProcess.start(dir); Clients c = new Clients(second.endpoint())) {
            for (Map.Entry<Map<String, AttributeValue>, Map<String, AttributeValue>> e : written.entrySet()) {
                assertEquals(e.getValue(), c.dynamo().getItem(b -> b.tableName("compacted").key(e.getKey())
                        .consistentRead(true)).item(), "acknowledged write lost or changed: " + e.getKey());
            }
            assertEquals(written.size(), c.dynamo().scanPaginator(b -> b.tableName("compacted")).items().stream().count());
            System.out.println("CRASH SUMMARY during compaction: acknowledgedWrites=" + written.size()
                    + " compactionCommitsBeforeKill=" + (versionAtKill - versionWhenWritesStopped) + " lost=0");
        }
    }

    /** The store version in the record of the last commit (its first 8 bytes). */
    private static long recordedVersion(Path record) throws java.io.IOException {
        return java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(record)).getLong();
    }

    /** Puts whole items (and increments the shared counter) until the server dies or {@code stop}. */
    private void write(Clients c, int writer, AtomicBoolean stop) {
        for (int i = 0; !stop.get(); i++) {
            Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("writer-" + writer),
                    "sk", AttributeValue.fromN(Integer.toString(i)));
            Map<String, AttributeValue> item = new java.util.HashMap<>(key);
            item.put("payload", AttributeValue.fromS(("w" + writer + "#" + i + ";").repeat(1 + i % 50)));
            item.put("list", AttributeValue.fromL(List.of(AttributeValue.fromN(Integer.toString(i)), AttributeValue.fromBool(true))));
            sent.put(key, item);
            try {
                c.dynamo().putItem(b -> b.tableName("load").item(item));
                acknowledged.put(key, item);
                if (i % 3 == 0) {
                    incrementsSent.incrementAndGet();
                    c.dynamo().updateItem(b -> b.tableName("load").key(Map.of("pk", AttributeValue.fromS("counter"),
                                    "sk", AttributeValue.fromN("0")))
                            .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                    incrementsAcknowledged.incrementAndGet();
                }
            } catch (RuntimeException serverGone) {
                return;
            }
        }
    }

    private static void control(URI endpoint, String path, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }
}

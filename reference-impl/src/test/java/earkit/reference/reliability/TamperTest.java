package earkit.reference.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import earkit.reference.storage.DamagedStoreException;
import earkit.reference.storage.KeyValueMap;
import earkit.reference.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Stored bytes altered behind the server's back ({@code --data-dir}, server stopped): reads of the damaged
 * data fail with {@code DataIntegrityException} (HTTP 400), reads of intact data still succeed, and no read
 * ever returns altered plaintext. KMS ciphertext blobs altered in any byte fail with InvalidCiphertextException.
 */
class TamperTest {
    private static final String INTEGRITY = "DataIntegrityException";
    private static final int DAMAGED_FILES = 40;
    private static int faults;
    private static int refusals;
    /** Items gone under their own key after raw damage, with the damage reported by a Scan of their table. */
    private static int lostButReported;

    @TempDir
    Path dir;

    private final Map<Map<String, AttributeValue>, Map<String, AttributeValue>> written = new LinkedHashMap<>();
    /** "table/pk" of each partition holding an item {@link #readAll} found refused. */
    private final java.util.Set<String> damagedPartitions = new java.util.HashSet<>();

    @AfterAll
    static void summary() {
        System.out.println("TAMPER SUMMARY faults=" + faults + " refusedReads=" + refusals + " (of them " + lostButReported
                + " items gone under their key, reported by a Scan) alteredPlaintextReturned=0 tablesLost=0");
    }

    /** Two tables (customer key, owned key) with 12 items each, written and the server stopped. */
    private void seed() {
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withDataDir(dir));
             Clients c = new Clients(server.endpoint())) {
            String key = c.kms().createKey(b -> b.description("tamper")).keyMetadata().keyId();
            c.createTable("cmk", true, s -> s.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(key));
            c.createTable("owned", true, s -> s.enabled(false));
            for (String table : List.of("cmk", "owned")) {
                for (int i = 0; i < 12; i++) {
                    Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS(table + (i % 3)),
                            "sk", AttributeValue.fromN(Integer.toString(i)),
                            "balance", AttributeValue.fromN(Integer.toString(1000 + i)),
                            "owner", AttributeValue.fromS("owner of " + table + " " + i));
                    c.dynamo().putItem(b -> b.tableName(table).item(item));
                    written.put(keyOf(table, item), item);
                }
            }
        }
    }

    private static Map<String, AttributeValue> keyOf(String table, Map<String, AttributeValue> item) {
        return Map.of("table", AttributeValue.fromS(table), "pk", item.get("pk"), "sk", item.get("sk"));
    }

    /** Opens the stopped server's storage and changes it. */
    private void tamper(Consumer<Storage> change) {
        try (Storage storage = Storage.open(dir)) {
            change.accept(storage);
            storage.commit();
        }
        faults++;
    }

    private static String tableId(Storage storage, String name) {
        try {
            return ShapeFiller.JSON.readTree(storage.map("ddb-tables").get("000000000000/us-east-1/" + name)).get("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> keys(KeyValueMap map) {
        List<String> keys = new ArrayList<>();
        map.entries().forEach(e -> keys.add(e.getKey()));
        return keys;
    }

    /**
     * Reads every written item: each is the original or refused as damaged (never absent, never altered, and its
     * table never missing); returns how many were refused.
     */
    private int readAll(Clients c) {
        return readAll(c, false);
    }

    /** @param rawFile whether the raw store file was damaged, where the mock KMS keeps its keys too */
    private int readAll(Clients c, boolean rawFile) {
        int refused = 0;
        for (Map.Entry<Map<String, AttributeValue>, Map<String, AttributeValue>> e : written.entrySet()) {
            String table = e.getKey().get("table").s();
            Map<String, AttributeValue> key = Map.of("pk", e.getKey().get("pk"), "sk", e.getKey().get("sk"));
            try {
                Map<String, AttributeValue> got = c.dynamo().getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
                if (rawFile && got.isEmpty()) {
                    // The flipped byte is in the item's stored key (MVStore checks no page's contents): under its own
                    // key it is gone, but the entry under the altered one does not open, so reading the table whole
                    // reports the damage. An absence that no read of the table reports would be a silent loss.
                    DynamoDbException scan = assertThrows(DynamoDbException.class, () -> c.dynamo().scan(b -> b.tableName(table)),
                            "an item missing after damage must make the Scan of its table fail");
                    assertEquals(INTEGRITY, scan.awsErrorDetails().errorCode(), scan.getMessage());
                    lostButReported++;
                    refused++;
                    continue;
                }
                assertEquals(e.getValue(), got, "an item read back must be the item written");
            } catch (DynamoDbException refusal) {
                if (rawFile && refusal.statusCode() == 500 && refusal.getMessage().startsWith("KMS failed")) {
                    // The damage is in the mock KMS's key store (the same file): KMS answers its internal error, and
                    // DynamoDB passes a KMS failure on as its own, as it does for any KMS fault.
                    refused++;
                    continue;
                }
                assertEquals(400, refusal.statusCode(), refusal.getMessage());
                assertEquals(INTEGRITY, refusal.awsErrorDetails().errorCode(), refusal.getMessage());
                damagedPartitions.add(table + "/" + key.get("pk").s());
                refused++;
            }
        }
        refusals += refused;
        return refused;
    }

    /**
     * A Scan of the table is refused, and so is a Query of each partition holding a damaged item (found refused by
     * {@link #readAll}); a Query of an intact partition answers its items whole, in order. The store keeps which
     * entries share a partition, so a damaged entry's partition is known without opening it.
     */
    private void scanRefused(Clients c, String table) {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> c.dynamo().scan(b -> b.tableName(table)));
        assertEquals(INTEGRITY, e.awsErrorDetails().errorCode());
        refusals++;
        int refusedQueries = 0;
        for (int p = 0; p < 3; p++) {
            AttributeValue pk = AttributeValue.fromS(table + p);
            java.util.function.Supplier<List<Map<String, AttributeValue>>> query = () -> c.dynamo().query(b -> b.tableName(table)
                    .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", pk))).items();
            if (damagedPartitions.contains(table + "/" + pk.s())) {
                DynamoDbException q = assertThrows(DynamoDbException.class, query::get);
                assertEquals(INTEGRITY, q.awsErrorDetails().errorCode());
                refusals++;
                refusedQueries++;
            } else {
                List<Map<String, AttributeValue>> intact = new ArrayList<>();
                written.forEach((k, item) -> {
                    if (k.get("table").s().equals(table) && item.get("pk").equals(pk)) {
                        intact.add(item);
                    }
                });
                intact.sort(java.util.Comparator.comparingInt(i -> Integer.parseInt(i.get("sk").n())));
                assertEquals(intact, query.get(), "an intact partition answers its items whole, in order");
            }
        }
        assertTrue(refusedQueries > 0, "the damaged items' partitions are refused");
    }

    @Test
    void aFlippedTruncatedOrSwappedItemIsRefusedAndTheOthersStillRead() {
        seed();
        tamper(s -> {
            KeyValueMap items = s.map("ddb-items-" + tableId(s, "cmk"));
            List<String> keys = keys(items);
            byte[] flipped = items.get(keys.get(0));
            flipped[flipped.length / 2] ^= 0x01;
            items.put(keys.get(0), flipped);
            byte[] truncated = items.get(keys.get(1));
            items.put(keys.get(1), java.util.Arrays.copyOf(truncated, truncated.length - 5));
            byte[] a = items.get(keys.get(2));
            items.put(keys.get(2), items.get(keys.get(3)));
            items.put(keys.get(3), a);
            // the marker byte: one bit turns "sealed" into "stored unsealed", and the ciphertext must not become the item
            byte[] marker = items.get(keys.get(4));
            marker[0] ^= 0x01;
            items.put(keys.get(4), marker);
        });
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withDataDir(dir));
             Clients c = new Clients(server.endpoint())) {
            assertEquals(5, readAll(c), "exactly the five damaged items are refused");
            scanRefused(c, "cmk");
            assertEquals(12, c.dynamo().scan(b -> b.tableName("owned")).count(), "the other table is untouched");
        }
    }

    @Test
    void anItemCopiedIntoAnotherTableDoesNotOpenThere() {
        seed();
        tamper(s -> {
            KeyValueMap from = s.map("ddb-items-" + tableId(s, "owned"));
            KeyValueMap to = s.map("ddb-items-" + tableId(s, "cmk"));
            List<String> fromKeys = keys(from);
            List<String> toKeys = keys(to);
            for (int i = 0; i < fromKeys.size(); i++) {
                to.put(toKeys.get(i), from.get(fromKeys.get(i)));
            }
        });
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withDataDir(dir));
             Clients c = new Clients(server.endpoint())) {
            assertEquals(12, readAll(c));
            scanRefused(c, "cmk");
        }
    }

    @Test
    void alteredWrappedKeysMakeTheTablesReadsFail() {
        seed();
        tamper(s -> {
            KeyValueMap tables = s.map("ddb-tables");
            for (String name : List.of("cmk", "owned")) {
                try {
                    ObjectNode t = (ObjectNode) ShapeFiller.JSON.readTree(tables.get("000000000000/us-east-1/" + name));
                    String field = name.equals("cmk") ? "wrappedTableKey" : "wrappedNamingKey";
                    byte[] wrapped = Base64.getDecoder().decode(t.get(field).asText());
                    wrapped[wrapped.length - 3] ^= 0x40;
                    t.put(field, Base64.getEncoder().encodeToString(wrapped));
                    tables.put("000000000000/us-east-1/" + name, ShapeFiller.JSON.writeValueAsBytes(t));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withDataDir(dir));
             Clients c = new Clients(server.endpoint())) {
            assertEquals(24, readAll(c));
        }
    }

    /**
     * The damaged file either opens, and then every read gives the item written or DataIntegrityException (no item
     * lost, no table missing); or the server refuses to start with DamagedStoreException (among them the files
     * MVStore would open at an older state, see CommitRecord), whatever
     * MVStore threw (with assertions enabled, as under Surefire, that may be an AssertionError), and lets go of
     * the file, so the next start can open it.
     */
    @Test
    void flippedBytesOfTheRawStoreFileNeverYieldAlteredPlaintext() throws IOException {
        seed();
        Path file = dir.resolve("earkit.mv.db");
        byte[] original = Files.readAllBytes(file);
        // the record of the last commit, which a damaged file that opens moves on as it serves
        Path record = dir.resolve("earkit.commit");
        byte[] originalRecord = Files.readAllBytes(record);
        int older = 0;
        Random random = new Random(20261128);
        int started = 0;
        for (int round = 0; round < DAMAGED_FILES; round++) {
            byte[] damaged = original.clone();
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                // The stored data sits after MVStore's two 4 KB file headers.
                int at = 8192 + random.nextInt(damaged.length - 8192);
                damaged[at] ^= (byte) (1 << random.nextInt(8));
            }
            Files.write(file, damaged);
            Files.write(record, originalRecord);
            faults++;
            ReferenceServer server;
            try {
                server = ReferenceServer.start(ServerOptions.defaults().withDataDir(dir));
            } catch (Throwable refusedToStart) {
                assertInstanceOf(DamagedStoreException.class, refusedToStart, "damaged file " + round
                        + ": a damaged file must be refused as damaged, not with " + refusedToStart);
                if (refusedToStart.getMessage().contains("fell back to an older state")) {
                    older++;
                }
                continue;
            }
            started++;
            try (server; Clients c = new Clients(server.endpoint())) {
                readAll(c, true);
            }
        }
        Files.write(file, original);
        Files.write(record, originalRecord);
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withDataDir(dir));
             Clients c = new Clients(server.endpoint())) {
            assertEquals(0, readAll(c), "the undamaged file reads back whole");
        }
        System.out.println("TAMPER raw file: " + started + " of " + DAMAGED_FILES
                + " damaged files opened; the rest were refused at start, " + older + " of them because MVStore"
                + " would have opened an older state");
    }

    /**
     * What MVStore does with a file whose newest chunks do not read: it opens at the last older state that does,
     * silently. Put back a copy of the store file from before the last writes (the same state as such a fall-back)
     * and the server refuses to start; an altered or missing record of the last commit is refused too.
     */
    @Test
    void aStoreFileThatReopensAtAnOlderStateIsRefusedNotServed() throws IOException {
        seed();
        Path file = dir.resolve("earkit.mv.db");
        Path record = dir.resolve("earkit.commit");
        byte[] older = Files.readAllBytes(file);
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withDataDir(dir));
             Clients c = new Clients(server.endpoint())) {
            c.createTable("later", true, s -> s.enabled(false));
            c.dynamo().putItem(b -> b.tableName("later").item(Map.of("pk", AttributeValue.fromS("p"),
                    "sk", AttributeValue.fromN("1"))));
        }
        byte[] newer = Files.readAllBytes(file);
        byte[] newerRecord = Files.readAllBytes(record);
        Files.write(file, older);
        faults++;
        Throwable refused = assertThrows(Throwable.class, () -> ReferenceServer.start(ServerOptions.defaults().withDataDir(dir)).close());
        assertInstanceOf(DamagedStoreException.class, refused, refused.toString());
        org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains("fell back to an older state"),
                refused.getMessage());

        Files.write(file, newer);
        byte[] altered = newerRecord.clone();
        altered[3] ^= 0x04;
        Files.write(record, altered);
        faults++;
        assertInstanceOf(DamagedStoreException.class, assertThrows(Throwable.class,
                () -> ReferenceServer.start(ServerOptions.defaults().withDataDir(dir)).close()));
        Files.delete(record);
        faults++;
        assertInstanceOf(DamagedStoreException.class, assertThrows(Throwable.class,
                () -> ReferenceServer.start(ServerOptions.defaults().withDataDir(dir)).close()));

        Files.write(record, newerRecord);
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withDataDir(dir));
             Clients c = new Clients(server.endpoint())) {
            assertEquals(0, readAll(c), "the file and its record put back read whole");
            assertEquals(1, c.dynamo().scan(b -> b.tableName("later")).count());
        }
    }

    @Test
    void everyAlteredByteOfAKmsCiphertextIsInvalidCiphertext() {
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults().withDataDir(dir));
             Clients c = new Clients(server.endpoint())) {
            String key = c.kms().createKey(b -> b.description("blobs")).keyMetadata().keyId();
            Map<String, String> context = Map.of("aws:dynamodb:tableName", "t");
            byte[] blob = c.kms().encrypt(b -> b.keyId(key).encryptionContext(context)
                    .plaintext(SdkBytes.fromUtf8String("the secret"))).ciphertextBlob().asByteArray();
            byte[] other = c.kms().encrypt(b -> b.keyId(key).encryptionContext(context)
                    .plaintext(SdkBytes.fromUtf8String("another secret"))).ciphertextBlob().asByteArray();
            List<byte[]> altered = new ArrayList<>();
            for (int i = 0; i < blob.length; i++) {
                byte[] b = blob.clone();
                b[i] ^= (byte) 0x80;
                altered.add(b);
            }
            for (int n : new int[] {0, 1, 10, blob.length / 2, blob.length - 1}) {
                altered.add(java.util.Arrays.copyOf(blob, n));
            }
            byte[] spliced = blob.clone();
            System.arraycopy(other, other.length - 16, spliced, spliced.length - 16, 16);
            altered.add(spliced);
            for (byte[] b : altered) {
                faults++;
                KmsException e = assertThrows(KmsException.class, () -> c.kms().decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(b))
                        .encryptionContext(context)));
                assertEquals("InvalidCiphertextException", e.awsErrorDetails().errorCode());
                refusals++;
            }
            faults++;
            KmsException wrongContext = assertThrows(KmsException.class, () -> c.kms().decrypt(r -> r
                    .ciphertextBlob(SdkBytes.fromByteArray(blob)).encryptionContext(Map.of("aws:dynamodb:tableName", "u"))));
            assertEquals("InvalidCiphertextException", wrongContext.awsErrorDetails().errorCode());
            refusals++;
            assertEquals("the secret", c.kms().decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(blob))
                    .encryptionContext(context)).plaintext().asUtf8String());
        }
    }
}

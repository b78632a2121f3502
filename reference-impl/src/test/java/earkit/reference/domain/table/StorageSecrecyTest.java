package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.reference.Fault;
import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import earkit.reference.service.StorageRoutes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Proves that the store keeps no plaintext: neither attribute values nor keys, in table or indexes. */
class StorageSecrecyTest extends StoreTestBase {
    static final String MARKER = "MARKER-7f3a9c";
    static final List<String> PLAINTEXTS = List.of(MARKER, "Zanzibar-city", "secretNote", "31415926535",
            "hidden-gsi-value", "lsi-sort-value");

    @TempDir
    Path dir;
    private ServerOptions opts = ServerOptions.defaults();

    @Override
    protected ServerOptions options() {
        return opts;
    }

    private void restart(ServerOptions o) {
        stopServer();
        opts = o;
        startServer();
    }

    private void writeMarkedItems() {
        ddb.createTable(r -> r.tableName("Secrets").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("lsk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("gpk").attributeType(ScalarAttributeType.S).build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byLsk")
                        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("lsk").keyType(KeyType.RANGE).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byGpk")
                        .keySchema(KeySchemaElement.builder().attributeName("gpk").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Secrets"));
        for (int i = 0; i < 20; i++) {
            int k = i;
            ddb.putItem(r -> r.tableName("Secrets").item(Map.of(
                    "pk", s(MARKER + "-pk-" + k), "sk", s(MARKER + "-sk"),
                    "lsk", s("lsi-sort-value-" + k), "gpk", s("hidden-gsi-value"),
                    "secretNote", s("in Zanzibar-city " + MARKER),
                    "pi", n("31415926535"),
                    "tags", AttributeValue.fromSs(List.of(MARKER + "-tag")))));
        }
    }

    private String findings() {
        StringBuilder json = new StringBuilder("{\"needles\":[");
        for (int i = 0; i < PLAINTEXTS.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(PLAINTEXTS.get(i)).append('"');
        }
        return control("/_kit/storage/find", json.append("]}").toString());
    }

    private void assertReadable() {
        assertEquals(20, ddb.scan(r -> r.tableName("Secrets")).count());
        assertEquals(20, ddb.query(r -> r.tableName("Secrets").indexName("byGpk").keyConditionExpression("gpk = :g")
                .expressionAttributeValues(Map.of(":g", s("hidden-gsi-value")))).count());
        var lsi = ddb.query(r -> r.tableName("Secrets").indexName("byLsk").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s(MARKER + "-pk-3")))).items();
        assertEquals("in Zanzibar-city " + MARKER, lsi.get(0).get("secretNote").s());
    }

    @Test
    void inMemoryNothingStoredContainsPlaintext() {
        writeMarkedItems();
        assertReadable();
        String found = findings();
        assertTrue(found.contains("\"found\":[]"), found);
        assertFalse(found.contains("\"entriesScanned\":0"), found);
    }

    @Test
    void onDiskNothingStoredContainsPlaintextAndEverythingSurvivesARestart() throws IOException {
        restart(ServerOptions.defaults().withDataDir(dir));
        writeMarkedItems();
        ddb.deleteItem(r -> r.tableName("Secrets").key(Map.of("pk", s(MARKER + "-pk-19"), "sk", s(MARKER + "-sk"))));
        ddb.putItem(r -> r.tableName("Secrets").item(Map.of("pk", s(MARKER + "-pk-19"), "sk", s(MARKER + "-sk"),
                "lsk", s("lsi-sort-value-19"), "gpk", s("hidden-gsi-value"), "secretNote", s("in Zanzibar-city " + MARKER))));
        String found = findings();
        assertTrue(found.contains("\"found\":[]"), found);
        restart(ServerOptions.defaults().withDataDir(dir));
        assertReadable();
        assertRawFilesClean();
    }

    private void assertRawFilesClean() throws IOException {
        server.close();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            byte[] raw = Files.readAllBytes(f);
            for (String p : PLAINTEXTS) {
                assertFalse(StorageRoutes.contains(raw, p.getBytes(StandardCharsets.UTF_8)), p + " in " + f);
            }
        }
        server = ReferenceServer.start(opts);
    }

    @Test
    void theCheckCatchesAStoreThatKeepsPlaintext() {
        restart(ServerOptions.defaults().withFaults(Set.of(Fault.PLAINTEXT_AT_REST)));
        writeMarkedItems();
        assertTrue(findings().contains(MARKER));
    }
}

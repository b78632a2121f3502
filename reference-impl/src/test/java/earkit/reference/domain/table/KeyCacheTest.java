package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.reference.Fault;
import earkit.reference.ServerOptions;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The table key cache per client connection (EAR-REF-001, EAR-CON-001): a kept-alive connection costs one
 * KMS Decrypt per 5 virtual minutes; a connection per request costs one Decrypt per request.
 */
class KeyCacheTest extends StoreTestBase {
    private ServerOptions opts = ServerOptions.defaults();

    @Override
    protected ServerOptions options() {
        return opts;
    }

    private String cmkTable() {
        String key = kms.createKey().keyMetadata().arn();
        createTable("Cached", null, EncryptedTablesTest.cmk(key));
        ddb.putItem(r -> r.tableName("Cached").item(item("pk", "a", "v", "1")));
        return key;
    }

    private int decrypts() {
        return kmsEvents("Decrypt").size();
    }

    private void onNewConnection(Consumer<DynamoDbClient> call) {
        try (DynamoDbClient fresh = dynamo("test", "us-east-1")) {
            call.accept(fresh);
        }
    }

    @Test
    void keptAliveConnectionDecryptsOncePerFiveMinutes() {
        cmkTable();
        int start = decrypts();
        for (int i = 0; i < 20; i++) {
            ddb.getItem(r -> r.tableName("Cached").key(item("pk", "a")));
        }
        assertEquals(start, decrypts(), "the connection that created the table holds its key");
        advance("PT4M59S");
        ddb.getItem(r -> r.tableName("Cached").key(item("pk", "a")));
        assertEquals(start, decrypts());
        advance("PT1S");
        for (int i = 0; i < 20; i++) {
            ddb.getItem(r -> r.tableName("Cached").key(item("pk", "a")));
        }
        assertEquals(start + 1, decrypts());
        Event e = kmsEvents("Decrypt").get(0);
        assertTrue(e.cloudTrailEvent().contains("\"invokedBy\":\"dynamodb.amazonaws.com\""), e.cloudTrailEvent());
        assertTrue(e.cloudTrailEvent().contains("aws:dynamodb:tableName"), e.cloudTrailEvent());
    }

    @Test
    void aConnectionPerRequestDecryptsOnEveryRequest() {
        cmkTable();
        int start = decrypts();
        for (int i = 0; i < 5; i++) {
            onNewConnection(c -> c.getItem(r -> r.tableName("Cached").key(item("pk", "a"))));
        }
        assertEquals(start + 5, decrypts());
    }

    @Test
    void withoutTheCacheEveryRequestDecrypts() {
        opts = ServerOptions.defaults().withFaults(Set.of(Fault.NO_KEY_CACHE));
        stopServer();
        startServer();
        cmkTable();
        int start = decrypts();
        for (int i = 0; i < 5; i++) {
            ddb.getItem(r -> r.tableName("Cached").key(item("pk", "a")));
        }
        assertEquals(start + 5, decrypts());
    }

    @Test
    void ownedKeyTablesNeedNoDecrypt() {
        createTable("OwnedCache", null);
        for (int i = 0; i < 3; i++) {
            onNewConnection(c -> c.putItem(r -> r.tableName("OwnedCache").item(item("pk", "a"))));
        }
        assertEquals(0, decrypts());
    }
}

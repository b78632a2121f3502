package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.reference.ServerOptions;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Detection of an unusable table key (first step of the key-loss lifecycle). */
class KeyAccessTest extends StoreTestBase {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;
    private ServerOptions opts = ServerOptions.defaults();

    @Override
    protected ServerOptions options() {
        return opts;
    }

    private String cmkTable(String name) {
        String key = kms.createKey().keyMetadata().arn();
        createTable(name, null, EncryptedTablesTest.cmk(key));
        ddb.putItem(r -> r.tableName(name).item(item("pk", "a", "v", "1")));
        return key;
    }

    private TableDescription describe(String name) {
        return ddb.describeTable(r -> r.tableName(name)).table();
    }

    @Test
    void disabledKeyIsNoticedAtTheNextRefreshAndAccessComesBack() {
        String key = cmkTable("Watched");
        kms.disableKey(r -> r.keyId(key));
        assertEquals("1", ddb.getItem(r -> r.tableName("Watched").key(item("pk", "a"))).item().get("v").s(),
                "the cached table key still works until the connection refreshes it");
        assertEquals(TableStatus.ACTIVE, describe("Watched").tableStatus());

        advance("PT5M");
        DynamoDbException e = assertThrows(DynamoDbException.class,
                () -> ddb.getItem(r -> r.tableName("Watched").key(item("pk", "a"))));
        assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("KMS key access denied error: com.amazonaws.services.kms.model.DisabledException: "),
                e.awsErrorDetails().errorMessage());
        TableDescription d = describe("Watched");
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, d.tableStatus());
        assertEquals(START.plusSeconds(300), d.sseDescription().inaccessibleEncryptionDateTime());
        try (var other = dynamo("test", "us-east-1")) {
            assertThrows(DynamoDbException.class, () -> other.putItem(r -> r.tableName("Watched").item(item("pk", "b"))));
        }

        DynamoDbException noSwitch = assertThrows(DynamoDbException.class, () -> ddb.updateTable(r -> r.tableName("Watched")
                .sseSpecification(s -> s.enabled(false))));
        assertEquals("AccessDeniedException", noSwitch.awsErrorDetails().errorCode(), "switching needs the old key");

        kms.enableKey(r -> r.keyId(key));
        assertEquals("1", ddb.getItem(r -> r.tableName("Watched").key(item("pk", "a"))).item().get("v").s());
        d = describe("Watched");
        assertEquals(TableStatus.ACTIVE, d.tableStatus());
        assertNull(d.sseDescription().inaccessibleEncryptionDateTime());
    }

    @Test
    void revokedGrantAndPendingDeletionMakeTheTableInaccessible() {
        String key = cmkTable("Revoked");
        String grant = kms.listGrants(r -> r.keyId(key)).grants().get(0).grantId();
        kms.revokeGrant(r -> r.keyId(key).grantId(grant));
        advance("PT5M");
        DynamoDbException e = assertThrows(DynamoDbException.class,
                () -> ddb.getItem(r -> r.tableName("Revoked").key(item("pk", "a"))));
        assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, describe("Revoked").tableStatus());

        String pending = cmkTable("Pending");
        kms.scheduleKeyDeletion(r -> r.keyId(pending).pendingWindowInDays(30));
        advance("PT5M");
        assertThrows(DynamoDbException.class, () -> ddb.putItem(r -> r.tableName("Pending").item(item("pk", "b"))));
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, describe("Pending").tableStatus());
        assertEquals(TableStatus.DELETING, ddb.deleteTable(r -> r.tableName("Pending")).tableDescription().tableStatus());
    }

    /** No polling: a key nobody needs is not looked at; the request that needs it is the detection, and the recovery. */
    @Test
    void aKeyNoRequestTouchesIsNoticedByTheNextRequestThatNeedsIt() {
        String key = cmkTable("Idle");
        kms.disableKey(r -> r.keyId(key));
        advance("PT1H");
        assertEquals(TableStatus.ACTIVE, describe("Idle").tableStatus(), "no request needed the key: nothing noticed it");
        assertThrows(DynamoDbException.class, () -> ddb.getItem(r -> r.tableName("Idle").key(item("pk", "a"))));
        TableDescription d = describe("Idle");
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, d.tableStatus());
        assertEquals(START.plusSeconds(3600), d.sseDescription().inaccessibleEncryptionDateTime());
        kms.enableKey(r -> r.keyId(key));
        advance("PT1H");
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, describe("Idle").tableStatus());
        assertEquals("1", ddb.getItem(r -> r.tableName("Idle").key(item("pk", "a"))).item().get("v").s());
        assertEquals(TableStatus.ACTIVE, describe("Idle").tableStatus());
    }

    @Test
    void customerKeyTableSurvivesARestartInTheDataDir() {
        opts = ServerOptions.defaults().withDataDir(dir);
        stopServer();
        startServer();
        String key = cmkTable("Durable");
        ddb.putItem(r -> r.tableName("Durable").item(item("pk", "b", "v", "2")));
        stopServer();
        startServer();
        assertEquals(key, describe("Durable").sseDescription().kmsMasterKeyArn());
        assertEquals("2", ddb.getItem(r -> r.tableName("Durable").key(item("pk", "b"))).item().get("v").s());
        assertEquals(2, ddb.scan(r -> r.tableName("Durable")).count());
    }
}

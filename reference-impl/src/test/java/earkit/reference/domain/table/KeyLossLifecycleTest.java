package earkit.reference.domain.table;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import earkit.reference.Fault;
import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import earkit.reference.storage.Storage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BackupType;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.kms.model.GrantOperation;

/**
 * The key-loss lifecycle on the virtual clock: detection when DynamoDB next needs the table key (kept-alive
 * connection after the 5-minute refresh, new connection at once; never by polling), notification, recovery
 * within 7 days, archival after more than 7 days, restore of the archival backup, restart in the middle.
 */
class KeyLossLifecycleTest extends StoreTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ITEMS = 25;
    private String keyArn;

    private void table(String name) {
        keyArn = kms.createKey().keyMetadata().arn();
        createTable(name, ScalarAttributeType.N, EncryptedTablesTest.cmk(keyArn));
        for (int i = 0; i < ITEMS; i++) {
            int k = i;
            ddb.putItem(r -> r.tableName(name).item(item("pk", "p" + (k % 5), "sk", k, "v", "value-" + k)));
        }
    }

    private TableDescription describe(String name) {
        return ddb.describeTable(r -> r.tableName(name)).table();
    }

    /** A request on a new TCP connection: no cached table key, so DynamoDB asks KMS at once. */
    private <T> T fresh(java.util.function.Function<DynamoDbClient, T> call) {
        try (DynamoDbClient c = dynamo("test", "us-east-1")) {
            return call.apply(c);
        }
    }

    private int count(String table) {
        return fresh(c -> c.scan(r -> r.tableName(table)).count());
    }

    private DynamoDbException refusedRead(DynamoDbClient c, String table) {
        return assertThrows(DynamoDbException.class, () -> c.getItem(r -> r.tableName(table).key(item("pk", "p1", "sk", 1))));
    }

    private JsonNode notifications() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.endpoint() + "/_kit/notifications")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        try {
            return Instant.parse(JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.endpoint() + "/_kit/clock")).GET().build(), HttpResponse.BodyHandlers.ofString()).body())
                    .get("now").asText());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void keptAliveConnectionNoticesOnlyAfterTheRefreshDeadline() {
        table("KeptAlive");
        kms.disableKey(r -> r.keyId(keyArn));
        ddb.getItem(r -> r.tableName("KeptAlive").key(item("pk", "p1", "sk", 1)));
        advance("PT4M59S");
        assertEquals("value-1", ddb.getItem(r -> r.tableName("KeptAlive").key(item("pk", "p1", "sk", 1))).item().get("v").s());
        assertEquals(TableStatus.ACTIVE, describe("KeptAlive").tableStatus());
        assertEquals(0, notifications().size());

        advance("PT2S");
        Instant detected = now();
        DynamoDbException e = refusedRead(ddb, "KeptAlive");
        assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("KMS key access denied error: "), e.getMessage());
        TableDescription d = describe("KeptAlive");
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, d.tableStatus());
        assertEquals(detected, d.sseDescription().inaccessibleEncryptionDateTime());
        assertEquals(keyArn, d.sseDescription().kmsMasterKeyArn());

        JsonNode n = notifications();
        assertEquals(1, n.size());
        assertEquals("KeptAlive", n.get(0).get("tableName").asText());
        assertEquals("us-east-1", n.get(0).get("region").asText());
        assertEquals(keyArn, n.get(0).get("kmsKeyArn").asText());
        assertEquals(detected.plus(Duration.ofDays(7)).plusMillis(1).toString(), n.get(0).get("archivalDeadline").asText());
        String remedies = n.get(0).get("remedies").toString();
        assertTrue(remedies.contains("Re-enable") && remedies.contains("Cancel the pending deletion")
                && remedies.contains("Re-create the grant"), remedies);
        refusedRead(ddb, "KeptAlive");
        assertEquals(1, notifications().size(), "one notification per detection");
    }

    /** Each way of losing the key, and the matching remedy. */
    @ParameterizedTest
    @ValueSource(strings = {"disabled", "pendingDeletion", "grantRevoked"})
    void everyTriggerMakesTheTableInaccessibleAndItsRemedyRecoversIt(String trigger) {
        table("Lost");
        Runnable remedy = switch (trigger) {
            case "disabled" -> {
                kms.disableKey(r -> r.keyId(keyArn));
                yield () -> kms.enableKey(r -> r.keyId(keyArn));
            }
            case "pendingDeletion" -> {
                kms.scheduleKeyDeletion(r -> r.keyId(keyArn).pendingWindowInDays(7));
                yield () -> {
                    kms.cancelKeyDeletion(r -> r.keyId(keyArn));
                    kms.enableKey(r -> r.keyId(keyArn));
                };
            }
            default -> {
                String grant = kms.listGrants(r -> r.keyId(keyArn)).grants().get(0).grantId();
                kms.revokeGrant(r -> r.keyId(keyArn).grantId(grant));
                yield () -> kms.createGrant(r -> r.keyId(keyArn).granteePrincipal("dynamodb.us-east-1.amazonaws.com")
                        .operations(GrantOperation.DECRYPT, GrantOperation.ENCRYPT, GrantOperation.GENERATE_DATA_KEY,
                                GrantOperation.DESCRIBE_KEY));
            }
        };
        DynamoDbException e = fresh(c -> refusedRead(c, "Lost"));
        assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, describe("Lost").tableStatus());
        assertNotNull(describe("Lost").sseDescription().inaccessibleEncryptionDateTime());

        advance("P3D");
        remedy.run();
        assertEquals(ITEMS, count("Lost"));
        TableDescription d = describe("Lost");
        assertEquals(TableStatus.ACTIVE, d.tableStatus());
        assertNull(d.sseDescription().inaccessibleEncryptionDateTime());
        advance("P5D");
        assertEquals(TableStatus.ACTIVE, describe("Lost").tableStatus(), "recovery cancels the archival");
    }

    @Test
    void deletedKeyLeavesTheTableInaccessibleUntilArchived() {
        table("Deleted");
        kms.scheduleKeyDeletion(r -> r.keyId(keyArn).pendingWindowInDays(7));
        advance("PT1H");
        Instant detection = now();
        DynamoDbException e = fresh(c -> refusedRead(c, "Deleted"));
        assertTrue(e.getMessage().contains("KMS key access denied error"), e.getMessage());
        assertEquals(detection, describe("Deleted").sseDescription().inaccessibleEncryptionDateTime());
        advance("P7D");
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, describe("Deleted").tableStatus());
        advance("PT1S");
        await().atMost(Duration.ofSeconds(5)).until(() -> describe("Deleted").tableStatus() == TableStatus.ARCHIVED);
    }

    /**
     * DynamoDB finds a lost key when it next needs the table key, not by polling (KMS Developer Guide, "Table key
     * caching"): a table nobody uses stays ACTIVE however long its key is off, and costs no KMS call; the first
     * request after that is the detection, and the seven days count from it.
     */
    @Test
    void aQuietTableIsFoundInaccessibleAtItsNextRequestNotBefore() {
        table("Quiet");
        kms.disableKey(r -> r.keyId(keyArn));
        int decryptsBefore = kmsEvents("Decrypt").size();
        advance("P30D");
        assertEquals(TableStatus.ACTIVE, describe("Quiet").tableStatus(), "no request, no KMS call, no detection");
        assertNull(describe("Quiet").sseDescription().inaccessibleEncryptionDateTime());
        assertEquals(0, notifications().size());
        assertEquals(decryptsBefore, kmsEvents("Decrypt").size(), "a month without traffic costs no Decrypt");

        Instant detection = now();
        fresh(c -> refusedRead(c, "Quiet"));
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, describe("Quiet").tableStatus());
        assertEquals(detection, describe("Quiet").sseDescription().inaccessibleEncryptionDateTime());
        assertEquals(1, notifications().size());
        advance("P7D");
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, describe("Quiet").tableStatus());
        advance("PT1S");
        await().atMost(Duration.ofSeconds(5)).until(() -> describe("Quiet").tableStatus() == TableStatus.ARCHIVED);
    }

    /** A key given back while nobody uses the table: the last look at the archival deadline sees it, and the table stays. */
    @Test
    void aKeyBackBeforeTheDeadlineIsSeenAtTheDeadlineWithoutAnyRequest() {
        table("Back");
        kms.disableKey(r -> r.keyId(keyArn));
        fresh(c -> refusedRead(c, "Back"));
        advance("P3D");
        kms.enableKey(r -> r.keyId(keyArn));
        advance("P4DT1S");
        TableDescription d = describe("Back");
        assertEquals(TableStatus.ACTIVE, d.tableStatus());
        assertNull(d.sseDescription().inaccessibleEncryptionDateTime());
        assertNull(d.archivalSummary());
        assertEquals(ITEMS, count("Back"));
    }

    @Test
    void sixDaysTwentyThreeHoursIsStillRecoverable() {
        table("Edge");
        kms.disableKey(r -> r.keyId(keyArn));
        fresh(c -> refusedRead(c, "Edge"));
        advance("P6DT23H");
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, describe("Edge").tableStatus());
        kms.enableKey(r -> r.keyId(keyArn));
        assertEquals(ITEMS, count("Edge"));
        assertEquals(TableStatus.ACTIVE, describe("Edge").tableStatus());
        advance("P1D");
        assertEquals(TableStatus.ACTIVE, describe("Edge").tableStatus());
        assertNull(describe("Edge").archivalSummary());
    }

    @Test
    void sevenDaysAndOneSecondArchivesAndTheArchivalBackupRestoresEveryItem() {
        table("Archived");
        kms.disableKey(r -> r.keyId(keyArn));
        fresh(c -> refusedRead(c, "Archived"));
        Instant detected = describe("Archived").sseDescription().inaccessibleEncryptionDateTime();
        advance("P7D");
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, describe("Archived").tableStatus(), "exactly 7 days: not yet");
        advance("PT1S");
        await().atMost(Duration.ofSeconds(5)).until(() -> describe("Archived").tableStatus() == TableStatus.ARCHIVED);

        TableDescription d = describe("Archived");
        assertEquals("INACCESSIBLE_ENCRYPTION_CREDENTIALS", d.archivalSummary().archivalReason());
        assertEquals(detected.plus(Duration.ofDays(7)).plusMillis(1), d.archivalSummary().archivalDateTime());
        String backup = d.archivalSummary().archivalBackupArn();
        var desc = ddb.describeBackup(r -> r.backupArn(backup)).backupDescription();
        assertEquals(BackupType.SYSTEM, desc.backupDetails().backupType());
        assertEquals(keyArn, desc.sourceTableFeatureDetails().sseDescription().kmsMasterKeyArn());
        assertEquals((long) ITEMS, desc.sourceTableDetails().itemCount());
        assertTrue(ddb.listTables().tableNames().contains("Archived"), "J4: an archived table stays listed");

        DynamoDbException refused = fresh(c -> refusedRead(c, "Archived"));
        assertEquals("ValidationException", refused.awsErrorDetails().errorCode());
        assertTrue(refused.getMessage().contains("archived"), refused.getMessage());
        DynamoDbException noUpdate = assertThrows(DynamoDbException.class, () -> ddb.updateTable(r -> r
                .tableName("Archived").deletionProtectionEnabled(true)));
        assertEquals("ValidationException", noUpdate.awsErrorDetails().errorCode());
        assertThrows(DynamoDbException.class, () -> ddb.createBackup(r -> r.tableName("Archived").backupName("again")));

        DynamoDbException keyStillOff = assertThrows(DynamoDbException.class, () -> ddb.restoreTableFromBackup(r -> r
                .backupArn(backup).targetTableName("Back")));
        assertEquals("ValidationException", keyStillOff.awsErrorDetails().errorCode());
        assertTrue(keyStillOff.getMessage().contains("DisabledException"), keyStillOff.getMessage());

        kms.enableKey(r -> r.keyId(keyArn));
        ddb.deleteTable(r -> r.tableName("Archived"));
        ddb.waiter().waitUntilTableNotExists(r -> r.tableName("Archived"));
        TableDescription restored = ddb.restoreTableFromBackup(r -> r.backupArn(backup).targetTableName("Archived")).tableDescription();
        assertEquals(keyArn, restored.sseDescription().kmsMasterKeyArn());
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Archived"));
        assertEquals(ITEMS, count("Archived"));
        assertEquals("value-7", ddb.getItem(r -> r.tableName("Archived").key(item("pk", "p2", "sk", 7))).item().get("v").s());
    }

    /** One advance far past the deadline: the backup is made as of the archival, not as of where the clock stopped. */
    @Test
    void theArchivalBackupIsMadeAtTheArchivalHoweverFarTheClockJumped() {
        table("Jumped");
        kms.disableKey(r -> r.keyId(keyArn));
        fresh(c -> refusedRead(c, "Jumped"));
        Instant detected = describe("Jumped").sseDescription().inaccessibleEncryptionDateTime();
        advance("P30D");
        await().atMost(Duration.ofSeconds(5)).until(() -> describe("Jumped").tableStatus() == TableStatus.ARCHIVED);
        TableDescription d = describe("Jumped");
        Instant archived = detected.plus(Duration.ofDays(7)).plusMillis(1);
        assertEquals(archived, d.archivalSummary().archivalDateTime());
        String arn = d.archivalSummary().archivalBackupArn();
        assertEquals(archived, ddb.describeBackup(r -> r.backupArn(arn)).backupDescription().backupDetails().backupCreationDateTime());
        assertTrue(arn.contains("/backup/" + String.format("%014d", archived.toEpochMilli()) + "-"), arn);
    }

    @Test
    void rotationNeverMakesDataUnreadable() {
        table("Rotating");
        kms.rotateKeyOnDemand(r -> r.keyId(keyArn));
        advance("PT6M");
        assertEquals(ITEMS, count("Rotating"));
        ddb.putItem(r -> r.tableName("Rotating").item(item("pk", "new", "sk", 1)));
        kms.enableKeyRotation(r -> r.keyId(keyArn).rotationPeriodInDays(90));
        for (int i = 0; i < 7; i++) {
            advance("P13D"); // 91 days: the 90-day rotation comes due on the way
        }
        assertEquals(ITEMS + 1, count("Rotating"));
        assertEquals(TableStatus.ACTIVE, describe("Rotating").tableStatus());
    }

    @Test
    void keySwitchAfterRecoveryKeepsEveryItem() {
        table("Switching");
        String other = kms.createKey().keyMetadata().arn();
        kms.disableKey(r -> r.keyId(keyArn));
        fresh(c -> refusedRead(c, "Switching"));
        DynamoDbException noSwitch = assertThrows(DynamoDbException.class, () -> ddb.updateTable(r -> r
                .tableName("Switching").sseSpecification(EncryptedTablesTest.cmk(other))));
        assertEquals("AccessDeniedException", noSwitch.awsErrorDetails().errorCode(), "a switch needs the old key");
        assertEquals(keyArn, describe("Switching").sseDescription().kmsMasterKeyArn());
        kms.enableKey(r -> r.keyId(keyArn));
        assertEquals(ITEMS, count("Switching"));
        ddb.updateTable(r -> r.tableName("Switching").sseSpecification(EncryptedTablesTest.cmk(other)));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Switching"));
        kms.disableKey(r -> r.keyId(keyArn));
        assertEquals(ITEMS, count("Switching"), "the old key is no longer needed");
        assertEquals(other, describe("Switching").sseDescription().kmsMasterKeyArn());
    }

    @Test
    void faultArchivesAfterSixDays() {
        server.close();
        server = ReferenceServer.start(ServerOptions.defaults().withFaults(Set.of(Fault.ARCHIVE_AFTER_SIX_DAYS)));
        reconnect();
        table("Early");
        kms.disableKey(r -> r.keyId(keyArn));
        fresh(c -> refusedRead(c, "Early"));
        advance("P6DT1S");
        await().atMost(Duration.ofSeconds(5)).until(() -> describe("Early").tableStatus() == TableStatus.ARCHIVED);
    }

    @Test
    void notificationIsPostedToTheWebhook() {
        WireMockServer hook = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        hook.start();
        try {
            hook.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
            server.close();
            server = ReferenceServer.start(ServerOptions.defaults().withNotifyUrl(URI.create(hook.baseUrl() + "/hook")));
            reconnect();
            table("Hooked");
            kms.disableKey(r -> r.keyId(keyArn));
            fresh(c -> refusedRead(c, "Hooked"));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> hook.verify(1, postRequestedFor(urlEqualTo("/hook"))
                    .withHeader("content-type", equalTo("application/json"))
                    .withRequestBody(matchingJsonPath("$.tableName", equalTo("Hooked")))
                    .withRequestBody(matchingJsonPath("$.kmsKeyArn", equalTo(keyArn)))
                    .withRequestBody(matchingJsonPath("$.region", equalTo("us-east-1")))));
        } finally {
            hook.stop();
        }
    }

    @Test
    void restartWhileInaccessibleResumesTheArchivalDeadline(@TempDir Path dir) {
        restartable(dir);
        table("Durable");
        kms.disableKey(r -> r.keyId(keyArn));
        fresh(c -> refusedRead(c, "Durable"));
        advance("P5D");
        restartable(dir);
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, describe("Durable").tableStatus());
        advance("P2DT1S");
        await().atMost(Duration.ofSeconds(5)).until(() -> describe("Durable").tableStatus() == TableStatus.ARCHIVED);
        String backup = describe("Durable").archivalSummary().archivalBackupArn();
        restartable(dir);
        assertEquals(TableStatus.ARCHIVED, describe("Durable").tableStatus());
        kms.enableKey(r -> r.keyId(keyArn));
        ddb.restoreTableFromBackup(r -> r.backupArn(backup).targetTableName("Durable2"));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Durable2"));
        assertEquals(ITEMS, count("Durable2"));
    }

    /** A stop between ARCHIVING and ARCHIVED (the step that makes the backup) is finished at start-up. */
    @Test
    void restartWhileArchivingFinishesTheArchival(@TempDir Path dir) {
        restartable(dir);
        table("Halfway");
        kms.disableKey(r -> r.keyId(keyArn));
        fresh(c -> refusedRead(c, "Halfway"));
        server.close();
        Storage storage = Storage.open(dir);
        TableCatalog catalog = new TableCatalog(storage);
        TableRecord t = catalog.all().stream().filter(x -> x.name.equals("Halfway")).findFirst().orElseThrow();
        t.status = TableRecord.Status.ARCHIVING; // as a stop between the two steps leaves the record
        t.archivedAt = t.inaccessibleSince.plus(Duration.ofDays(7));
        t.archivalReason = "INACCESSIBLE_ENCRYPTION_CREDENTIALS";
        catalog.save(t);
        storage.close();

        server = ReferenceServer.start(ServerOptions.defaults().withDataDir(dir));
        reconnect();
        await().atMost(Duration.ofSeconds(5)).until(() -> describe("Halfway").tableStatus() == TableStatus.ARCHIVED);
        String backup = describe("Halfway").archivalSummary().archivalBackupArn();
        kms.enableKey(r -> r.keyId(keyArn));
        ddb.restoreTableFromBackup(r -> r.backupArn(backup).targetTableName("Whole"));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Whole"));
        assertEquals(ITEMS, count("Whole"));
    }

    private void restartable(Path dir) {
        server.close();
        server = ReferenceServer.start(ServerOptions.defaults().withDataDir(dir));
        reconnect();
    }

    private void reconnect() {
        ddb.close();
        kms.close();
        ddb = dynamo("test", "us-east-1");
        kms = client(software.amazon.awssdk.services.kms.KmsClient.builder(), "us-east-1");
    }
}

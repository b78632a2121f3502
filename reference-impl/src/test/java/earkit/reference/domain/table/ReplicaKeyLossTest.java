package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.reference.ServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaStatus;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.kms.KmsClient;

/** Key loss on a replica (EAR-GTR-001): INACCESSIBLE_ENCRYPTION_CREDENTIALS, then removal after 20 hours. */
class ReplicaKeyLossTest extends ReplicaTestBase {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;
    private ServerOptions opts = ServerOptions.defaults().withClockStart(START);

    @Override
    protected ServerOptions options() {
        return opts;
    }

    private String euKey;

    /** Orders in us-east-1 (its own CMK), eu-west-1 (CMK euKey) and ap-southeast-2 (its own CMK), with one item. */
    private void threeRegions() {
        String usKey = kms.createKey().keyMetadata().arn();
        euKey = euKms.createKey().keyMetadata().arn();
        createTable("Orders", null, EncryptedTablesTest.cmk(usKey));
        ddb.putItem(r -> r.tableName("Orders").item(item("pk", "a", "v", 1)));
        addReplica("Orders", "eu-west-1", euKey);
        try (KmsClient apKms = client(KmsClient.builder(), "ap-southeast-2")) {
            addReplica("Orders", "ap-southeast-2", apKms.createKey().keyMetadata().arn());
        }
    }

    private void restart() {
        closeRegionalClients();
        stopServer();
        startServer();
        regionalClients();
    }

    private List<String> regions(TableDescription d) {
        return d.replicas().stream().map(ReplicaDescription::regionName).sorted().toList();
    }

    /** A read of the replica on a new connection: no cached table key, so DynamoDB asks KMS and finds the key gone. */
    private void detectInEu(String table) {
        try (DynamoDbClient fresh = dynamo("test", "eu-west-1")) {
            DynamoDbException e = refused(() -> get(fresh, table, "a"));
            assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
        }
    }

    private void detectInEu() {
        detectInEu("Orders");
    }

    /** Without a request, or other work of DynamoDB's that needs the replica's key, nothing notices the loss. */
    @Test
    void aReplicaNobodyUsesIsNotFoundInaccessibleByPolling() {
        threeRegions();
        euKms.disableKey(r -> r.keyId(euKey));
        advance("P2D");
        assertEquals(ReplicaStatus.ACTIVE, replica(describe(ddb, "Orders"), "eu-west-1").replicaStatus());
        assertEquals(List.of("ap-southeast-2", "eu-west-1"), regions(describe(ddb, "Orders")));
        Instant detection = START.plus(Duration.ofDays(2));
        detectInEu();
        assertEquals(detection, replica(describe(ddb, "Orders"), "eu-west-1").replicaInaccessibleDateTime());
        advance("PT19H59M");
        assertEquals(List.of("ap-southeast-2", "eu-west-1"), regions(describe(ddb, "Orders")));
        advance("PT2M");
        assertEquals(List.of("ap-southeast-2"), regions(describe(ddb, "Orders")));
    }

    @Test
    void inaccessibleReplicaIsShownEverywhereAndCatchesUpWhenItsKeyComesBack() {
        threeRegions();
        euKms.disableKey(r -> r.keyId(euKey));
        advance("PT1H");
        detectInEu(); // DynamoDB notices when it next needs the key, not before
        Instant detected = START.plus(Duration.ofHours(1));

        for (var client : List.of(ddb, ap)) {
            ReplicaDescription r = replica(describe(client, "Orders"), "eu-west-1");
            assertEquals(ReplicaStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, r.replicaStatus());
            assertEquals(detected, r.replicaInaccessibleDateTime());
        }
        TableDescription euTable = describe(eu, "Orders");
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, euTable.tableStatus());
        assertEquals(detected, euTable.sseDescription().inaccessibleEncryptionDateTime());
        assertEquals(ReplicaStatus.ACTIVE, replica(euTable, "us-east-1").replicaStatus());

        ddb.putItem(r -> r.tableName("Orders").item(item("pk", "missed", "v", 2)));
        ap.deleteItem(r -> r.tableName("Orders").key(item("pk", "a")));
        assertNotNull(get(ap, "Orders", "missed"), "the healthy replicas keep replicating");
        DynamoDbException e = refused(() -> get(eu, "Orders", "missed"));
        assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());

        advance("PT19H"); // 20 hours not yet reached
        euKms.enableKey(r -> r.keyId(euKey));
        assertEquals("2", get(eu, "Orders", "missed").get("v").n(), "the replica caught up on the write it missed");
        assertNull(get(eu, "Orders", "a"), "and on the delete");
        TableDescription us = describe(ddb, "Orders");
        assertEquals(ReplicaStatus.ACTIVE, replica(us, "eu-west-1").replicaStatus());
        assertNull(replica(us, "eu-west-1").replicaInaccessibleDateTime());

        advance("PT2H"); // past the old 20-hour deadline: it was cancelled
        assertEquals(List.of("ap-southeast-2", "eu-west-1"), regions(describe(ddb, "Orders")));
        eu.putItem(r -> r.tableName("Orders").item(item("pk", "fromEu")));
        assertNotNull(get(ddb, "Orders", "fromEu"));
        assertNotNull(get(ap, "Orders", "fromEu"));
    }

    @Test
    void after19Hours59MinutesTheReplicaIsStillAMemberAfter20Hours1MinuteItIsRemovedButNotDeleted() {
        threeRegions();
        euKms.disableKey(r -> r.keyId(euKey));
        advance("PT1H");
        detectInEu();

        advance("PT19H59M");
        assertEquals(List.of("ap-southeast-2", "eu-west-1"), regions(describe(ddb, "Orders")));
        assertEquals(ReplicaStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, replica(describe(ap, "Orders"), "eu-west-1").replicaStatus());

        advance("PT2M");
        assertEquals(List.of("ap-southeast-2"), regions(describe(ddb, "Orders")));
        assertEquals(List.of("us-east-1"), regions(describe(ap, "Orders")));
        assertEquals("2019.11.21", describe(ddb, "Orders").globalTableVersion());
        TableDescription euTable = describe(eu, "Orders");
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, euTable.tableStatus(), "the table in eu-west-1 remains");
        assertTrue(euTable.replicas().isEmpty());
        assertNull(euTable.globalTableVersion());

        ddb.putItem(r -> r.tableName("Orders").item(item("pk", "after", "v", 3)));
        assertEquals("3", get(ap, "Orders", "after").get("v").n(), "the others keep replicating among themselves");

        euKms.enableKey(r -> r.keyId(euKey));
        assertEquals("1", get(eu, "Orders", "a").get("v").n(), "the former replica is readable again, as it was");
        assertNull(get(eu, "Orders", "after"), "replication to it stopped");
        assertEquals(TableStatus.ACTIVE, describe(eu, "Orders").tableStatus());
        eu.putItem(r -> r.tableName("Orders").item(item("pk", "euOnly")));
        assertNull(get(ddb, "Orders", "euOnly"), "and from it");
        assertNull(get(ap, "Orders", "euOnly"));
    }

    @Test
    void detectionThroughAKeptAliveConnectionAfterTheRefreshDeadline() {
        threeRegions();
        eu.getItem(r -> r.tableName("Orders").key(item("pk", "a")));
        euKms.disableKey(r -> r.keyId(euKey));
        assertNotNull(get(eu, "Orders", "a"), "the connection's cached key still works");
        advance("PT5M");
        DynamoDbException e = refused(() -> get(eu, "Orders", "a"));
        assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
        ReplicaDescription r = replica(describe(ddb, "Orders"), "eu-west-1");
        assertEquals(ReplicaStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, r.replicaStatus());
        assertEquals(START.plus(Duration.ofMinutes(5)), r.replicaInaccessibleDateTime());
        advance("PT20H");
        assertEquals(List.of("ap-southeast-2"), regions(describe(ddb, "Orders")));
    }

    @Test
    void twoRegionGroupDissolvesWhenItsReplicaIsRemoved() {
        String usKey = kms.createKey().keyMetadata().arn();
        euKey = euKms.createKey().keyMetadata().arn();
        createTable("Pair", null, EncryptedTablesTest.cmk(usKey));
        addReplica("Pair", "eu-west-1", euKey);
        euKms.scheduleKeyDeletion(r -> r.keyId(euKey).pendingWindowInDays(7));
        advance("PT1H");
        detectInEu("Pair");
        advance("PT20H1M");
        TableDescription us = describe(ddb, "Pair");
        assertNull(us.globalTableVersion());
        assertTrue(us.replicas().isEmpty());
        assertEquals(TableStatus.ACTIVE, us.tableStatus());
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, describe(eu, "Pair").tableStatus());
    }

    @Test
    void restartWithDataDirKeepsTheGroupAndTheRemovalDeadline() {
        opts = ServerOptions.defaults().withClockStart(START).withDataDir(dir);
        restart();
        threeRegions();
        euKms.disableKey(r -> r.keyId(euKey));
        advance("PT1H");
        detectInEu();
        restart();
        assertEquals(ReplicaStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, replica(describe(ddb, "Orders"), "eu-west-1").replicaStatus());
        ddb.putItem(r -> r.tableName("Orders").item(item("pk", "x")));
        assertNotNull(get(ap, "Orders", "x"));
        advance("PT20H1M");
        assertEquals(List.of("ap-southeast-2"), regions(describe(ddb, "Orders")));
    }
}

package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaStatus;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Global tables version 2019.11.21: replicas in other regions of the same process, each under its own regional key. */
class GlobalTablesTest extends ReplicaTestBase {
    @Test
    void replicaUnderItsOwnRegionalKeyGetsTheItemsAndWritesGoBothWays() {
        String usKey = kms.createKey().keyMetadata().arn();
        String euKey = euKms.createKey().keyMetadata().arn();
        createTable("Orders", null, EncryptedTablesTest.cmk(usKey));
        ddb.putItem(r -> r.tableName("Orders").item(item("pk", "before", "v", "1")));

        TableDescription answer = addReplica("Orders", "eu-west-1", euKey).tableDescription();
        assertEquals("2019.11.21", answer.globalTableVersion());
        assertEquals(ReplicaStatus.CREATING, replica(answer, "eu-west-1").replicaStatus());
        assertEquals(euKey, replica(answer, "eu-west-1").kmsMasterKeyId());

        eu.waiter().waitUntilTableExists(r -> r.tableName("Orders"));
        TableDescription euTable = describe(eu, "Orders");
        assertEquals(TableStatus.ACTIVE, euTable.tableStatus());
        assertEquals(euKey, euTable.sseDescription().kmsMasterKeyArn(), "the replica's own regional key");
        assertEquals("2019.11.21", euTable.globalTableVersion());
        assertEquals(List.of("us-east-1"), euTable.replicas().stream().map(ReplicaDescription::regionName).toList());
        assertEquals(ReplicaStatus.ACTIVE, replica(euTable, "us-east-1").replicaStatus());
        assertEquals(usKey, replica(euTable, "us-east-1").kmsMasterKeyId());
        assertEquals(ReplicaStatus.ACTIVE, replica(describe(ddb, "Orders"), "eu-west-1").replicaStatus());
        assertTrue(eu.listTables().tableNames().contains("Orders"));

        assertEquals("1", get(eu, "Orders", "before").get("v").s(), "existing items are copied to the new replica");
        ddb.putItem(r -> r.tableName("Orders").item(item("pk", "us", "v", 2)));
        assertEquals("2", get(eu, "Orders", "us").get("v").n(), "a write acknowledged in us-east-1 is in eu-west-1");
        eu.updateItem(r -> r.tableName("Orders").key(item("pk", "us")).updateExpression("SET v = v + :one")
                .expressionAttributeValues(Map.of(":one", n("1"))));
        assertEquals("3", get(ddb, "Orders", "us").get("v").n(), "and back");
        eu.deleteItem(r -> r.tableName("Orders").key(item("pk", "before")));
        assertNull(get(ddb, "Orders", "before"));

        try (CloudTrailClient euTrail = client(CloudTrailClient.builder(), "eu-west-1")) {
            List<Event> generated = euTrail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME)
                    .attributeValue("GenerateDataKey"))).events();
            assertTrue(generated.stream().anyMatch(e -> e.cloudTrailEvent().contains(euKey)
                            && e.cloudTrailEvent().contains("\"aws:dynamodb:tableName\":\"Orders\"")),
                    "the replica's table key comes from its regional KMS key: " + generated);
        }
    }

    @Test
    void awsManagedAndOwnedKeyTablesGetReplicasOfTheSameKind() {
        createTable("Managed", null, SSESpecification.builder().enabled(true).build());
        addReplica("Managed", "eu-west-1", null);
        String euManaged = describe(eu, "Managed").sseDescription().kmsMasterKeyArn();
        assertTrue(euManaged.startsWith("arn:aws:kms:eu-west-1:000000000000:key/"), euManaged);
        assertEquals(euKms.describeKey(r -> r.keyId("alias/aws/dynamodb")).keyMetadata().arn(), euManaged);

        createTable("Owned", null);
        addReplica("Owned", "eu-west-1", null);
        assertNull(describe(eu, "Owned").sseDescription());
        assertNull(replica(describe(ddb, "Owned"), "eu-west-1").kmsMasterKeyId());
        ddb.putItem(r -> r.tableName("Owned").item(item("pk", "x")));
        assertTrue(get(eu, "Owned", "x") != null);
    }

    @Test
    void replicaKeysAreCheckedAsAwsChecksThem() {
        String usKey = kms.createKey().keyMetadata().arn();
        createTable("Keys", null, EncryptedTablesTest.cmk(usKey));

        DynamoDbException e = refused(() -> addReplica("Keys", "eu-west-1", null));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertEquals("One or more parameter values were invalid: KMSMasterKeyId must be specified for each replica.",
                e.awsErrorDetails().errorMessage());

        e = refused(() -> addReplica("Keys", "eu-west-1", usKey));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode(), "a key of another region");
        assertTrue(e.awsErrorDetails().errorMessage().contains("NotFoundException"), e.awsErrorDetails().errorMessage());

        e = refused(() -> addReplica("Keys", "eu-west-1", ""));
        assertEquals("1 validation error detected: Value '' at 'replicaUpdates.1.member.create.kMSMasterKeyId' failed to "
                + "satisfy constraint: Member must have length greater than or equal to 1", e.awsErrorDetails().errorMessage());
        assertEquals(400, e.statusCode());

        e = refused(() -> addReplica("Keys", "us-east-1", usKey));
        assertEquals("Failed to create a the new replica of table with name: 'Keys' because one or more replicas "
                + "already existed as tables.", e.awsErrorDetails().errorMessage());

        e = refused(() -> addReplica("Keys", "mars-1", usKey));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertTrue(eu.listTables().tableNames().isEmpty(), "no refused attempt leaves a table behind");

        String euKey = euKms.createKey().keyMetadata().arn();
        addReplica("Keys", "eu-west-1", euKey);
        String otherUsKey = kms.createKey().keyMetadata().arn();
        e = refused(() -> ddb.updateTable(r -> r.tableName("Keys").sseSpecification(EncryptedTablesTest.cmk(otherUsKey))));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertEquals("Invalid operation: Customer Managed CMKs on Global Table Version 2019.11.21 replicas cannot be "
                + "updated through SSESpecification parameter and can only be updated through ReplicaUpdates parameter",
                e.awsErrorDetails().errorMessage());

        e = refused(() -> ddb.updateTable(r -> r.tableName("Keys").replicaUpdates(u -> u.update(x -> x.regionName("eu-west-1").kmsMasterKeyId("")))));
        assertEquals("1 validation error detected: Value '' at 'replicaUpdates.1.member.update.kMSMasterKeyId' failed to "
                + "satisfy constraint: Member must have length greater than or equal to 1", e.awsErrorDetails().errorMessage());
    }

    @Test
    void replicaKeyChangesThroughReplicaUpdatesAndReplicasAreDeleted() {
        String usKey = kms.createKey().keyMetadata().arn();
        String euKey = euKms.createKey().keyMetadata().arn();
        String euKey2 = euKms.createKey().keyMetadata().arn();
        createTable("Rekey", null, EncryptedTablesTest.cmk(usKey));
        addReplica("Rekey", "eu-west-1", euKey);
        ddb.putItem(r -> r.tableName("Rekey").item(item("pk", "a")));

        ddb.updateTable(r -> r.tableName("Rekey").replicaUpdates(u -> u.update(x -> x.regionName("eu-west-1").kmsMasterKeyId(euKey2))));
        eu.waiter().waitUntilTableExists(r -> r.tableName("Rekey"));
        assertEquals(euKey2, describe(eu, "Rekey").sseDescription().kmsMasterKeyArn());
        assertEquals(euKey2, replica(describe(ddb, "Rekey"), "eu-west-1").kmsMasterKeyId());
        assertTrue(get(eu, "Rekey", "a") != null);

        DynamoDbException e = refused(() -> ddb.updateTable(r -> r.tableName("Rekey")
                .replicaUpdates(u -> u.delete(x -> x.regionName("ap-southeast-2")))));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());

        ddb.updateTable(r -> r.tableName("Rekey").replicaUpdates(u -> u.delete(x -> x.regionName("eu-west-1"))));
        eu.waiter().waitUntilTableNotExists(r -> r.tableName("Rekey"));
        TableDescription us = describe(ddb, "Rekey");
        assertNull(us.globalTableVersion());
        assertTrue(us.replicas().isEmpty());
        ddb.putItem(r -> r.tableName("Rekey").item(item("pk", "b")));
    }

    @Test
    void deletingAReplicaTableTakesItOutOfTheGroup() {
        createTable("Gone", null);
        addReplica("Gone", "eu-west-1", null);
        addReplica("Gone", "ap-southeast-2", null);
        assertEquals(2, describe(ddb, "Gone").replicas().size());
        eu.deleteTable(r -> r.tableName("Gone"));
        eu.waiter().waitUntilTableNotExists(r -> r.tableName("Gone"));
        assertEquals(List.of("ap-southeast-2"), describe(ddb, "Gone").replicas().stream().map(ReplicaDescription::regionName).toList());
        ddb.putItem(r -> r.tableName("Gone").item(item("pk", "still")));
        assertTrue(get(ap, "Gone", "still") != null);
    }

    @Test
    void malformedReplicaUpdatesAreRefused() {
        createTable("Bad", null);
        DynamoDbException e = refused(() -> ddb.updateTable(r -> r.tableName("Bad").replicaUpdates(List.of())));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        e = refused(() -> ddb.updateTable(r -> r.tableName("Bad").replicaUpdates(u -> u.create(c -> c.regionName("eu-west-1"))
                .delete(d -> d.regionName("eu-west-1")))));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        e = refused(() -> ddb.updateTable(r -> r.tableName("Missing").replicaUpdates(u -> u.create(c -> c.regionName("eu-west-1")))));
        assertEquals("ResourceNotFoundException", e.awsErrorDetails().errorCode());
        e = refused(() -> ddb.updateTable(r -> r.tableName("Bad").billingMode("PAY_PER_REQUEST")
                .replicaUpdates(u -> u.create(c -> c.regionName("eu-west-1")))));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
    }

    @Test
    void concurrentWritesInTwoRegionsAllArriveEverywhere() throws Exception {
        createTable("Busy", null);
        addReplica("Busy", "eu-west-1", null);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    try (var client = dynamo("test", thread % 2 == 0 ? "us-east-1" : "eu-west-1");
                         var other = dynamo("test", thread % 2 == 0 ? "eu-west-1" : "us-east-1")) {
                        for (int i = 0; i < 25; i++) {
                            String pk = thread + "-" + i;
                            client.putItem(r -> r.tableName("Busy").item(item("pk", pk)));
                            if (get(other, "Busy", pk) == null) {
                                throw new AssertionError(pk + " acknowledged but not yet in the other region");
                            }
                        }
                    }
                }));
            }
            for (var f : done) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(100, ddb.scan(r -> r.tableName("Busy")).count());
        assertEquals(100, eu.scan(r -> r.tableName("Busy")).count());
    }

    @Test
    void globalSecondaryIndexesAndBillingAreKeptAligned() {
        createTable("Aligned", null);
        addReplica("Aligned", "eu-west-1", null);
        ddb.putItem(r -> r.tableName("Aligned").item(item("pk", "a", "city", "Lyon")));
        ddb.updateTable(r -> r.tableName("Aligned")
                .attributeDefinitions(a -> a.attributeName("city").attributeType("S"))
                .globalSecondaryIndexUpdates(g -> g.create(c -> c.indexName("byCity")
                        .keySchema(k -> k.attributeName("city").keyType("HASH"))
                        .projection(p -> p.projectionType("ALL")))));
        eu.waiter().waitUntilTableExists(r -> r.tableName("Aligned"));
        assertEquals(List.of("byCity"), describe(eu, "Aligned").globalSecondaryIndexes().stream()
                .map(software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription::indexName).toList());
        eu.putItem(r -> r.tableName("Aligned").item(item("pk", "b", "city", "Lyon")));
        assertEquals(2, eu.query(r -> r.tableName("Aligned").indexName("byCity").keyConditionExpression("city = :c")
                .expressionAttributeValues(Map.of(":c", s("Lyon")))).count());
        assertEquals(2, ddb.query(r -> r.tableName("Aligned").indexName("byCity").keyConditionExpression("city = :c")
                .expressionAttributeValues(Map.of(":c", s("Lyon")))).count());

        ddb.updateTable(r -> r.tableName("Aligned").deletionProtectionEnabled(true));
        assertFalse(describe(eu, "Aligned").deletionProtectionEnabled(), "deletion protection stays per replica");
    }
}

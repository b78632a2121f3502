package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.SSEStatus;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.kms.model.GrantListEntry;
import software.amazon.awssdk.services.kms.model.GrantOperation;

/** Tables under each kind of key, the KMS calls the store makes, key switches and their quota. */
class EncryptedTablesTest extends StoreTestBase {

    static SSESpecification cmk(String keyId) {
        return SSESpecification.builder().enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(keyId).build();
    }

    private SSEDescription sse(String table) {
        return ddb.describeTable(r -> r.tableName(table)).table().sseDescription();
    }

    @Test
    void awsManagedKeyIsCreatedOnFirstUseAndReported() {
        TableDescription d = createTable("Managed", null, SSESpecification.builder().enabled(true).build());
        String managedArn = kms.describeKey(r -> r.keyId("alias/aws/dynamodb")).keyMetadata().arn();
        assertEquals(SSEStatus.ENABLED, d.sseDescription().status());
        assertEquals(SSEType.KMS, d.sseDescription().sseType());
        assertEquals(managedArn, d.sseDescription().kmsMasterKeyArn());
        ddb.putItem(r -> r.tableName("Managed").item(item("pk", "a", "v", "1")));
        assertEquals("1", ddb.getItem(r -> r.tableName("Managed").key(item("pk", "a"))).item().get("v").s());
        createTable("Managed2", null, SSESpecification.builder().enabled(true).sseType(SSEType.KMS).build());
        assertEquals(managedArn, sse("Managed2").kmsMasterKeyArn());
    }

    @Test
    void customerKeyByIdArnAliasAndAliasArnIsAlwaysTheKeyArn() {
        var key = kms.createKey().keyMetadata();
        kms.createAlias(r -> r.aliasName("alias/tables").targetKeyId(key.keyId()));
        String aliasArn = "arn:aws:kms:us-east-1:000000000000:alias/tables";
        List<String> ids = List.of(key.keyId(), key.arn(), "alias/tables", aliasArn);
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            TableDescription d = createTable("Cmk" + i, null, cmk(id));
            assertEquals(key.arn(), d.sseDescription().kmsMasterKeyArn(), id);
        }
        List<GrantListEntry> grants = kms.listGrants(r -> r.keyId(key.keyId())).grants();
        assertEquals(4, grants.size());
        GrantListEntry g = grants.get(0);
        assertEquals("dynamodb.us-east-1.amazonaws.com", g.granteePrincipal());
        assertEquals("dynamodb.us-east-1.amazonaws.com", g.retiringPrincipal());
        assertEquals(Set.of(GrantOperation.DESCRIBE_KEY, GrantOperation.GENERATE_DATA_KEY, GrantOperation.DECRYPT,
                GrantOperation.ENCRYPT, GrantOperation.RE_ENCRYPT_FROM, GrantOperation.RE_ENCRYPT_TO,
                GrantOperation.RETIRE_GRANT), Set.copyOf(g.operations()));
        assertTrue(g.constraints().encryptionContextSubset().containsKey("aws:dynamodb:tableName"));
        assertEquals("000000000000", g.constraints().encryptionContextSubset().get("aws:dynamodb:subscriberId"));

        var generate = kmsEvents("GenerateDataKey");
        assertEquals(4, generate.size());
        assertTrue(generate.get(0).cloudTrailEvent().contains("\"invokedBy\":\"dynamodb.amazonaws.com\""));
        assertTrue(generate.get(0).cloudTrailEvent().contains("AES_256"));

        ddb.deleteTable(r -> r.tableName("Cmk0"));
        ddb.waiter().waitUntilTableNotExists(r -> r.tableName("Cmk0"));
        await().atMost(Duration.ofSeconds(5)).until(() -> kms.listGrants(r -> r.keyId(key.keyId())).grants().size() == 3);
    }

    @Test
    void unusableKeysAreRefusedAtCreation() {
        DynamoDbException unknown = assertThrows(DynamoDbException.class,
                () -> createTable("Unknown", null, cmk("arn:aws:kms:us-east-1:000000000000:key/00000000-0000-0000-0000-000000000000")));
        assertEquals("ValidationException", unknown.awsErrorDetails().errorCode());
        assertTrue(unknown.awsErrorDetails().errorMessage().startsWith("KMS validation error: com.amazonaws.services.kms.model.NotFoundException: "),
                unknown.awsErrorDetails().errorMessage());

        String disabled = kms.createKey().keyMetadata().keyId();
        kms.disableKey(r -> r.keyId(disabled));
        DynamoDbException off = assertThrows(DynamoDbException.class, () -> createTable("Disabled", null, cmk(disabled)));
        assertEquals("ValidationException", off.awsErrorDetails().errorCode());
        assertTrue(off.awsErrorDetails().errorMessage().contains("DisabledException"));

        String pending = kms.createKey().keyMetadata().keyId();
        kms.scheduleKeyDeletion(r -> r.keyId(pending).pendingWindowInDays(7));
        DynamoDbException deleting = assertThrows(DynamoDbException.class, () -> createTable("Pending", null, cmk(pending)));
        assertTrue(deleting.awsErrorDetails().errorMessage().contains("is pending deletion"));

        DynamoDbException elsewhere = assertThrows(DynamoDbException.class, () -> createTable("Elsewhere", null,
                cmk("arn:aws:kms:eu-west-1:000000000000:key/11111111-1111-1111-1111-111111111111")));
        assertEquals("ValidationException", elsewhere.awsErrorDetails().errorCode());
        assertTrue(ddb.listTables().tableNames().isEmpty());
    }

    @Test
    void switchingKeysShowsUpdatingThenTheNewKeyAndKeepsTheData() {
        createTable("Switch", null);
        ddb.putItem(r -> r.tableName("Switch").item(item("pk", "a", "v", "kept")));
        String k1 = kms.createKey().keyMetadata().arn();
        String k2 = kms.createKey().keyMetadata().arn();

        SSEDescription toK1 = ddb.updateTable(r -> r.tableName("Switch").sseSpecification(cmk(k1))).tableDescription().sseDescription();
        assertEquals(SSEStatus.UPDATING, toK1.status());
        assertNull(toK1.kmsMasterKeyArn());
        await().atMost(Duration.ofSeconds(5)).until(() -> sse("Switch").status() == SSEStatus.ENABLED);
        assertEquals(k1, sse("Switch").kmsMasterKeyArn());

        SSEDescription toK2 = ddb.updateTable(r -> r.tableName("Switch").sseSpecification(cmk(k2))).tableDescription().sseDescription();
        assertEquals(SSEStatus.UPDATING, toK2.status());
        assertEquals(k1, toK2.kmsMasterKeyArn());
        await().atMost(Duration.ofSeconds(5)).until(() -> sse("Switch").status() == SSEStatus.ENABLED);
        assertEquals(k2, sse("Switch").kmsMasterKeyArn());
        await().atMost(Duration.ofSeconds(5)).until(() -> kms.listGrants(r -> r.keyId(k1)).grants().isEmpty());
        kms.disableKey(r -> r.keyId(k1));
        assertEquals("kept", ddb.getItem(r -> r.tableName("Switch").key(item("pk", "a"))).item().get("v").s());

        SSEDescription toOwned = ddb.updateTable(r -> r.tableName("Switch").sseSpecification(s -> s.enabled(false)))
                .tableDescription().sseDescription();
        assertEquals(SSEStatus.UPDATING, toOwned.status());
        assertEquals(k2, toOwned.kmsMasterKeyArn());
        await().atMost(Duration.ofSeconds(5)).until(() -> sse("Switch") == null);
        kms.disableKey(r -> r.keyId(k2));
        assertEquals("kept", ddb.getItem(r -> r.tableName("Switch").key(item("pk", "a"))).item().get("v").s());
    }

    @Test
    void switchQuotaIsFourPerWindowThenOneEverySixHoursAndTheOwnedKeyIsAlwaysAllowed() {
        createTable("Quota", null);
        String a = kms.createKey().keyMetadata().arn();
        String b = kms.createKey().keyMetadata().arn();
        for (int i = 0; i < 4; i++) {
            String target = i % 2 == 0 ? a : b;
            ddb.updateTable(r -> r.tableName("Quota").sseSpecification(cmk(target)));
            await().atMost(Duration.ofSeconds(5)).until(() -> sse("Quota").status() == SSEStatus.ENABLED);
            advance("PT1H");
        }
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> ddb.updateTable(r -> r.tableName("Quota").sseSpecification(cmk(a))));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("Subscriber limit exceeded: Encryption mode changes are limited in the 24h window ending at 2026-01-02T00:00:00Z. "),
                e.awsErrorDetails().errorMessage());
        assertTrue(e.awsErrorDetails().errorMessage().endsWith("can be performed at most once every 21600 seconds. Number of updates today: 4"));

        advance("PT5H");
        ddb.updateTable(r -> r.tableName("Quota").sseSpecification(cmk(a)));
        await().atMost(Duration.ofSeconds(5)).until(() -> sse("Quota").status() == SSEStatus.ENABLED);
        assertThrows(LimitExceededException.class, () -> ddb.updateTable(r -> r.tableName("Quota").sseSpecification(cmk(b))));
        ddb.updateTable(r -> r.tableName("Quota").sseSpecification(s -> s.enabled(false)));
        await().atMost(Duration.ofSeconds(5)).until(() -> sse("Quota") == null);
    }

    @Test
    void aCallerWithoutRightsOnTheKeyIsDeniedButMayUseTheManagedKey() {
        String key = kms.createKey().keyMetadata().arn();
        try (var restricted = dynamo("restricted", "us-east-1")) {
            DynamoDbException e = assertThrows(DynamoDbException.class, () -> restricted.createTable(r -> r.tableName("NotMine")
                    .billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                    .sseSpecification(cmk(key))));
            assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
            assertEquals(400, e.statusCode());
            assertTrue(e.awsErrorDetails().errorMessage().startsWith("KMS key access denied error: "), e.awsErrorDetails().errorMessage());
            restricted.createTable(r -> r.tableName("ManagedByRestricted")
                    .billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                    .sseSpecification(s -> s.enabled(true)));
            restricted.waiter().waitUntilTableExists(r -> r.tableName("ManagedByRestricted"));
            restricted.putItem(r -> r.tableName("ManagedByRestricted").item(item("pk", "a")));
            assertEquals(1, restricted.scan(r -> r.tableName("ManagedByRestricted")).count());
        }
    }

    @Test
    void theOwnedKeyMakesNoKmsCall() {
        int before = trail.lookupEvents().events().size();
        createTable("Quiet", null);
        ddb.putItem(r -> r.tableName("Quiet").item(item("pk", "a")));
        ddb.getItem(r -> r.tableName("Quiet").key(item("pk", "a")));
        ddb.deleteTable(r -> r.tableName("Quiet"));
        assertEquals(before, trail.lookupEvents().events().size());
    }
}

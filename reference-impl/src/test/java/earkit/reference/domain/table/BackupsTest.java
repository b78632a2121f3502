package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.BackupDescription;
import software.amazon.awssdk.services.dynamodb.model.BackupDetails;
import software.amazon.awssdk.services.dynamodb.model.BackupNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.BackupStatus;
import software.amazon.awssdk.services.dynamodb.model.BackupType;
import software.amazon.awssdk.services.dynamodb.model.BackupTypeFilter;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;

/** On-demand backups: the key of the moment they are made (S24, S25), restore with and without override. */
class BackupsTest extends StoreTestBase {

    private String newKey() {
        return kms.createKey().keyMetadata().arn();
    }

    private void fill(String table, int n) {
        for (int i = 0; i < n; i++) {
            int k = i;
            ddb.putItem(r -> r.tableName(table).item(item("pk", "p" + k, "sk", k, "secret", "backup-marker-" + k)));
        }
    }

    private List<Map<String, AttributeValue>> scan(String table) {
        return ddb.scan(r -> r.tableName(table)).items();
    }

    @Test
    void backupKeepsTheKeyOfItsMomentAndRestoresUnderIt() {
        String keyA = newKey();
        String keyB = newKey();
        createTable("Orders", ScalarAttributeType.N, EncryptedTablesTest.cmk(keyA));
        fill("Orders", 5);
        BackupDetails made = ddb.createBackup(r -> r.tableName("Orders").backupName("nightly")).backupDetails();
        assertEquals(BackupStatus.AVAILABLE, made.backupStatus());
        assertEquals(BackupType.USER, made.backupType());
        assertTrue(made.backupArn().startsWith("arn:aws:dynamodb:us-east-1:000000000000:table/Orders/backup/"), made.backupArn());

        ddb.updateTable(r -> r.tableName("Orders").sseSpecification(EncryptedTablesTest.cmk(keyB)));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Orders"));
        assertEquals(keyB, ddb.describeTable(r -> r.tableName("Orders")).table().sseDescription().kmsMasterKeyArn());

        BackupDescription d = ddb.describeBackup(r -> r.backupArn(made.backupArn())).backupDescription();
        assertEquals(keyA, d.sourceTableFeatureDetails().sseDescription().kmsMasterKeyArn(), "S25: the backup keeps key A");
        assertEquals("Orders", d.sourceTableDetails().tableName());
        assertEquals(5L, d.sourceTableDetails().itemCount());
        assertEquals("pk", d.sourceTableDetails().keySchema().get(0).attributeName());

        kms.disableKey(r -> r.keyId(keyA));
        DynamoDbException refused = assertThrows(DynamoDbException.class, () -> ddb.restoreTableFromBackup(r -> r
                .backupArn(made.backupArn()).targetTableName("Restored")));
        assertEquals("ValidationException", refused.awsErrorDetails().errorCode(), refused.getMessage());
        assertTrue(refused.getMessage().contains("KMS validation error") && refused.getMessage().contains("DisabledException"),
                refused.getMessage());

        kms.enableKey(r -> r.keyId(keyA));
        TableDescription restored = ddb.restoreTableFromBackup(r -> r.backupArn(made.backupArn())
                .targetTableName("Restored")).tableDescription();
        assertEquals(made.backupArn(), restored.restoreSummary().sourceBackupArn());
        assertEquals(keyA, restored.sseDescription().kmsMasterKeyArn(), "J6: without override the backup's key");
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Restored"));
        assertEquals(5, scan("Restored").size());
        assertEquals("backup-marker-3", ddb.getItem(r -> r.tableName("Restored").key(item("pk", "p3", "sk", 3)))
                .item().get("secret").s());
    }

    @Test
    void restoreOverrideChoosesTheNewTablesKey() {
        createTable("Src", null, EncryptedTablesTest.cmk(newKey()));
        fill("Src", 3);
        String arn = ddb.createBackup(r -> r.tableName("Src").backupName("bk1")).backupDetails().backupArn();
        TableDescription owned = ddb.restoreTableFromBackup(r -> r.backupArn(arn).targetTableName("Owned")
                .sseSpecificationOverride(s -> s.enabled(false))).tableDescription();
        assertNull(owned.sseDescription());
        String other = newKey();
        TableDescription cmk = ddb.restoreTableFromBackup(r -> r.backupArn(arn).targetTableName("OtherKey")
                .sseSpecificationOverride(EncryptedTablesTest.cmk(other))).tableDescription();
        assertEquals(other, cmk.sseDescription().kmsMasterKeyArn());
        ddb.waiter().waitUntilTableExists(r -> r.tableName("OtherKey"));
        assertEquals(3, scan("Owned").size());
        assertEquals(3, scan("OtherKey").size());
        assertThrows(TableAlreadyExistsException.class, () -> ddb.restoreTableFromBackup(r -> r.backupArn(arn)
                .targetTableName("Owned")));
    }

    @Test
    void restoredTableRebuildsItsIndexes() {
        ddb.createTable(r -> r.tableName("Indexed").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("g").attributeType(ScalarAttributeType.S).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                        .keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Indexed"));
        for (int i = 0; i < 6; i++) {
            int k = i;
            ddb.putItem(r -> r.tableName("Indexed").item(item("pk", "p" + k, "g", k % 2 == 0 ? "even" : "odd")));
        }
        String arn = ddb.createBackup(r -> r.tableName("Indexed").backupName("idx")).backupDetails().backupArn();
        assertEquals("byG", ddb.describeBackup(r -> r.backupArn(arn)).backupDescription().sourceTableFeatureDetails()
                .globalSecondaryIndexes().get(0).indexName());
        ddb.restoreTableFromBackup(r -> r.backupArn(arn).targetTableName("Indexed2"));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Indexed2"));
        assertEquals(3, ddb.query(r -> r.tableName("Indexed2").indexName("byG").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", s("odd")))).count());
    }

    @Test
    void listDeleteAndRefusals() {
        createTable("TabOne", null);
        fill("TabOne", 2);
        String a = ddb.createBackup(r -> r.tableName("TabOne").backupName("first")).backupDetails().backupArn();
        advance("PT1S");
        String b = ddb.createBackup(r -> r.tableName("TabOne").backupName("second")).backupDetails().backupArn();
        assertEquals(List.of(a, b), ddb.listBackups(r -> r.tableName("TabOne")).backupSummaries().stream()
                .map(x -> x.backupArn()).toList());
        assertEquals(1, ddb.listBackups(r -> r.tableName("TabOne").limit(1)).backupSummaries().size());
        assertEquals(a, ddb.listBackups(r -> r.tableName("TabOne").limit(1)).lastEvaluatedBackupArn());
        assertEquals(0, ddb.listBackups(r -> r.backupType(BackupTypeFilter.SYSTEM)).backupSummaries().size());

        BackupDescription deleted = ddb.deleteBackup(r -> r.backupArn(a)).backupDescription();
        assertEquals(BackupStatus.DELETED, deleted.backupDetails().backupStatus());
        assertThrows(BackupNotFoundException.class, () -> ddb.describeBackup(r -> r.backupArn(a)));
        assertThrows(BackupNotFoundException.class, () -> ddb.restoreTableFromBackup(r -> r.backupArn(a).targetTableName("XOne")));
        assertEquals(List.of(b), ddb.listBackups(r -> r.tableName("TabOne")).backupSummaries().stream()
                .map(x -> x.backupArn()).toList());
        assertThrows(TableNotFoundException.class, () -> ddb.createBackup(r -> r.tableName("Nope").backupName("xyz")));
        DynamoDbException bad = assertThrows(DynamoDbException.class, () -> ddb.createBackup(r -> r.tableName("TabOne").backupName("a")));
        assertEquals("ValidationException", bad.awsErrorDetails().errorCode());
    }

    @Test
    void backupsAreStoredOnlyAsCiphertextAndOutliveTheirTable() {
        createTable("Secretive", ScalarAttributeType.N, EncryptedTablesTest.cmk(newKey()));
        fill("Secretive", 4);
        String arn = ddb.createBackup(r -> r.tableName("Secretive").backupName("keep")).backupDetails().backupArn();
        ddb.deleteTable(r -> r.tableName("Secretive"));
        ddb.waiter().waitUntilTableNotExists(r -> r.tableName("Secretive"));
        String found = control("/_kit/storage/find", "{\"needles\":[\"backup-marker-\"]}");
        assertTrue(found.contains("\"found\":[]"), found);
        ddb.restoreTableFromBackup(r -> r.backupArn(arn).targetTableName("Secretive"));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Secretive"));
        assertEquals(4, scan("Secretive").size());
    }
}

package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** The table API of the encrypted store through the SDK: status transitions, key kinds, regions, accounts, deletion and updates. */
class TableApiTest extends StoreTestBase {

    @Test
    void ownedKeyTableIsCreatingThenActiveWithoutSseDescription() {
        TableDescription created = ddb.createTable(CreateTableRequest.builder().tableName("Music")
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST).build()).tableDescription();
        assertEquals(TableStatus.CREATING, created.tableStatus());
        assertNull(created.sseDescription());
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Music"));
        TableDescription d = ddb.describeTable(r -> r.tableName("Music")).table();
        assertEquals(TableStatus.ACTIVE, d.tableStatus());
        assertNull(d.sseDescription());
        assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/Music", d.tableArn());
        assertEquals(BillingMode.PAY_PER_REQUEST, d.billingModeSummary().billingMode());
        assertEquals(java.util.List.of("Music"), ddb.listTables().tableNames());
    }

    @Test
    void sseEnabledFalseIsTheOwnedKey() {
        ddb.createTable(r -> r.tableName("Owned").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .sseSpecification(s -> s.enabled(false)));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Owned"));
        assertNull(ddb.describeTable(r -> r.tableName("Owned")).table().sseDescription());
    }

    @Test
    void tablesAreRegional() {
        createTable("Regional", null);
        try (var west = dynamo("test", "eu-west-1")) {
            assertTrue(west.listTables().tableNames().isEmpty());
            assertThrows(ResourceNotFoundException.class, () -> west.describeTable(r -> r.tableName("Regional")));
        }
    }

    @Test
    void tablesBelongToTheirAccount() {
        createTable("Shared", null);
        ddb.putItem(r -> r.tableName("Shared").item(item("pk", "mine")));
        try (var other = dynamo("other", "us-east-1")) {
            assertTrue(other.listTables().tableNames().isEmpty());
            other.createTable(r -> r.tableName("Shared").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build()));
            other.waiter().waitUntilTableExists(r -> r.tableName("Shared"));
            assertEquals("arn:aws:dynamodb:us-east-1:111111111111:table/Shared",
                    other.describeTable(r -> r.tableName("Shared")).table().tableArn());
            assertTrue(other.getItem(r -> r.tableName("Shared").key(item("pk", "mine"))).item().isEmpty());
        }
        assertEquals(1, ddb.scan(r -> r.tableName("Shared")).count());
    }

    @Test
    void deleteGoesThroughDeletingAndFreesTheName() {
        createTable("Gone", null);
        ddb.putItem(r -> r.tableName("Gone").item(item("pk", "a", "v", "1")));
        assertEquals(TableStatus.DELETING, ddb.deleteTable(r -> r.tableName("Gone")).tableDescription().tableStatus());
        ddb.waiter().waitUntilTableNotExists(r -> r.tableName("Gone"));
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> ddb.describeTable(r -> r.tableName("Gone")));
        assertEquals("Requested resource not found: Table: Gone not found", e.awsErrorDetails().errorMessage());
        createTable("Gone", null);
        assertTrue(ddb.getItem(r -> r.tableName("Gone").key(item("pk", "a"))).item().isEmpty());
    }

    @Test
    void updateTableSwitchesBillingModeAndStream() {
        ddb.createTable(r -> r.tableName("Billing").provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build()));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Billing"));
        assertEquals(5L, ddb.describeTable(r -> r.tableName("Billing")).table().provisionedThroughput().readCapacityUnits());
        DynamoDbException both = assertThrows(DynamoDbException.class, () -> ddb.updateTable(r -> r.tableName("Billing")
                .billingMode(BillingMode.PAY_PER_REQUEST).provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))));
        assertEquals("ValidationException", both.awsErrorDetails().errorCode());
        ddb.updateTable(r -> r.tableName("Billing").billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));
        TableDescription d = ddb.describeTable(r -> r.tableName("Billing")).table();
        assertEquals(BillingMode.PAY_PER_REQUEST, d.billingModeSummary().billingMode());
        assertEquals(0L, d.provisionedThroughput().readCapacityUnits());
        assertEquals(StreamViewType.KEYS_ONLY, d.streamSpecification().streamViewType());
        DynamoDbException again = assertThrows(DynamoDbException.class, () -> ddb.updateTable(r -> r.tableName("Billing")
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))));
        assertEquals("ValidationException", again.awsErrorDetails().errorCode());
        ddb.updateTable(r -> r.tableName("Billing").streamSpecification(s -> s.streamEnabled(false)));
        assertNull(ddb.describeTable(r -> r.tableName("Billing")).table().streamSpecification());
    }

    @Test
    void existingTableIsInUse() {
        createTable("Twice", null);
        ResourceInUseException e = assertThrows(ResourceInUseException.class, () -> createTable("Twice", null));
        assertEquals(400, e.statusCode());
    }

    @Test
    void tableNamesAreValidated() {
        for (String bad : new String[] {"ab", "with space", "x".repeat(256), "slash/name"}) {
            DynamoDbException e = assertThrows(DynamoDbException.class, () -> createTable(bad, null));
            assertEquals("ValidationException", e.awsErrorDetails().errorCode(), bad);
            assertEquals(400, e.statusCode());
        }
        assertThrows(ResourceNotFoundException.class, () -> ddb.describeTable(r -> r.tableName("a.b-c_d")));
    }

    @Test
    void sseSpecificationRefusals() {
        DynamoDbException aes = assertThrows(DynamoDbException.class, () -> ddb.createTable(r -> r.tableName("Aes")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .sseSpecification(s -> s.enabled(true).sseType(SSEType.AES256))));
        assertEquals("ValidationException", aes.awsErrorDetails().errorCode());
        assertEquals("One or more parameter values were invalid: SSEType AES256 is not supported", aes.awsErrorDetails().errorMessage());

        DynamoDbException noType = assertThrows(DynamoDbException.class, () -> ddb.createTable(r -> r.tableName("NoType")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .sseSpecification(s -> s.enabled(true).kmsMasterKeyId("alias/whatever"))));
        assertEquals("ValidationException", noType.awsErrorDetails().errorCode());
        assertEquals("SSEType KMS is required if KMSMasterKeyId is specified", noType.awsErrorDetails().errorMessage());
        assertTrue(ddb.listTables().tableNames().isEmpty());
    }

    @Test
    void schemaValidation() {
        DynamoDbException extra = assertThrows(DynamoDbException.class, () -> ddb.createTable(r -> r.tableName("Extra")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("other").attributeType(ScalarAttributeType.S).build())));
        assertEquals("ValidationException", extra.awsErrorDetails().errorCode());
        DynamoDbException noThroughput = assertThrows(DynamoDbException.class, () -> ddb.createTable(r -> r.tableName("Prov")
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())));
        assertTrue(noThroughput.awsErrorDetails().errorMessage().contains("ReadCapacityUnits and WriteCapacityUnits"));
    }

    @Test
    void indexesAndStreamAreDescribed() {
        ddb.createTable(r -> r.tableName("Indexed").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("lsk").attributeType(ScalarAttributeType.N).build(),
                        AttributeDefinition.builder().attributeName("gpk").attributeType(ScalarAttributeType.S).build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byLsk")
                        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("lsk").keyType(KeyType.RANGE).build())
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byGpk")
                        .keySchema(KeySchemaElement.builder().attributeName("gpk").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("extra")).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Indexed"));
        TableDescription d = ddb.describeTable(r -> r.tableName("Indexed")).table();
        assertEquals("byLsk", d.localSecondaryIndexes().get(0).indexName());
        assertEquals(ProjectionType.KEYS_ONLY, d.localSecondaryIndexes().get(0).projection().projectionType());
        assertEquals("byGpk", d.globalSecondaryIndexes().get(0).indexName());
        assertEquals(java.util.List.of("extra"), d.globalSecondaryIndexes().get(0).projection().nonKeyAttributes());
        assertEquals(StreamViewType.NEW_AND_OLD_IMAGES, d.streamSpecification().streamViewType());
        assertTrue(d.latestStreamArn().startsWith(d.tableArn() + "/stream/"));

        ddb.putItem(r -> r.tableName("Indexed").item(item("pk", "a", "sk", "1", "lsk", 5, "gpk", "g", "extra", "e", "other", "o")));
        var keysOnly = ddb.query(r -> r.tableName("Indexed").indexName("byLsk").keyConditionExpression("pk = :p")
                .expressionAttributeValues(java.util.Map.of(":p", s("a")))).items().get(0);
        assertEquals(java.util.Set.of("pk", "sk", "lsk"), keysOnly.keySet());
        var fetched = ddb.query(r -> r.tableName("Indexed").indexName("byLsk").keyConditionExpression("pk = :p")
                .select(software.amazon.awssdk.services.dynamodb.model.Select.ALL_ATTRIBUTES)
                .expressionAttributeValues(java.util.Map.of(":p", s("a")))).items().get(0);
        assertEquals("o", fetched.get("other").s());
        var included = ddb.query(r -> r.tableName("Indexed").indexName("byGpk").keyConditionExpression("gpk = :g")
                .expressionAttributeValues(java.util.Map.of(":g", s("g")))).items().get(0);
        assertEquals(java.util.Set.of("pk", "sk", "gpk", "extra"), included.keySet());
        DynamoDbException allOnGsi = assertThrows(DynamoDbException.class, () -> ddb.query(r -> r.tableName("Indexed")
                .indexName("byGpk").select(software.amazon.awssdk.services.dynamodb.model.Select.ALL_ATTRIBUTES)
                .keyConditionExpression("gpk = :g").expressionAttributeValues(java.util.Map.of(":g", s("g")))));
        assertEquals("ValidationException", allOnGsi.awsErrorDetails().errorCode());
    }

    @Test
    void updateTableChangesBillingAndAddsAGlobalIndexOverExistingItems() {
        createTable("Grow", null);
        ddb.putItem(r -> r.tableName("Grow").item(item("pk", "a", "color", "red")));
        ddb.putItem(r -> r.tableName("Grow").item(item("pk", "b")));
        ddb.updateTable(r -> r.tableName("Grow")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("color").attributeType(ScalarAttributeType.S).build())
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byColor")
                        .keySchema(KeySchemaElement.builder().attributeName("color").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL)))));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Grow"));
        var q = ddb.query(r -> r.tableName("Grow").indexName("byColor").keyConditionExpression("color = :c")
                .expressionAttributeValues(java.util.Map.of(":c", s("red"))));
        assertEquals(1, q.count());
        assertEquals("a", q.items().get(0).get("pk").s());
        DynamoDbException nothing = assertThrows(DynamoDbException.class, () -> ddb.updateTable(r -> r.tableName("Grow")));
        assertEquals("ValidationException", nothing.awsErrorDetails().errorCode());
    }
}

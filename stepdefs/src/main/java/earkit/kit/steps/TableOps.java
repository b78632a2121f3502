package earkit.kit.steps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Table operations shared by the step classes: creation with a key kind, items, status, detection. */
public final class TableOps {
    static final String GSI = "by-group";
    static final String LSI = "by-local";
    private final World world;

    public TableOps(World world) {
        this.world = world;
    }

    /** SSESpecification for a key kind; {@code keyId} names the customer managed key. */
    static SSESpecification spec(KeyKind kind, String keyId) {
        return switch (kind) {
            case AWS_OWNED -> SSESpecification.builder().enabled(false).build();
            case AWS_MANAGED -> SSESpecification.builder().enabled(true).sseType(SSEType.KMS).build();
            case CUSTOMER_MANAGED -> SSESpecification.builder().enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(keyId).build();
        };
    }

    SSESpecification spec(KeyKind kind) {
        return spec(kind, kind == KeyKind.CUSTOMER_MANAGED ? world.defaultCustomerKey().arn() : null);
    }

    CreateTableRequest.Builder request(String name, boolean indexesAndStream) {
        List<AttributeDefinition> attrs = new ArrayList<>(List.of(attr("pk"), attr("sk")));
        CreateTableRequest.Builder b = CreateTableRequest.builder().tableName(world.uniqueTable(name))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)).billingMode(BillingMode.PAY_PER_REQUEST);
        if (indexesAndStream) {
            attrs.add(attr("gk"));
            attrs.add(attr("lk"));
            Projection all = Projection.builder().projectionType(ProjectionType.ALL).build();
            b.globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(GSI)
                    .keySchema(key("gk", KeyType.HASH), key("pk", KeyType.RANGE)).projection(all).build());
            b.localSecondaryIndexes(LocalSecondaryIndex.builder().indexName(LSI)
                    .keySchema(key("pk", KeyType.HASH), key("lk", KeyType.RANGE)).projection(all).build());
            b.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build());
        }
        return b.attributeDefinitions(attrs);
    }

    /** Creates the table in the scenario's Region and waits until it is ACTIVE. */
    TableDescription create(String name, SSESpecification sse, boolean indexesAndStream) {
        return create(name, world.region(), request(name, indexesAndStream).sseSpecification(sse).build());
    }

    TableDescription create(String name, String region, CreateTableRequest request) {
        world.tableRegions.put(name, region);
        world.tableKinds.put(name, KeyKind.of(request.sseSpecification()));
        world.clients().dynamo(region).createTable(request);
        world.awaitSetUp("status of the new table \"" + name + "\"", () -> describe(name).tableStatus(), TableStatus.ACTIVE);
        return describe(name);
    }

    TableDescription describe(String name) {
        return world.clients().dynamo(world.tableRegion(name)).describeTable(b -> b.tableName(world.table(name))).table();
    }

    void awaitStatus(Requirement judged, String name, TableStatus status) {
        world.awaitValue(judged, "status of table \"" + name + "\"", () -> describe(name).tableStatus(), status);
    }

    /** Waits for the end of an UpdateTable: table ACTIVE and, for a KMS key, SSE status ENABLED. */
    void awaitUpdated(Requirement judged, String name) {
        world.awaitValue(judged, "table \"" + name + "\" to finish updating", () -> {
            TableDescription d = describe(name);
            SSEDescription sse = d.sseDescription();
            boolean sseDone = sse == null || sse.status() == null || "ENABLED".equals(sse.statusAsString());
            return d.tableStatus() == TableStatus.ACTIVE && sseDone;
        }, true);
    }

    String keyArn(String name) {
        SSEDescription sse = describe(name).sseDescription();
        return sse == null ? null : sse.kmsMasterKeyArn();
    }

    /**
     * The table's KMS key ARN, for a step that goes on to ask KMS about it. A table that reports none fails the
     * requirement of its key kind: an AWS managed key table EAR-MAN-001, a customer managed key table EAR-CMK-001.
     */
    String kmsKeyOf(String name) {
        KeyKind kind = world.tableKinds.get(name);
        Requirement judged = switch (kind == null ? KeyKind.AWS_OWNED : kind) {
            case AWS_MANAGED -> Requirement.MAN_001;
            case CUSTOMER_MANAGED -> Requirement.CMK_001;
            case AWS_OWNED -> throw new IllegalStateException("The step asks KMS about the key of \"" + name
                    + "\", which the scenario did not create under a KMS key in the account");
        };
        String arn = keyArn(name);
        world.check(judged, arn != null, "SSEDescription.KMSMasterKeyArn of \"" + name + "\" (" + kind + " key)", "a KMS key ARN", null);
        return arn;
    }

    void write(String name, int count) {
        DynamoDbClient ddb = world.clients().dynamo(world.tableRegion(name));
        List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items = world.writtenTo(name);
        for (int i = 0; i < count; i++) {
            var item = Items.item(items.size() + 1, "note of item " + (items.size() + 1) + " in " + name);
            ddb.putItem(b -> b.tableName(world.table(name)).item(item));
            items.add(item);
        }
    }

    /** Reads back every written item of {@code source} from {@code from} and compares attribute by attribute. */
    void assertReadBack(String source, String from, int expectedCount, DynamoDbClient ddb) {
        Requirement judged = world.judged(Requirement.ENC_004, Requirement.SSE_001, Requirement.ROT_006, Requirement.INA_004,
                Requirement.INA_007, Requirement.CMK_001);
        List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items = world.writtenTo(source);
        if (items.size() != expectedCount) {
            throw new IllegalStateException("The feature speaks of " + expectedCount + " items, the scenario wrote " + items.size()
                    + " to \"" + source + "\"");
        }
        for (var item : items) {
            GetItemResponse r = ddb.getItem(b -> b.tableName(world.table(from)).key(Items.key(item)).consistentRead(true));
            world.check(judged, item.equals(r.item()), "item " + item.get("pk").s() + " read back from \"" + from + "\"", item,
                    r.hasItem() ? r.item() : "no item");
        }
    }

    /**
     * Makes DynamoDB call KMS for the table (a read on a new connection has no cached table key), then
     * waits for the status that detection sets. Returns the detection time the target recorded.
     */
    Instant detectInaccessible(String name) {
        makeDynamoDbCallKms(name, world.tableRegion(name));
        awaitStatus(Requirement.INA_002, name, TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS);
        // Only a target clock the kit can read bounds the instant; the kit's wall clock may be skewed from a remote one.
        // DynamoDB may notice the loss on its own before the kit's call (e.g. background use of its grant), never
        // before the key was taken away.
        world.detectionWindow = world.keyTakenAwayAt != null ? new Instant[] {world.keyTakenAwayAt, world.now()} : null;
        SSEDescription sse = describe(name).sseDescription();
        Instant at = sse == null ? null : sse.inaccessibleEncryptionDateTime();
        world.detection = at != null ? at : world.now();
        return at;
    }

    /**
     * The one way the suite makes DynamoDB call KMS for a table: a read on a new connection, which holds no cached
     * table key. Only the trigger: its outcome (accepted or refused) is for other steps to judge; a crash is not.
     */
    Outcome makeDynamoDbCallKms(String name, String region) {
        return Outcome.of(() -> world.clients().dynamoOnNewConnections(region).getItem(b -> b.tableName(world.table(name))
                .key(Items.key(Items.item(1, "")))));
    }

    private static AttributeDefinition attr(String n) {
        return AttributeDefinition.builder().attributeName(n).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String n, KeyType t) {
        return KeySchemaElement.builder().attributeName(n).keyType(t).build();
    }
}

package earkit.reference.service.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/**
 * The model constraints of the table and backup requests, member by member in DynamoDB's order for each
 * operation (dynalite's captures, {@code validations/createTable.js}, {@code updateTable.js}, {@code listTables.js};
 * the backup operations' members in the order of the DynamoDB API Reference), lengths from the API Reference
 * (table, index and backup names 3..255, backup ARNs 37..1024, Limit 1..100).
 */
final class TableRequestConstraints {
    private TableRequestConstraints() {
    }

    static void check(CreateTableRequest r) {
        ModelConstraints c = new ModelConstraints().notNull("attributeDefinitions", r.hasAttributeDefinitions() ? r.attributeDefinitions() : null);
        if (r.hasAttributeDefinitions()) {
            List<AttributeDefinition> defs = r.attributeDefinitions();
            for (int i = 0; i < defs.size(); i++) {
                String at = "attributeDefinitions." + (i + 1) + ".member.";
                c.notNull(at + "attributeName", defs.get(i).attributeName())
                        .notNull(at + "attributeType", defs.get(i).attributeTypeAsString())
                        .oneOf(at + "attributeType", defs.get(i).attributeTypeAsString(), ModelConstraints.ATTRIBUTE_TYPE);
            }
        }
        c.tableName("tableName", r.tableName(), true).oneOf("billingMode", r.billingModeAsString(), ModelConstraints.BILLING_MODE);
        throughput(c, "provisionedThroughput", r.provisionedThroughput(), false);
        keySchema(c, "keySchema", r.hasKeySchema() ? r.keySchema() : null, true);
        if (r.hasLocalSecondaryIndexes()) {
            for (int i = 0; i < r.localSecondaryIndexes().size(); i++) {
                LocalSecondaryIndex l = r.localSecondaryIndexes().get(i);
                String at = "localSecondaryIndexes." + (i + 1) + ".member.";
                c.name(at + "indexName", l.indexName(), true);
                keySchema(c, at + "keySchema", l.hasKeySchema() ? l.keySchema() : null, false);
                projection(c, at + "projection", l.projection());
            }
        }
        if (r.hasGlobalSecondaryIndexes()) {
            for (int i = 0; i < r.globalSecondaryIndexes().size(); i++) {
                GlobalSecondaryIndex g = r.globalSecondaryIndexes().get(i);
                String at = "globalSecondaryIndexes." + (i + 1) + ".member.";
                c.name(at + "indexName", g.indexName(), true);
                keySchema(c, at + "keySchema", g.hasKeySchema() ? g.keySchema() : null, false);
                projection(c, at + "projection", g.projection());
                throughput(c, at + "provisionedThroughput", g.provisionedThroughput(), false);
            }
        }
        if (r.streamSpecification() != null) {
            c.oneOf("streamSpecification.streamViewType", r.streamSpecification().streamViewTypeAsString(), ModelConstraints.STREAM_VIEW_TYPE);
        }
        sse(c, "sSESpecification", r.sseSpecification());
        tags(c, r.hasTags() ? r.tags() : null).check();
    }

    /** Tags given to TagResource or CreateTable: keys of 1 to 128 characters, values of 0 to 256. */
    static ModelConstraints tags(ModelConstraints c, List<Tag> tags) {
        if (tags != null) {
            for (int i = 0; i < tags.size(); i++) {
                String at = "tags." + (i + 1) + ".member.";
                c.length(at + "key", tags.get(i).key(), true, 1, 128).length(at + "value", tags.get(i).value(), true, 0, 256);
            }
        }
        return c;
    }

    static void check(UpdateTableRequest r) {
        ModelConstraints c = new ModelConstraints().tableName("tableName", r.tableName(), true);
        throughput(c, "provisionedThroughput", r.provisionedThroughput(), false);
        c.oneOf("billingMode", r.billingModeAsString(), ModelConstraints.BILLING_MODE);
        if (r.hasGlobalSecondaryIndexUpdates()) {
            for (int i = 0; i < r.globalSecondaryIndexUpdates().size(); i++) {
                GlobalSecondaryIndexUpdate u = r.globalSecondaryIndexUpdates().get(i);
                String at = "globalSecondaryIndexUpdates." + (i + 1) + ".member.";
                if (u.update() != null) {
                    c.name(at + "update.indexName", u.update().indexName(), true);
                    throughput(c, at + "update.provisionedThroughput", u.update().provisionedThroughput(), true);
                }
                if (u.create() != null) {
                    projection(c, at + "create.projection", u.create().projection());
                    c.name(at + "create.indexName", u.create().indexName(), true);
                    throughput(c, at + "create.provisionedThroughput", u.create().provisionedThroughput(), false);
                    keySchema(c, at + "create.keySchema", u.create().hasKeySchema() ? u.create().keySchema() : null, false);
                }
                if (u.delete() != null) {
                    c.name(at + "delete.indexName", u.delete().indexName(), true);
                }
            }
        }
        if (r.streamSpecification() != null) {
            c.oneOf("streamSpecification.streamViewType", r.streamSpecification().streamViewTypeAsString(), ModelConstraints.STREAM_VIEW_TYPE);
        }
        sse(c, "sSESpecification", r.sseSpecification()).check();
    }

    static void check(ListTablesRequest r) {
        new ModelConstraints().atLeast("limit", r.limit(), 1).atMost("limit", r.limit(), 100)
                .tableName("exclusiveStartTableName", r.exclusiveStartTableName(), false).check();
    }

    static void check(CreateBackupRequest r) {
        new ModelConstraints().tableName("tableName", r.tableName(), true).name("backupName", r.backupName(), true).check();
    }

    /** DescribeBackup and DeleteBackup: the backup's ARN alone. */
    static void checkBackupArn(String arn) {
        new ModelConstraints().length("backupArn", arn, true, 37, 1024).check();
    }

    static void check(ListBackupsRequest r) {
        new ModelConstraints().tableName("tableName", r.tableName(), false)
                .atLeast("limit", r.limit(), 1).atMost("limit", r.limit(), 100)
                .length("exclusiveStartBackupArn", r.exclusiveStartBackupArn(), false, 37, 1024)
                .oneOf("backupType", r.backupTypeAsString(), ModelConstraints.BACKUP_TYPE).check();
    }

    static void check(RestoreTableFromBackupRequest r) {
        ModelConstraints c = new ModelConstraints().name("targetTableName", r.targetTableName(), true)
                .length("backupArn", r.backupArn(), true, 37, 1024)
                .oneOf("billingModeOverride", r.billingModeOverrideAsString(), ModelConstraints.BILLING_MODE);
        throughput(c, "provisionedThroughputOverride", r.provisionedThroughputOverride(), false);
        sse(c, "sSESpecificationOverride", r.sseSpecificationOverride()).check();
    }

    private static void throughput(ModelConstraints c, String at, ProvisionedThroughput p, boolean required) {
        if (p == null) {
            if (required) {
                c.notNull(at, null);
            }
            return;
        }
        c.notNull(at + ".writeCapacityUnits", p.writeCapacityUnits()).atLeast(at + ".writeCapacityUnits", p.writeCapacityUnits(), 1)
                .notNull(at + ".readCapacityUnits", p.readCapacityUnits()).atLeast(at + ".readCapacityUnits", p.readCapacityUnits(), 1);
    }

    /** A key schema: one or two elements; the table's own key types are an enumeration, an index's are checked later. */
    private static void keySchema(ModelConstraints c, String at, List<KeySchemaElement> keys, boolean table) {
        c.notNull(at, keys).size(at, keys, keys == null ? null : keys.size(), 1, 2);
        if (keys == null) {
            return;
        }
        for (int i = 0; i < keys.size(); i++) {
            String member = at + "." + (i + 1) + ".member.";
            c.notNull(member + "attributeName", keys.get(i).attributeName()).notNull(member + "keyType", keys.get(i).keyTypeAsString());
            if (table) {
                c.oneOf(member + "keyType", keys.get(i).keyTypeAsString(), ModelConstraints.KEY_TYPE);
            }
        }
    }

    private static void projection(ModelConstraints c, String at, Projection p) {
        c.notNull(at, p);
        if (p != null) {
            c.oneOf(at + ".projectionType", p.projectionTypeAsString(), ModelConstraints.PROJECTION_TYPE)
                    .size(at + ".nonKeyAttributes", p.hasNonKeyAttributes() ? p.nonKeyAttributes() : null,
                            p.hasNonKeyAttributes() ? p.nonKeyAttributes().size() : null, 1, 20);
        }
    }

    private static ModelConstraints sse(ModelConstraints c, String at, SSESpecification s) {
        return s == null ? c : c.oneOf(at + ".sSEType", s.sseTypeAsString(), ModelConstraints.SSE_TYPE);
    }
}

package earkit.reference.service.dynamodb;

import earkit.reference.Fault;
import earkit.reference.Faults;

import earkit.reference.domain.table.TableKeys;
import earkit.reference.domain.table.TableRecord;
import earkit.reference.domain.table.TableCaller;
import earkit.reference.domain.table.Tables;
import earkit.reference.protocol.ApiException;
import earkit.reference.protocol.RequestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;

/** CreateTable, DescribeTable, UpdateTable, DeleteTable, ListTables: validation and translation. */
final class TableRequests {
    private final Tables tables;

    TableRequests(Tables tables) {
        this.tables = tables;
    }

    static TableCaller caller(RequestContext ctx) {
        return new TableCaller(ctx.connectionId(), ctx.principal().arn(), ctx.accountId());
    }

    /** A table name (or table ARN) as DynamoDB validates it; the bare name. */
    static String tableName(String name) {
        new ModelConstraints().tableName("tableName", name, true).check();
        return name.startsWith("arn:aws:dynamodb:") && name.contains(":table/") ? name.substring(name.indexOf(":table/") + 7) : name;
    }

    /** The key an SSESpecification asks for (DynamoDB API Reference, SSESpecification; both refusals are ValidationException, the choice recorded in features/README.md). */
    /** As {@link #keyChoice(SSESpecification)}, with the self-tests' faults of reading the specification. */
    static TableKeys.Choice keyChoice(SSESpecification sse, Faults faults) {
        if (sse != null && faults.has(Fault.AES256_ACCEPTED) && "AES256".equals(sse.sseTypeAsString())) {
            return new TableKeys.Choice(TableRecord.KeyKind.MANAGED, null);
        }
        if (sse != null && faults.has(Fault.SSE_DISABLED_READ_AS_ENABLED) && Boolean.FALSE.equals(sse.enabled())) {
            return new TableKeys.Choice(TableRecord.KeyKind.MANAGED, null);
        }
        return keyChoice(sse);
    }

    static TableKeys.Choice keyChoice(SSESpecification sse) {
        if (sse == null) {
            return new TableKeys.Choice(TableRecord.KeyKind.OWNED, null);
        }
        if ("AES256".equals(sse.sseTypeAsString())) {
            throw ItemRules.invalid("SSEType AES256 is not supported");
        }
        if (sse.kmsMasterKeyId() != null && !"KMS".equals(sse.sseTypeAsString())) {
            throw ApiException.validation("SSEType KMS is required if KMSMasterKeyId is specified");
        }
        if (sse.kmsMasterKeyId() != null && sse.kmsMasterKeyId().isEmpty()) {
            throw ApiException.validation("1 validation error detected: Value '' at 'sSESpecification.kMSMasterKeyId' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        boolean enabled = Boolean.TRUE.equals(sse.enabled()) || (sse.enabled() == null && "KMS".equals(sse.sseTypeAsString()));
        if (!enabled) {
            return new TableKeys.Choice(TableRecord.KeyKind.OWNED, null);
        }
        return sse.kmsMasterKeyId() == null ? new TableKeys.Choice(TableRecord.KeyKind.MANAGED, null)
                : new TableKeys.Choice(TableRecord.KeyKind.CUSTOMER, sse.kmsMasterKeyId());
    }

    CreateTableResponse create(RequestContext ctx, CreateTableRequest r) {
        TableRequestConstraints.check(r);
        TableRecord t = new TableRecord();
        t.name = tableName(r.tableName());
        t.region = ctx.region();
        t.account = ctx.accountId();
        t.keySchema = keySchema(r.keySchema(), "Table");
        if (r.hasAttributeDefinitions()) {
            for (AttributeDefinition d : r.attributeDefinitions()) {
                t.attributeTypes.put(d.attributeName(), d.attributeTypeAsString());
            }
        }
        t.billingMode = r.billingMode() == null ? "PROVISIONED" : r.billingModeAsString();
        throughput(t.billingMode, r.provisionedThroughput());
        if (r.provisionedThroughput() != null) {
            t.readCapacity = r.provisionedThroughput().readCapacityUnits();
            t.writeCapacity = r.provisionedThroughput().writeCapacityUnits();
        }
        Set<String> used = new LinkedHashSet<>();
        t.keySchema.forEach(k -> used.add(k.name));
        Set<String> indexNames = new HashSet<>();
        if (r.hasLocalSecondaryIndexes()) {
            if (t.rangeKey() == null) {
                throw ItemRules.invalid("Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
            }
            for (LocalSecondaryIndex l : r.localSecondaryIndexes()) {
                TableRecord.IndexRecord ix = index(l.indexName(), l.keySchema(), l.projection(), false, indexNames);
                if (!t.hashKey().equals(ix.hashKey()) || ix.rangeKey() == null) {
                    throw ItemRules.invalid("Index KeySchema does not have the same leading hash key as table KeySchema for index: "
                            + ix.name + ". index hash key: " + ix.hashKey() + ", table hash key: " + t.hashKey());
                }
                ix.keySchema.forEach(k -> used.add(k.name));
                t.indexes.add(ix);
            }
        }
        if (r.hasGlobalSecondaryIndexes()) {
            for (GlobalSecondaryIndex g : r.globalSecondaryIndexes()) {
                TableRecord.IndexRecord ix = index(g.indexName(), g.keySchema(), g.projection(), true, indexNames);
                throughput(t.billingMode, g.provisionedThroughput());
                if (g.provisionedThroughput() != null) {
                    ix.readCapacity = g.provisionedThroughput().readCapacityUnits();
                    ix.writeCapacity = g.provisionedThroughput().writeCapacityUnits();
                }
                ix.keySchema.forEach(k -> used.add(k.name));
                t.indexes.add(ix);
            }
        }
        for (String name : used) {
            if (!t.attributeTypes.containsKey(name)) {
                throw ItemRules.invalid("Some index key attributes are not defined in AttributeDefinitions. Keys: ["
                        + String.join(", ", used) + "], AttributeDefinitions: " + t.attributeTypes.keySet());
            }
        }
        if (used.size() != t.attributeTypes.size()) {
            throw ItemRules.invalid("Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
        }
        StreamSpecification stream = r.streamSpecification();
        if (stream != null && Boolean.TRUE.equals(stream.streamEnabled())) {
            if (stream.streamViewType() == null) {
                throw ApiException.validation("1 validation error detected: Value null at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must not be null");
            }
            t.streamEnabled = true;
            t.streamViewType = stream.streamViewTypeAsString();
            t.streamLabel = tables.now().toString().replace("Z", "");
        }
        if (r.hasTags()) {
            r.tags().forEach(tag -> t.tags.put(tag.key(), tag.value()));
            if (t.tags.size() > TagRequests.MAX_TAGS) {
                throw new ApiException("LimitExceededException", "The number of tags exceeds the limit of " + TagRequests.MAX_TAGS
                        + " tags per resource");
            }
        }
        t.deletionProtection = Boolean.TRUE.equals(r.deletionProtectionEnabled());
        t.tableClass = r.tableClassAsString();
        TableKeys.Choice choice = keyChoice(r.sseSpecification(), tables.faults());
        return CreateTableResponse.builder().tableDescription(TableDescriptions.of(tables.create(caller(ctx), t, choice))).build();
    }

    private static void throughput(String billingMode, ProvisionedThroughput p) {
        if ("PAY_PER_REQUEST".equals(billingMode)) {
            if (p != null) {
                throw ItemRules.invalid("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
        } else if (p == null || p.readCapacityUnits() == null || p.writeCapacityUnits() == null) {
            throw ItemRules.invalid("ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
    }

    private static List<TableRecord.KeyPart> keySchema(List<KeySchemaElement> elements, String owner) {
        List<TableRecord.KeyPart> parts = new ArrayList<>();
        for (KeySchemaElement e : elements) {
            parts.add(new TableRecord.KeyPart(e.attributeName(), e.keyTypeAsString()));
        }
        if (!"HASH".equals(parts.get(0).type) || (parts.size() == 2 && !"RANGE".equals(parts.get(1).type))) {
            throw ItemRules.invalid(owner + " KeySchema: the first KeySchemaElement is not a HASH key type"
                    + (parts.size() == 2 ? " or the second is not a RANGE key type" : ""));
        }
        if (parts.size() == 2 && parts.get(0).name.equals(parts.get(1).name)) {
            throw ItemRules.invalid("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        return parts;
    }

    private static TableRecord.IndexRecord index(String name, List<KeySchemaElement> keys, Projection p, boolean global,
                                                 Set<String> seen) {
        if (!seen.add(name)) {
            throw ItemRules.invalid("Duplicate index name: " + name);
        }
        TableRecord.IndexRecord ix = new TableRecord.IndexRecord();
        ix.name = name;
        ix.global = global;
        ix.keySchema = keySchema(keys, "Index");
        if (p == null || p.projectionType() == null) {
            throw ItemRules.invalid("Unknown ProjectionType: null");
        }
        ix.projectionType = p.projectionTypeAsString();
        if (p.hasNonKeyAttributes()) {
            if (!"INCLUDE".equals(ix.projectionType)) {
                throw ItemRules.invalid("ProjectionType is " + ix.projectionType + ", but NonKeyAttributes is specified");
            }
            ix.nonKeyAttributes = new ArrayList<>(p.nonKeyAttributes());
        }
        return ix;
    }

    DescribeTableResponse describe(RequestContext ctx, DescribeTableRequest r) {
        return DescribeTableResponse.builder()
                .table(TableDescriptions.of(tables.describe(caller(ctx), ctx.region(), tableName(r.tableName())))).build();
    }

    ListTablesResponse list(RequestContext ctx, ListTablesRequest r) {
        TableRequestConstraints.check(r);
        int limit = r.limit() == null ? 100 : r.limit();
        List<String> names = tables.names(caller(ctx), ctx.region());
        if (r.exclusiveStartTableName() != null) {
            names = names.stream().filter(n -> n.compareTo(r.exclusiveStartTableName()) > 0).toList();
        }
        ListTablesResponse.Builder b = ListTablesResponse.builder().tableNames(names.subList(0, Math.min(limit, names.size())));
        if (names.size() > limit) {
            b.lastEvaluatedTableName(names.get(limit - 1));
        }
        return b.build();
    }

    DeleteTableResponse delete(RequestContext ctx, DeleteTableRequest r) {
        return DeleteTableResponse.builder()
                .tableDescription(TableDescriptions.of(tables.delete(caller(ctx), ctx.region(), tableName(r.tableName())))).build();
    }

    UpdateTableResponse update(RequestContext ctx, UpdateTableRequest r) {
        TableRequestConstraints.check(r);
        String name = tableName(r.tableName());
        Tables.View current = tables.describe(caller(ctx), ctx.region(), name);
        TableRecord t = current.table();
        String billing = r.billingModeAsString();
        Long read = null;
        Long write = null;
        if (billing != null || r.provisionedThroughput() != null) {
            String mode = billing != null ? billing : t.billingMode;
            throughput(mode, r.provisionedThroughput() != null || "PAY_PER_REQUEST".equals(mode) ? r.provisionedThroughput()
                    : ProvisionedThroughput.builder().readCapacityUnits(t.readCapacity).writeCapacityUnits(t.writeCapacity).build());
            if (r.provisionedThroughput() != null) {
                read = r.provisionedThroughput().readCapacityUnits();
                write = r.provisionedThroughput().writeCapacityUnits();
            }
        }
        Boolean streamEnabled = null;
        String viewType = null;
        if (r.streamSpecification() != null) {
            streamEnabled = Boolean.TRUE.equals(r.streamSpecification().streamEnabled());
            viewType = r.streamSpecification().streamViewTypeAsString();
            if (streamEnabled && t.streamEnabled) {
                throw ApiException.validation("Table already has an enabled stream: TableName: " + name);
            }
            if (!streamEnabled && !t.streamEnabled) {
                throw ApiException.validation("Table already has no stream enabled: TableName: " + name);
            }
            if (streamEnabled && viewType == null) {
                throw ApiException.validation("1 validation error detected: Value null at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must not be null");
            }
        }
        List<TableRecord.IndexRecord> create = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        if (r.hasGlobalSecondaryIndexUpdates()) {
            Set<String> names = new HashSet<>();
            t.indexes.forEach(i -> names.add(i.name));
            for (GlobalSecondaryIndexUpdate u : r.globalSecondaryIndexUpdates()) {
                if (u.create() != null) {
                    var c = u.create();
                    TableRecord.IndexRecord ix = index(c.indexName(), c.keySchema(), c.projection(), true, names);
                    if (r.hasAttributeDefinitions()) {
                        r.attributeDefinitions().forEach(d -> t.attributeTypes.putIfAbsent(d.attributeName(), d.attributeTypeAsString()));
                    }
                    for (TableRecord.KeyPart k : ix.keySchema) {
                        if (!t.attributeTypes.containsKey(k.name)) {
                            throw ItemRules.invalid("Global Secondary Index key attribute " + k.name + " is not defined in AttributeDefinitions");
                        }
                    }
                    if (c.provisionedThroughput() != null) {
                        ix.readCapacity = c.provisionedThroughput().readCapacityUnits();
                        ix.writeCapacity = c.provisionedThroughput().writeCapacityUnits();
                    }
                    create.add(ix);
                } else if (u.delete() != null) {
                    if (t.index(u.delete().indexName()) == null) {
                        throw new ApiException("ResourceNotFoundException", "Requested resource not found: Index: "
                                + u.delete().indexName() + " not found");
                    }
                    delete.add(u.delete().indexName());
                } else if (u.update() != null && t.index(u.update().indexName()) == null) {
                    throw new ApiException("ResourceNotFoundException", "Requested resource not found: Index: "
                            + u.update().indexName() + " not found");
                }
            }
        }
        TableKeys.Choice choice = r.sseSpecification() == null ? null : keyChoice(r.sseSpecification(), tables.faults());
        boolean nothing = billing == null && r.provisionedThroughput() == null && streamEnabled == null && create.isEmpty()
                && delete.isEmpty() && choice == null && r.deletionProtectionEnabled() == null && !r.hasGlobalSecondaryIndexUpdates();
        if (nothing) {
            throw ApiException.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                    + "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        java.util.Map<String, String> attributes = new java.util.LinkedHashMap<>();
        for (TableRecord.IndexRecord ix : create) {
            ix.keySchema.forEach(k -> attributes.put(k.name, t.attributeTypes.get(k.name)));
        }
        Tables.Update u = new Tables.Update(billing, read, write, streamEnabled, viewType, r.deletionProtectionEnabled(),
                attributes, create, delete, choice);
        return UpdateTableResponse.builder()
                .tableDescription(TableDescriptions.of(tables.update(caller(ctx), ctx.region(), name, u))).build();
    }
}

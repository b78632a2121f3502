package earkit.reference.service.dynamodb;

import earkit.reference.domain.DomainException;
import earkit.reference.domain.table.GlobalTables;
import earkit.reference.domain.table.ReplicationGroup;
import earkit.reference.domain.table.TableCaller;
import earkit.reference.domain.table.Tables;
import earkit.reference.protocol.ApiException;
import earkit.reference.protocol.RequestContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;

/**
 * The global-table side of DescribeTable, UpdateTable and DeleteTable: ReplicaUpdates, and
 * GlobalTableVersion with Replicas in every description of a member table (DynamoDB Developer Guide "Global tables", version 2019.11.21).
 */
final class ReplicaRequests {
    private final TableRequests tables;
    private final GlobalTables global;

    ReplicaRequests(TableRequests tables, GlobalTables global) {
        this.tables = tables;
        this.global = global;
    }

    DescribeTableResponse describe(RequestContext ctx, DescribeTableRequest r) {
        DescribeTableResponse d = tables.describe(ctx, r);
        return d.toBuilder().table(withReplicas(ctx, d.table(), Set.of())).build();
    }

    DeleteTableResponse delete(RequestContext ctx, DeleteTableRequest r) {
        DeleteTableResponse d = tables.delete(ctx, r);
        String name = d.tableDescription().tableName();
        if (global.isReplica(ctx.accountId(), name, ctx.region())) {
            global.tableDeleted(ctx.accountId(), name, ctx.region());
        }
        return d;
    }

    UpdateTableResponse update(RequestContext ctx, UpdateTableRequest r) {
        TableRequestConstraints.check(r);
        if (!r.hasReplicaUpdates()) {
            if (r.sseSpecification() != null) {
                global.checkKeySwitch(ctx.accountId(), TableRequests.tableName(r.tableName()), ctx.region(),
                        TableRequests.keyChoice(r.sseSpecification()));
            }
            UpdateTableResponse u = tables.update(ctx, r);
            alignReplicas(ctx, r);
            return u.toBuilder().tableDescription(withReplicas(ctx, u.tableDescription(), Set.of())).build();
        }
        String name = TableRequests.tableName(r.tableName());
        List<ReplicationGroupUpdate> updates = r.replicaUpdates();
        if (updates.isEmpty()) {
            throw ApiException.validation("1 validation error detected: Value '[]' at 'replicaUpdates' failed to satisfy "
                    + "constraint: Member must have length greater than or equal to 1");
        }
        if (r.billingMode() != null || r.provisionedThroughput() != null || r.streamSpecification() != null
                || r.sseSpecification() != null || r.hasGlobalSecondaryIndexUpdates() || r.deletionProtectionEnabled() != null) {
            throw ApiException.validation("One or more parameter values were invalid: ReplicaUpdates cannot be "
                    + "combined with other updates of the table in one request");
        }
        tables.describe(ctx, DescribeTableRequest.builder().tableName(name).build());
        TableCaller caller = TableRequests.caller(ctx);
        Set<String> creating = new HashSet<>();
        int i = 1;
        for (ReplicationGroupUpdate u : updates) {
            int actions = (u.create() != null ? 1 : 0) + (u.update() != null ? 1 : 0) + (u.delete() != null ? 1 : 0);
            if (actions != 1) {
                throw ApiException.validation("One or more parameter values were invalid: exactly one of Create, "
                        + "Update or Delete must be given in replicaUpdates." + i);
            }
            if (u.create() != null) {
                String region = region(u.create().regionName(), i, "create");
                global.createReplica(caller, ctx.region(), name, region, keyId(u.create().kmsMasterKeyId(), i, "create"));
                creating.add(region);
            } else if (u.update() != null) {
                global.updateReplica(caller, ctx.region(), name, region(u.update().regionName(), i, "update"),
                        keyId(u.update().kmsMasterKeyId(), i, "update"));
            } else {
                global.deleteReplica(caller, ctx.region(), name, region(u.delete().regionName(), i, "delete"));
            }
            i++;
        }
        TableDescription d = tables.describe(ctx, DescribeTableRequest.builder().tableName(name).build()).table();
        return UpdateTableResponse.builder().tableDescription(withReplicas(ctx, d, creating)).build();
    }

    /**
     * Version 2019.11.21 keeps global secondary indexes and capacity settings aligned across replicas: the
     * same change is applied to every other replica. Key, stream and deletion protection stay per replica;
     * a replica that cannot take the change now (not ACTIVE, key unusable) keeps its settings.
     */
    private void alignReplicas(RequestContext ctx, UpdateTableRequest r) {
        if (!r.hasGlobalSecondaryIndexUpdates() && r.billingMode() == null && r.provisionedThroughput() == null) {
            return;
        }
        String name = TableRequests.tableName(r.tableName());
        UpdateTableRequest shared = r.toBuilder().sseSpecification((SSESpecification) null).streamSpecification((StreamSpecification) null)
                .deletionProtectionEnabled(null).build();
        for (String region : global.otherRegions(ctx.accountId(), name, ctx.region())) {
            try {
                tables.update(new RequestContext(ctx.requestId(), ctx.identity(), region, ctx.service(), ctx.operation(),
                        ctx.connectionId(), ctx.sourceIp(), ctx.userAgent(), ctx.onBehalfOf()), shared);
            } catch (ApiException | DomainException e) {
                // This replica keeps its settings; DescribeTable in its region shows them.
            }
        }
    }

    private static String region(String region, int i, String action) {
        if (region == null) {
            throw ApiException.validation("1 validation error detected: Value null at 'replicaUpdates." + i + ".member."
                    + action + ".regionName' failed to satisfy constraint: Member must not be null");
        }
        return region;
    }

    /** An empty key id is refused by input validation (features/README.md, J7: replicas). */
    private static String keyId(String keyId, int i, String action) {
        if (keyId != null && keyId.isEmpty()) {
            throw ApiException.validation("1 validation error detected: Value '' at 'replicaUpdates." + i + ".member."
                    + action + ".kMSMasterKeyId' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        return keyId;
    }

    /**
     * A member table's description lists the other regions' replicas with their status, key ARN (J7: the
     * resolved ARN, as SSEDescription reports it) and inaccessibility time; replicas this very request is
     * creating show CREATING.
     */
    private TableDescription withReplicas(RequestContext ctx, TableDescription d, Set<String> creating) {
        if (d == null) {
            return null;
        }
        return global.replicas(ctx.accountId(), d.tableName(), ctx.region())
                .map(list -> d.toBuilder().globalTableVersion(ReplicationGroup.VERSION).replicas(list.stream()
                        .map(m -> ReplicaDescription.builder().regionName(m.region())
                                .replicaStatus(creating.contains(m.region()) ? "CREATING" : m.status())
                                .kmsMasterKeyId(m.keyArn())
                                .replicaInaccessibleDateTime(m.inaccessibleSince())
                                .build())
                        .toList()).build())
                .orElse(d);
    }
}

package earkit.reference.service.dynamodb;

import earkit.reference.domain.table.BackupRecord;
import earkit.reference.domain.table.TableKeys;
import earkit.reference.domain.table.TableRecord;
import earkit.reference.domain.table.Tables;
import earkit.reference.protocol.ApiException;
import earkit.reference.protocol.RequestContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.BackupDescription;
import software.amazon.awssdk.services.dynamodb.model.BackupDetails;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexInfo;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexInfo;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.SourceTableDetails;
import software.amazon.awssdk.services.dynamodb.model.SourceTableFeatureDetails;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/** CreateBackup, DescribeBackup, ListBackups, DeleteBackup, RestoreTableFromBackup. */
final class BackupRequests {
    private final Tables tables;

    BackupRequests(Tables tables) {
        this.tables = tables;
    }

    CreateBackupResponse create(RequestContext ctx, CreateBackupRequest r) {
        TableRequestConstraints.check(r);
        String table = TableRequests.tableName(r.tableName());
        BackupRecord b = tables.backup(TableRequests.caller(ctx), ctx.region(), table, r.backupName());
        return CreateBackupResponse.builder().backupDetails(details(b)).build();
    }

    DescribeBackupResponse describe(RequestContext ctx, DescribeBackupRequest r) {
        return DescribeBackupResponse.builder().backupDescription(description(find(ctx, r.backupArn()))).build();
    }

    DeleteBackupResponse delete(RequestContext ctx, DeleteBackupRequest r) {
        BackupRecord b = find(ctx, r.backupArn());
        return DeleteBackupResponse.builder().backupDescription(description(tables.backups().delete(b.arn))).build();
    }

    ListBackupsResponse list(RequestContext ctx, ListBackupsRequest r) {
        TableRequestConstraints.check(r);
        String type = r.backupTypeAsString() == null ? "USER" : r.backupTypeAsString();
        int limit = r.limit() == null ? 100 : r.limit();
        String table = r.tableName() == null ? null : TableRequests.tableName(r.tableName());
        List<BackupRecord> all = new ArrayList<>(tables.backups().all().stream()
                .filter(b -> b.source.region.equals(ctx.region()) && b.source.account.equals(ctx.accountId()))
                .filter(b -> table == null || b.source.name.equals(table))
                .filter(b -> "ALL".equals(type) || b.type.equals(type))
                .filter(b -> r.timeRangeLowerBound() == null || !b.created.isBefore(r.timeRangeLowerBound()))
                .filter(b -> r.timeRangeUpperBound() == null || b.created.isBefore(r.timeRangeUpperBound()))
                .sorted(Comparator.comparing((BackupRecord b) -> b.created).thenComparing(b -> b.arn))
                .toList());
        if (r.exclusiveStartBackupArn() != null) {
            int at = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).arn.equals(r.exclusiveStartBackupArn())) {
                    at = i;
                }
            }
            all = all.subList(at + 1, all.size());
        }
        List<BackupSummary> page = all.subList(0, Math.min(limit, all.size())).stream().map(BackupRequests::summary).toList();
        ListBackupsResponse.Builder b = ListBackupsResponse.builder().backupSummaries(page);
        if (all.size() > limit) {
            b.lastEvaluatedBackupArn(page.get(page.size() - 1).backupArn());
        }
        return b.build();
    }

    RestoreTableFromBackupResponse restore(RequestContext ctx, RestoreTableFromBackupRequest r) {
        TableRequestConstraints.check(r);
        String target = r.targetTableName();
        BackupRecord b = find(ctx, r.backupArn());
        TableKeys.Choice override = r.sseSpecificationOverride() == null ? null
                : TableRequests.keyChoice(r.sseSpecificationOverride());
        return RestoreTableFromBackupResponse.builder().tableDescription(TableDescriptions.of(
                tables.restore(TableRequests.caller(ctx), ctx.region(), b.arn, target, override))).build();
    }

    private BackupRecord find(RequestContext ctx, String arn) {
        TableRequestConstraints.checkBackupArn(arn);
        return tables.backups().get(arn).filter(b -> b.source.region.equals(ctx.region()) && b.source.account.equals(ctx.accountId()))
                .orElseThrow(() -> new ApiException("BackupNotFoundException", "Backup not found: " + arn));
    }

    private static BackupDetails details(BackupRecord b) {
        return BackupDetails.builder().backupArn(b.arn).backupName(b.name).backupSizeBytes(b.sizeBytes)
                .backupStatus(b.status).backupType(b.type).backupCreationDateTime(b.created).build();
    }

    private static BackupSummary summary(BackupRecord b) {
        TableRecord t = b.source;
        return BackupSummary.builder().tableName(t.name).tableId(t.id).tableArn(t.arn()).backupArn(b.arn)
                .backupName(b.name).backupCreationDateTime(b.created).backupStatus(b.status).backupType(b.type)
                .backupSizeBytes(b.sizeBytes).build();
    }

    /** The backup with its source table as it was, encryption included (EAR-BAK-001). */
    static BackupDescription description(BackupRecord b) {
        TableRecord t = b.source;
        SourceTableDetails.Builder source = SourceTableDetails.builder().tableName(t.name).tableId(t.id)
                .tableArn(t.arn()).tableSizeBytes(b.sizeBytes).itemCount(b.itemCount)
                .keySchema(TableDescriptions.keySchema(t.keySchema)).tableCreationDateTime(t.created)
                .billingMode(t.billingMode)
                .provisionedThroughput(ProvisionedThroughput.builder()
                        .readCapacityUnits(t.readCapacity == null ? 0L : t.readCapacity)
                        .writeCapacityUnits(t.writeCapacity == null ? 0L : t.writeCapacity).build());
        SourceTableFeatureDetails.Builder features = SourceTableFeatureDetails.builder();
        List<LocalSecondaryIndexInfo> lsis = new ArrayList<>();
        List<GlobalSecondaryIndexInfo> gsis = new ArrayList<>();
        for (TableRecord.IndexRecord ix : t.indexes) {
            if (ix.global) {
                gsis.add(GlobalSecondaryIndexInfo.builder().indexName(ix.name)
                        .keySchema(TableDescriptions.keySchema(ix.keySchema)).projection(TableDescriptions.projection(ix))
                        .provisionedThroughput(ProvisionedThroughput.builder()
                                .readCapacityUnits(ix.readCapacity == null ? 0L : ix.readCapacity)
                                .writeCapacityUnits(ix.writeCapacity == null ? 0L : ix.writeCapacity).build())
                        .build());
            } else {
                lsis.add(LocalSecondaryIndexInfo.builder().indexName(ix.name)
                        .keySchema(TableDescriptions.keySchema(ix.keySchema)).projection(TableDescriptions.projection(ix))
                        .build());
            }
        }
        if (!lsis.isEmpty()) {
            features.localSecondaryIndexes(lsis);
        }
        if (!gsis.isEmpty()) {
            features.globalSecondaryIndexes(gsis);
        }
        if (t.streamEnabled) {
            features.streamDescription(StreamSpecification.builder().streamEnabled(true).streamViewType(t.streamViewType).build());
        }
        SSEDescription sse = TableDescriptions.sse(t);
        if (sse != null) {
            features.sseDescription(sse);
        }
        return BackupDescription.builder().backupDetails(details(b)).sourceTableDetails(source.build())
                .sourceTableFeatureDetails(features.build()).build();
    }
}

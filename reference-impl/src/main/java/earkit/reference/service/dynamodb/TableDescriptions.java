package earkit.reference.service.dynamodb;

import earkit.reference.domain.table.TableRecord;
import earkit.reference.domain.table.Tables;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.ArchivalSummary;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.RestoreSummary;
import software.amazon.awssdk.services.dynamodb.model.BillingModeSummary;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** A table record as DynamoDB describes it, SSEDescription included (DynamoDB API Reference, SSEDescription and UpdateTable). */
final class TableDescriptions {
    private TableDescriptions() {
    }

    static TableDescription of(Tables.View v) {
        TableRecord t = v.table();
        TableDescription.Builder b = TableDescription.builder()
                .tableName(t.name)
                .tableArn(t.arn())
                .tableId(t.id)
                .tableStatus(t.status.name())
                .creationDateTime(t.created)
                .keySchema(keySchema(t.keySchema))
                .attributeDefinitions(t.attributeTypes.entrySet().stream()
                        .map(e -> AttributeDefinition.builder().attributeName(e.getKey()).attributeType(e.getValue()).build())
                        .toList())
                .itemCount(v.itemCount())
                .tableSizeBytes(v.sizeBytes())
                .provisionedThroughput(throughput(t.readCapacity, t.writeCapacity))
                .deletionProtectionEnabled(t.deletionProtection);
        if ("PAY_PER_REQUEST".equals(t.billingMode)) {
            b.billingModeSummary(BillingModeSummary.builder().billingMode(t.billingMode)
                    .lastUpdateToPayPerRequestDateTime(t.created).build());
        }
        List<LocalSecondaryIndexDescription> lsis = new ArrayList<>();
        List<GlobalSecondaryIndexDescription> gsis = new ArrayList<>();
        for (TableRecord.IndexRecord ix : t.indexes) {
            String arn = t.arn() + "/index/" + ix.name;
            long count = v.indexItemCounts().getOrDefault(ix.name, 0L);
            if (ix.global) {
                gsis.add(GlobalSecondaryIndexDescription.builder().indexName(ix.name).indexArn(arn)
                        .keySchema(keySchema(ix.keySchema)).projection(projection(ix)).indexStatus("ACTIVE")
                        .itemCount(count).indexSizeBytes(0L)
                        .provisionedThroughput(throughput(ix.readCapacity, ix.writeCapacity)).build());
            } else {
                lsis.add(LocalSecondaryIndexDescription.builder().indexName(ix.name).indexArn(arn)
                        .keySchema(keySchema(ix.keySchema)).projection(projection(ix))
                        .itemCount(count).indexSizeBytes(0L).build());
            }
        }
        if (!lsis.isEmpty()) {
            b.localSecondaryIndexes(lsis);
        }
        if (!gsis.isEmpty()) {
            b.globalSecondaryIndexes(gsis);
        }
        if (t.streamEnabled) {
            b.streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(t.streamViewType).build())
                    .latestStreamLabel(t.streamLabel)
                    .latestStreamArn(t.arn() + "/stream/" + t.streamLabel);
        }
        SSEDescription sse = sse(t);
        if (sse != null) {
            b.sseDescription(sse);
        }
        if (t.restoredFromBackupArn != null) {
            b.restoreSummary(RestoreSummary.builder().sourceBackupArn(t.restoredFromBackupArn)
                    .sourceTableArn(t.restoredFromTableArn).restoreDateTime(t.restoredAt)
                    .restoreInProgress(t.status == TableRecord.Status.CREATING).build());
        }
        if (t.archivedAt != null) {
            b.archivalSummary(ArchivalSummary.builder().archivalDateTime(t.archivedAt)
                    .archivalReason(t.archivalReason).archivalBackupArn(t.archivalBackupArn).build());
        }
        return b.build();
    }

    /**
     * Owned key: no SSEDescription. KMS key: ENABLED with the key ARN. During a switch: UPDATING with the
     * key being replaced (nothing more when it is the owned key), as the AWS responses recorded in
     * observed answers of UpdateTable show (SSEDescription with Status UPDATING, the ARN only once known).
     */
    static SSEDescription sse(TableRecord t) {
        if ("UPDATING".equals(t.sseStatus)) {
            SSEDescription.Builder b = SSEDescription.builder().status("UPDATING");
            if (t.previousKeyArn != null) {
                b.sseType("KMS").kmsMasterKeyArn(t.previousKeyArn);
            }
            return b.build();
        }
        if (t.keyKind == TableRecord.KeyKind.OWNED) {
            return null;
        }
        SSEDescription.Builder b = SSEDescription.builder().status("ENABLED").sseType("KMS").kmsMasterKeyArn(t.keyArn);
        if (t.inaccessibleSince != null) {
            b.inaccessibleEncryptionDateTime(t.inaccessibleSince);
        }
        return b.build();
    }

    static List<KeySchemaElement> keySchema(List<TableRecord.KeyPart> parts) {
        return parts.stream().map(k -> KeySchemaElement.builder().attributeName(k.name).keyType(k.type).build()).toList();
    }

    static Projection projection(TableRecord.IndexRecord ix) {
        Projection.Builder p = Projection.builder().projectionType(ix.projectionType);
        if ("INCLUDE".equals(ix.projectionType)) {
            p.nonKeyAttributes(ix.nonKeyAttributes);
        }
        return p.build();
    }

    static ProvisionedThroughputDescription throughput(Long read, Long write) {
        return ProvisionedThroughputDescription.builder().numberOfDecreasesToday(0L)
                .readCapacityUnits(read == null ? 0L : read).writeCapacityUnits(write == null ? 0L : write).build();
    }

}

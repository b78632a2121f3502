package earkit.reference.service.dynamodb;

import static earkit.reference.service.dynamodb.ItemParameters.orNull;
import static earkit.reference.service.dynamodb.ItemParameters.placeholders;
import static earkit.reference.service.dynamodb.ItemParameters.projection;

import earkit.reference.Fault;
import earkit.reference.domain.expression.AttributeValues;
import earkit.reference.domain.expression.Condition;
import earkit.reference.domain.expression.Expressions;
import earkit.reference.domain.expression.KeyCondition;
import earkit.reference.domain.expression.LegacyConditions;
import earkit.reference.domain.expression.Projection;
import earkit.reference.domain.table.TableRecord;
import earkit.reference.domain.table.Tables;
import earkit.reference.protocol.ApiException;
import earkit.reference.protocol.EncodedResponse;
import earkit.reference.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** The reads: GetItem, and Query and Scan page by page (see {@link ReadPages}). */
final class ItemReads {
    private final Tables tables;
    // The self-test fault that lets the path these reads serve skip KMS (PartiQL's statements have their own), or null.
    private final Fault pathFault;

    ItemReads(Tables tables, Fault pathFault) {
        this.tables = tables;
        this.pathFault = pathFault;
    }

    SdkPojo get(RequestContext ctx, GetItemRequest r) {
        new ModelConstraints().oneOf("returnConsumedCapacity", r.returnConsumedCapacityAsString(), ModelConstraints.CONSUMED_CAPACITY)
                .tableName("tableName", r.tableName(), true).notNull("key", r.hasKey() ? r.key() : null).check();
        String table = TableRequests.tableName(r.tableName());
        LegacyParameters.attributesToGet(r.hasAttributesToGet(), r.attributesToGet());
        Map<String, String> names = orNull(r.hasExpressionAttributeNames(), r.expressionAttributeNames());
        placeholders(names, null, r.projectionExpression() != null);
        Projection proj = projection(r.projectionExpression(), names, r.hasAttributesToGet() ? r.attributesToGet() : null);
        Expressions.checkAllUsed(names, null, proj);
        Map<String, AttributeValue> given = ItemRules.canonical(r.key()); // validated before the table is looked up
        Capacity cap = Capacity.of(r.returnConsumedCapacityAsString());
        boolean consistent = Boolean.TRUE.equals(r.consistentRead());
        return tables.<SdkPojo>withItems(TableRequests.caller(ctx), ctx.region(), table, pathFault, s -> {
            Map<String, AttributeValue> key = ItemRules.checkKey(s.table(), given);
            if (proj == null && cap == null) {
                // The whole item: its JSON as stored is the answer's, with no decoding and encoding in between.
                byte[] stored = s.getEncoded(key);
                return stored == null ? GetItemResponse.builder().build() : EncodedResponse.member("Item", stored);
            }
            Map<String, AttributeValue> item = s.get(key);
            GetItemResponse.Builder b = GetItemResponse.builder();
            if (item != null) {
                b.item(proj == null ? item : proj.apply(item));
            }
            if (cap != null) {
                b.consumedCapacity(cap.read(s.table(), null,
                        Capacity.readUnits(item == null ? 0 : AttributeValues.size(item), consistent)));
            }
            return b.build();
        });
    }

    QueryResponse query(RequestContext ctx, QueryRequest r) {
        new ModelConstraints().oneOf("select", r.selectAsString(), ModelConstraints.SELECT).name("indexName", r.indexName(), false)
                .oneOf("returnConsumedCapacity", r.returnConsumedCapacityAsString(), ModelConstraints.CONSUMED_CAPACITY)
                .tableName("tableName", r.tableName(), true)
                .oneOf("conditionalOperator", r.conditionalOperatorAsString(), ModelConstraints.CONDITIONAL_OPERATOR)
                .atLeast("limit", r.limit(), 1).check();
        String table = TableRequests.tableName(r.tableName());
        new LegacyParameters().expression("ProjectionExpression", r.projectionExpression() != null)
                .expression("FilterExpression", r.filterExpression() != null)
                .expression("KeyConditionExpression", r.keyConditionExpression() != null)
                .legacy("AttributesToGet", r.hasAttributesToGet()).legacy("QueryFilter", r.hasQueryFilter())
                .legacy("ConditionalOperator", r.conditionalOperator() != null)
                // KeyConditions may go with the other expressions, as long as KeyConditionExpression is not given
                .legacy("KeyConditions", r.hasKeyConditions() && r.keyConditionExpression() != null).exclusive();
        Condition queryFilter = LegacyParameters.filter(r.hasQueryFilter(), r.queryFilter(), "queryFilter",
                r.conditionalOperatorAsString());
        LegacyParameters.attributesToGet(r.hasAttributesToGet(), r.attributesToGet());
        ReadPages.checkLimit(r.limit());
        Capacity queryCap = Capacity.of(r.returnConsumedCapacityAsString());
        List<LegacyConditions.Test> keyConditions = r.hasKeyConditions() ? LegacyParameters.conditions(r.keyConditions(), "keyConditions") : null;
        if (r.keyConditionExpression() == null && keyConditions == null) {
            throw ApiException.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        Map<String, String> names = orNull(r.hasExpressionAttributeNames(), r.expressionAttributeNames());
        Map<String, AttributeValue> values = orNull(r.hasExpressionAttributeValues(), r.expressionAttributeValues());
        placeholders(names, values, true);
        return tables.withReadItems(TableRequests.caller(ctx), ctx.region(), table, r.indexName(), pathFault, s -> {
            TableRecord t = s.table();
            List<earkit.reference.domain.expression.Parsed> parsed = new ArrayList<>();
            ReadPages.Read rd = ReadPages.read(t, r.indexName(), r.selectAsString(), r.filterExpression(), queryFilter,
                    r.projectionExpression(), r.hasAttributesToGet() ? r.attributesToGet() : null, names, values, r.limit(),
                    orNull(r.hasExclusiveStartKey(), r.exclusiveStartKey()), r.consistentRead(), parsed);
            TableRecord.IndexRecord ix = rd.index() == null ? null : t.index(rd.index());
            String hashKey = ix == null ? t.hashKey() : ix.hashKey();
            String rangeKey = ix == null ? t.rangeKey() : ix.rangeKey();
            if (queryFilter != null) {
                for (String k : r.queryFilter().keySet()) {
                    if (k.equals(hashKey) || k.equals(rangeKey)) {
                        throw ApiException.validation("QueryFilter can only contain non-primary key attributes: Primary key attribute: " + k);
                    }
                }
            }
            KeyCondition kc = keyConditions != null ? LegacyConditions.keyCondition(keyConditions, hashKey, rangeKey, t.attributeTypes)
                    : Expressions.keyCondition(r.keyConditionExpression(), names, values, hashKey, rangeKey);
            parsed.add(kc);
            Expressions.checkAllUsed(names, values, parsed.toArray(new earkit.reference.domain.expression.Parsed[0]));
            AttributeValue hash = kc.hashValue();
            if (!AttributeValues.type(hash).equals(t.attributeTypes.get(hashKey))) {
                throw ItemRules.invalid("Condition parameter type does not match schema type");
            }
            if (rd.exclusiveStart() != null && !AttributeValues.equal(rd.exclusiveStart().get(hashKey), hash)) {
                throw ApiException.validation("The provided starting key is outside query boundaries based on provided conditions");
            }
            boolean forward = r.scanIndexForward() == null || r.scanIndexForward();
            ReadPages.Page p = ReadPages.page(s, rd, s.query(rd.index(), hash, forward, rd.exclusiveStart()),
                    f -> rangeKey == null || !kc.hasRangeCondition() || kc.rangeMatches(f.item().get(rangeKey)),
                    f -> true);
            QueryResponse.Builder b = QueryResponse.builder().count(p.count()).scannedCount(p.scanned());
            if (queryCap != null) {
                b.consumedCapacity(queryCap.read(t, rd.index(), Capacity.readUnits(p.bytes(), Boolean.TRUE.equals(r.consistentRead()))));
            }
            if (!rd.count()) {
                b.items(p.items());
            }
            if (p.lastKey() != null) {
                b.lastEvaluatedKey(p.lastKey());
            }
            return b.build();
        });
    }

    ScanResponse scan(RequestContext ctx, ScanRequest r) {
        new ModelConstraints().oneOf("select", r.selectAsString(), ModelConstraints.SELECT).name("indexName", r.indexName(), false)
                .atLeast("totalSegments", r.totalSegments(), 1).atMost("totalSegments", r.totalSegments(), 1_000_000)
                .oneOf("returnConsumedCapacity", r.returnConsumedCapacityAsString(), ModelConstraints.CONSUMED_CAPACITY)
                .tableName("tableName", r.tableName(), true)
                .oneOf("conditionalOperator", r.conditionalOperatorAsString(), ModelConstraints.CONDITIONAL_OPERATOR)
                .atLeast("segment", r.segment(), 0).atLeast("limit", r.limit(), 1).check();
        String table = TableRequests.tableName(r.tableName());
        new LegacyParameters().expression("ProjectionExpression", r.projectionExpression() != null)
                .expression("FilterExpression", r.filterExpression() != null)
                .legacy("AttributesToGet", r.hasAttributesToGet()).legacy("ScanFilter", r.hasScanFilter())
                .legacy("ConditionalOperator", r.conditionalOperator() != null).exclusive();
        Condition scanFilter = LegacyParameters.filter(r.hasScanFilter(), r.scanFilter(), "scanFilter",
                r.conditionalOperatorAsString());
        LegacyParameters.attributesToGet(r.hasAttributesToGet(), r.attributesToGet());
        Map<String, String> names = orNull(r.hasExpressionAttributeNames(), r.expressionAttributeNames());
        Map<String, AttributeValue> values = orNull(r.hasExpressionAttributeValues(), r.expressionAttributeValues());
        placeholders(names, values, r.filterExpression() != null || r.projectionExpression() != null);
        ReadPages.checkLimit(r.limit());
        Capacity scanCap = Capacity.of(r.returnConsumedCapacityAsString());
        Integer segment = r.segment();
        Integer total = r.totalSegments();
        if (segment != null && total == null) {
            throw ApiException.validation("The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
        }
        if (total != null && segment == null) {
            throw ApiException.validation("The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
        }
        if (total != null && (total < 1 || total > 1_000_000)) {
            throw ApiException.validation("1 validation error detected: Value '" + total
                    + "' at 'totalSegments' failed to satisfy constraint: Member must have value "
                    + (total < 1 ? "greater than or equal to 1" : "less than or equal to 1000000"));
        }
        if (segment != null && (segment < 0 || segment >= total)) {
            throw ApiException.validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: "
                    + segment + " is not less than TotalSegments: " + total);
        }
        return tables.withReadItems(TableRequests.caller(ctx), ctx.region(), table, r.indexName(), pathFault, s -> {
            TableRecord t = s.table();
            List<earkit.reference.domain.expression.Parsed> parsed = new ArrayList<>();
            ReadPages.Read rd = ReadPages.read(t, r.indexName(), r.selectAsString(), r.filterExpression(), scanFilter,
                    r.projectionExpression(), r.hasAttributesToGet() ? r.attributesToGet() : null, names, values, r.limit(),
                    orNull(r.hasExclusiveStartKey(), r.exclusiveStartKey()), r.consistentRead(), parsed);
            Expressions.checkAllUsed(names, values, parsed.toArray(new earkit.reference.domain.expression.Parsed[0]));
            ReadPages.Page p = ReadPages.page(s, rd, s.scan(rd.index(), rd.exclusiveStart(), segment, total), f -> true,
                    f -> total == null || (f.partitionHash() * total) >>> 32 == segment);
            ScanResponse.Builder b = ScanResponse.builder().count(p.count()).scannedCount(p.scanned());
            if (scanCap != null) {
                b.consumedCapacity(scanCap.read(t, rd.index(), Capacity.readUnits(p.bytes(), Boolean.TRUE.equals(r.consistentRead()))));
            }
            if (!rd.count()) {
                b.items(p.items());
            }
            if (p.lastKey() != null) {
                b.lastEvaluatedKey(p.lastKey());
            }
            return b.build();
        });
    }
}

package earkit.reference.service.dynamodb;

import earkit.reference.domain.expression.AttributeValues;
import earkit.reference.domain.expression.Condition;
import earkit.reference.domain.expression.Expressions;
import earkit.reference.domain.expression.KeyCondition;
import earkit.reference.domain.expression.Projection;
import earkit.reference.domain.expression.Update;
import earkit.reference.domain.table.TableRecord;
import earkit.reference.domain.table.TableSession;
import earkit.reference.domain.table.Tables;
import earkit.reference.protocol.ApiException;
import earkit.reference.protocol.EncodedResponse;
import earkit.reference.protocol.RequestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The item operations: DynamoDB's semantics on top of a table session. */
final class ItemRequests {
    /** A Query or Scan page stops after this much data read (DynamoDB's 1 MB). */
    private static final long PAGE_BYTES = 1024 * 1024;
    private final Tables tables;

    ItemRequests(Tables tables) {
        this.tables = tables;
    }

    private static <K, V> Map<K, V> orNull(boolean has, Map<K, V> m) {
        return has ? m : null;
    }

    /** The placeholders maps: refused when empty, or when no expression could use them. */
    private static void placeholders(Map<String, String> names, Map<String, AttributeValue> values, boolean anyExpression) {
        if (names != null && names.isEmpty()) {
            throw ApiException.validation("ExpressionAttributeNames must not be empty");
        }
        if (values != null && values.isEmpty()) {
            throw ApiException.validation("ExpressionAttributeValues must not be empty");
        }
        if (!anyExpression && names != null) {
            throw ApiException.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (!anyExpression && values != null) {
            throw ApiException.validation("ExpressionAttributeValues can only be specified when using expressions");
        }
        if (values != null) {
            values.values().forEach(ItemRules::checkValue);
        }
    }

    /**
     * The pre-expression parameters (Expected, AttributeUpdates, QueryFilter, ScanFilter, KeyConditions,
     * ConditionalOperator) are refused rather than ignored: ignoring a condition would acknowledge a
     * write DynamoDB refuses.
     */
    private static void noLegacy(String operation, boolean... given) {
        String[] names = {"Expected", "AttributeUpdates", "QueryFilter", "ScanFilter", "KeyConditions", "ConditionalOperator"};
        for (int i = 0; i < given.length; i++) {
            if (given[i]) {
                throw ApiException.validation("The legacy parameter " + names[i] + " of " + operation
                        + " is not supported by this implementation; use the expression parameters");
            }
        }
    }

    private static Condition condition(String kind, String expr, Map<String, String> names, Map<String, AttributeValue> values) {
        return expr == null ? null : Expressions.condition(kind, expr, names, values);
    }

    private static ApiException conditionFailed() {
        return new ApiException("ConditionalCheckFailedException", "The conditional request failed");
    }

    private static String returnValues(String given, Set<String> allowed) {
        String rv = given == null ? "NONE" : given;
        if (!allowed.contains(rv)) {
            throw ApiException.validation("Return values set to invalid value");
        }
        return rv;
    }

    PutItemResponse put(RequestContext ctx, PutItemRequest r) {
        String table = TableRequests.tableName(r.tableName());
        noLegacy("PutItem", r.hasExpected(), false, false, false, false, r.conditionalOperator() != null);
        Map<String, String> names = orNull(r.hasExpressionAttributeNames(), r.expressionAttributeNames());
        Map<String, AttributeValue> values = orNull(r.hasExpressionAttributeValues(), r.expressionAttributeValues());
        placeholders(names, values, r.conditionExpression() != null);
        Condition cond = condition("ConditionExpression", r.conditionExpression(), names, values);
        Expressions.checkAllUsed(names, values, cond);
        String rv = returnValues(r.returnValuesAsString(), Set.of("NONE", "ALL_OLD"));
        Map<String, AttributeValue> item = r.item();
        return tables.withItems(TableRequests.caller(ctx), ctx.region(), table, s -> {
            long size = ItemRules.checkItem(s.table(), item);
            boolean opened = cond != null || "ALL_OLD".equals(rv) || s.needsOldItem();
            Map<String, AttributeValue> old = opened ? s.get(ItemRules.keyOf(s.table(), item)) : null;
            if (cond != null && !cond.test(old == null ? Map.of() : old)) {
                throw conditionFailed();
            }
            s.put(item, old, size);
            PutItemResponse.Builder b = PutItemResponse.builder();
            if ("ALL_OLD".equals(rv) && old != null) {
                b.attributes(old);
            }
            return b.build();
        });
    }

    SdkPojo get(RequestContext ctx, GetItemRequest r) {
        String table = TableRequests.tableName(r.tableName());
        Map<String, String> names = orNull(r.hasExpressionAttributeNames(), r.expressionAttributeNames());
        placeholders(names, null, r.projectionExpression() != null);
        Projection proj = projection(r.projectionExpression(), names, r.hasAttributesToGet() ? r.attributesToGet() : null);
        Expressions.checkAllUsed(names, null, proj);
        return tables.<SdkPojo>withItems(TableRequests.caller(ctx), ctx.region(), table, s -> {
            Map<String, AttributeValue> key = ItemRules.checkKey(s.table(), r.key());
            if (proj == null) {
                // The whole item: its JSON as stored is the answer's, with no decoding and encoding in between.
                byte[] stored = s.getEncoded(key);
                return stored == null ? GetItemResponse.builder().build() : EncodedResponse.member("Item", stored);
            }
            Map<String, AttributeValue> item = s.get(key);
            GetItemResponse.Builder b = GetItemResponse.builder();
            if (item != null) {
                b.item(proj.apply(item));
            }
            return b.build();
        });
    }

    private static Projection projection(String expr, Map<String, String> names, List<String> attributesToGet) {
        if (expr != null && attributesToGet != null) {
            throw ApiException.validation("Can not use both expression and non-expression parameters in the same request: "
                    + "Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
        }
        if (attributesToGet != null) {
            Set<String> wanted = new HashSet<>(attributesToGet);
            return new Projection() {
                @Override
                public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
                    Map<String, AttributeValue> out = new LinkedHashMap<>();
                    item.forEach((k, v) -> {
                        if (wanted.contains(k)) {
                            out.put(k, v);
                        }
                    });
                    return out;
                }

                @Override
                public Set<String> nestedAttributes() {
                    return Set.of();
                }

                @Override
                public Set<String> usedNames() {
                    return Set.of();
                }

                @Override
                public Set<String> usedValues() {
                    return Set.of();
                }
            };
        }
        return expr == null ? null : Expressions.projection(expr, names);
    }

    UpdateItemResponse update(RequestContext ctx, UpdateItemRequest r) {
        String table = TableRequests.tableName(r.tableName());
        noLegacy("UpdateItem", r.hasExpected(), r.hasAttributeUpdates(), false, false, false, r.conditionalOperator() != null);
        Map<String, String> names = orNull(r.hasExpressionAttributeNames(), r.expressionAttributeNames());
        Map<String, AttributeValue> values = orNull(r.hasExpressionAttributeValues(), r.expressionAttributeValues());
        placeholders(names, values, r.conditionExpression() != null || r.updateExpression() != null);
        Update update = r.updateExpression() == null ? null : Expressions.update(r.updateExpression(), names, values);
        Condition cond = condition("ConditionExpression", r.conditionExpression(), names, values);
        Expressions.checkAllUsed(names, values, update, cond);
        String rv = returnValues(r.returnValuesAsString(), Set.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"));
        return tables.withItems(TableRequests.caller(ctx), ctx.region(), table, s -> {
            TableRecord t = s.table();
            Map<String, AttributeValue> key = ItemRules.checkKey(t, r.key());
            if (update != null) {
                for (TableRecord.KeyPart k : t.keySchema) {
                    if (update.topLevelAttributes().contains(k.name)) {
                        throw ItemRules.invalid("Cannot update attribute " + k.name + ". This attribute is part of the key");
                    }
                }
            }
            Map<String, AttributeValue> old = s.get(key);
            if (cond != null && !cond.test(old == null ? Map.of() : old)) {
                throw conditionFailed();
            }
            Map<String, AttributeValue> base = old != null ? old : key;
            Map<String, AttributeValue> item = update == null ? base : update.apply(base);
            ItemRules.checkItem(t, item);
            s.put(item, old);
            UpdateItemResponse.Builder b = UpdateItemResponse.builder();
            Map<String, AttributeValue> out = switch (rv) {
                case "ALL_OLD" -> old;
                case "ALL_NEW" -> item;
                case "UPDATED_OLD" -> old == null ? null : only(old, update == null ? Set.of() : update.topLevelAttributes());
                case "UPDATED_NEW" -> only(item, update == null ? Set.of() : update.topLevelAttributes());
                default -> null;
            };
            if (out != null && !out.isEmpty()) {
                b.attributes(out);
            }
            return b.build();
        });
    }

    private static Map<String, AttributeValue> only(Map<String, AttributeValue> item, Set<String> names) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        item.forEach((k, v) -> {
            if (names.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    DeleteItemResponse delete(RequestContext ctx, DeleteItemRequest r) {
        String table = TableRequests.tableName(r.tableName());
        noLegacy("DeleteItem", r.hasExpected(), false, false, false, false, r.conditionalOperator() != null);
        Map<String, String> names = orNull(r.hasExpressionAttributeNames(), r.expressionAttributeNames());
        Map<String, AttributeValue> values = orNull(r.hasExpressionAttributeValues(), r.expressionAttributeValues());
        placeholders(names, values, r.conditionExpression() != null);
        Condition cond = condition("ConditionExpression", r.conditionExpression(), names, values);
        Expressions.checkAllUsed(names, values, cond);
        String rv = returnValues(r.returnValuesAsString(), Set.of("NONE", "ALL_OLD"));
        return tables.withItems(TableRequests.caller(ctx), ctx.region(), table, s -> {
            Map<String, AttributeValue> old = s.get(ItemRules.checkKey(s.table(), r.key()));
            if (cond != null && !cond.test(old == null ? Map.of() : old)) {
                throw conditionFailed();
            }
            if (old != null) {
                s.delete(old);
            }
            DeleteItemResponse.Builder b = DeleteItemResponse.builder();
            if ("ALL_OLD".equals(rv) && old != null) {
                b.attributes(old);
            }
            return b.build();
        });
    }

    /** What a Query or Scan reads and returns. */
    /** {@code fromTable}: a local index that lacks attributes the request needs reads them from the table, as DynamoDB does. */
    private record Read(String index, Condition filter, Projection projection, boolean count, Integer limit,
                        Map<String, AttributeValue> exclusiveStart, boolean fromTable) {
    }

    private record Page(List<Map<String, AttributeValue>> items, int count, int scanned,
                        Map<String, AttributeValue> lastKey) {
    }

    private static Read read(TableRecord t, String index, String select, String filterExpr, String projectionExpr,
                             List<String> attributesToGet, Map<String, String> names, Map<String, AttributeValue> values,
                             Integer limit, Map<String, AttributeValue> exclusiveStart, Boolean consistent,
                             List<earkit.reference.domain.expression.Parsed> parsed) {
        TableRecord.IndexRecord ix = null;
        if (index != null) {
            ix = t.index(index);
            if (ix == null) {
                throw ApiException.validation("The table does not have the specified index: " + index);
            }
            if (ix.global && Boolean.TRUE.equals(consistent)) {
                throw ApiException.validation("Consistent reads are not supported on global secondary indexes");
            }
        }
        if (limit != null && limit < 1) {
            throw ApiException.validation("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        Condition filter = condition("FilterExpression", filterExpr, names, values);
        Projection proj = projection(projectionExpr, names, attributesToGet);
        parsed.add(filter);
        parsed.add(proj);
        String sel = select;
        if (sel != null && !Set.of("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT").contains(sel)) {
            throw ApiException.validation("1 validation error detected: Value '" + sel
                    + "' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
        }
        if (proj != null && sel != null && !"SPECIFIC_ATTRIBUTES".equals(sel)) {
            throw ApiException.validation("Cannot specify the AttributesToGet or ProjectionExpression when choosing to get " + sel);
        }
        if ("ALL_PROJECTED_ATTRIBUTES".equals(sel) && ix == null) {
            throw ApiException.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        }
        if ("ALL_ATTRIBUTES".equals(sel) && ix != null && ix.global && !"ALL".equals(ix.projectionType)) {
            throw ItemRules.invalid("Select type ALL_ATTRIBUTES is not supported for global secondary index " + ix.name
                    + " because its projection type is not ALL");
        }
        if (exclusiveStart != null) {
            ItemRules.checkValues(exclusiveStart);
            Set<String> needed = new HashSet<>();
            t.keySchema.forEach(k -> needed.add(k.name));
            if (ix != null) {
                ix.keySchema.forEach(k -> needed.add(k.name));
            }
            for (String n : needed) {
                AttributeValue v = exclusiveStart.get(n);
                if (v == null || !AttributeValues.type(v).equals(t.attributeTypes.get(n))) {
                    throw ApiException.validation("The provided starting key is invalid: The provided key element does not match the schema");
                }
            }
        }
        boolean fromTable = ix != null && !ix.global && !"ALL".equals(ix.projectionType)
                && ("ALL_ATTRIBUTES".equals(sel) || proj != null || filter != null);
        return new Read(index, filter, proj, "COUNT".equals(sel), limit, exclusiveStart, fromTable);
    }

    /** Reads entries until the limit or a page's worth of data, filtering and projecting as asked. */
    private static Page page(TableSession s, Read rd, Iterator<TableSession.Found> it,
                             java.util.function.Predicate<TableSession.Found> inRange,
                             java.util.function.Predicate<TableSession.Found> inSegment) {
        TableRecord t = s.table();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        int count = 0;
        int scanned = 0;
        long bytes = 0;
        Map<String, AttributeValue> last = null;
        boolean stopped = false;
        while (it.hasNext()) {
            TableSession.Found f = it.next();
            if (!inRange.test(f) || !inSegment.test(f)) {
                continue;
            }
            Map<String, AttributeValue> item = f.item();
            if (rd.fromTable()) {
                Map<String, AttributeValue> full = s.get(ItemRules.keyOf(t, item));
                item = full == null ? item : full;
            }
            scanned++;
            bytes += AttributeValues.size(item);
            if (rd.filter() == null || rd.filter().test(item)) {
                count++;
                if (!rd.count()) {
                    items.add(rd.projection() == null ? item : rd.projection().apply(item));
                }
            }
            last = item;
            if ((rd.limit() != null && scanned >= rd.limit()) || bytes >= PAGE_BYTES) {
                stopped = true;
                break;
            }
        }
        Map<String, AttributeValue> lastKey = null;
        if (stopped && last != null) {
            lastKey = new LinkedHashMap<>(ItemRules.keyOf(t, last));
            if (rd.index() != null) {
                for (TableRecord.KeyPart k : t.index(rd.index()).keySchema) {
                    lastKey.put(k.name, last.get(k.name));
                }
            }
        }
        return new Page(items, count, scanned, lastKey);
    }

    QueryResponse query(RequestContext ctx, QueryRequest r) {
        String table = TableRequests.tableName(r.tableName());
        noLegacy("Query", false, false, r.hasQueryFilter(), false, r.hasKeyConditions(), r.conditionalOperator() != null);
        if (r.keyConditionExpression() == null) {
            throw ApiException.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        Map<String, String> names = orNull(r.hasExpressionAttributeNames(), r.expressionAttributeNames());
        Map<String, AttributeValue> values = orNull(r.hasExpressionAttributeValues(), r.expressionAttributeValues());
        placeholders(names, values, true);
        return tables.withItems(TableRequests.caller(ctx), ctx.region(), table, s -> {
            TableRecord t = s.table();
            List<earkit.reference.domain.expression.Parsed> parsed = new ArrayList<>();
            Read rd = read(t, r.indexName(), r.selectAsString(), r.filterExpression(), r.projectionExpression(),
                    r.hasAttributesToGet() ? r.attributesToGet() : null, names, values, r.limit(),
                    orNull(r.hasExclusiveStartKey(), r.exclusiveStartKey()), r.consistentRead(), parsed);
            TableRecord.IndexRecord ix = rd.index() == null ? null : t.index(rd.index());
            String hashKey = ix == null ? t.hashKey() : ix.hashKey();
            String rangeKey = ix == null ? t.rangeKey() : ix.rangeKey();
            KeyCondition kc = Expressions.keyCondition(r.keyConditionExpression(), names, values, hashKey, rangeKey);
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
            Page p = page(s, rd, s.query(rd.index(), hash, forward, rd.exclusiveStart()),
                    f -> rangeKey == null || !kc.hasRangeCondition() || kc.rangeMatches(f.item().get(rangeKey)),
                    f -> true);
            QueryResponse.Builder b = QueryResponse.builder().count(p.count()).scannedCount(p.scanned());
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
        String table = TableRequests.tableName(r.tableName());
        noLegacy("Scan", false, false, false, r.hasScanFilter(), false, r.conditionalOperator() != null);
        Map<String, String> names = orNull(r.hasExpressionAttributeNames(), r.expressionAttributeNames());
        Map<String, AttributeValue> values = orNull(r.hasExpressionAttributeValues(), r.expressionAttributeValues());
        placeholders(names, values, r.filterExpression() != null || r.projectionExpression() != null);
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
        return tables.withItems(TableRequests.caller(ctx), ctx.region(), table, s -> {
            TableRecord t = s.table();
            List<earkit.reference.domain.expression.Parsed> parsed = new ArrayList<>();
            Read rd = read(t, r.indexName(), r.selectAsString(), r.filterExpression(), r.projectionExpression(),
                    r.hasAttributesToGet() ? r.attributesToGet() : null, names, values, r.limit(),
                    orNull(r.hasExclusiveStartKey(), r.exclusiveStartKey()), r.consistentRead(), parsed);
            Expressions.checkAllUsed(names, values, parsed.toArray(new earkit.reference.domain.expression.Parsed[0]));
            Page p = page(s, rd, s.scan(rd.index(), rd.exclusiveStart()), f -> true,
                    f -> total == null || (f.partitionHash() * total) >>> 32 == segment);
            ScanResponse.Builder b = ScanResponse.builder().count(p.count()).scannedCount(p.scanned());
            if (!rd.count()) {
                b.items(p.items());
            }
            if (p.lastKey() != null) {
                b.lastEvaluatedKey(p.lastKey());
            }
            return b.build();
        });
    }

    BatchGetItemResponse batchGet(RequestContext ctx, BatchGetItemRequest r) {
        if (!r.hasRequestItems() || r.requestItems().isEmpty()) {
            throw ApiException.validation("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        int total = r.requestItems().values().stream().mapToInt(k -> k.hasKeys() ? k.keys().size() : 0).sum();
        if (total > 100) {
            throw ApiException.validation("Too many items requested for the BatchGetItem call");
        }
        Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>();
        for (Map.Entry<String, KeysAndAttributes> e : r.requestItems().entrySet()) {
            String table = TableRequests.tableName(e.getKey());
            KeysAndAttributes ka = e.getValue();
            if (!ka.hasKeys() || ka.keys().isEmpty()) {
                throw ApiException.validation("1 validation error detected: Value null at 'requestItems." + table
                        + ".member.keys' failed to satisfy constraint: Member must have length greater than or equal to 1");
            }
            Map<String, String> names = orNull(ka.hasExpressionAttributeNames(), ka.expressionAttributeNames());
            placeholders(names, null, ka.projectionExpression() != null);
            Projection proj = projection(ka.projectionExpression(), names, ka.hasAttributesToGet() ? ka.attributesToGet() : null);
            Expressions.checkAllUsed(names, null, proj);
            responses.put(e.getKey(), tables.withItems(TableRequests.caller(ctx), ctx.region(), table, s -> {
                Set<String> seen = new HashSet<>();
                List<Map<String, AttributeValue>> found = new ArrayList<>();
                for (Map<String, AttributeValue> key : ka.keys()) {
                    ItemRules.checkKey(s.table(), key);
                    if (!seen.add(ItemRules.identity(key))) {
                        throw ApiException.validation("Provided list of item keys contains duplicates");
                    }
                }
                for (Map<String, AttributeValue> key : ka.keys()) {
                    Map<String, AttributeValue> item = s.get(key);
                    if (item != null) {
                        found.add(proj == null ? item : proj.apply(item));
                    }
                }
                return found;
            }));
        }
        return BatchGetItemResponse.builder().responses(responses).unprocessedKeys(Map.of()).build();
    }

    BatchWriteItemResponse batchWrite(RequestContext ctx, BatchWriteItemRequest r) {
        if (!r.hasRequestItems() || r.requestItems().isEmpty()) {
            throw ApiException.validation("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        int total = r.requestItems().values().stream().mapToInt(List::size).sum();
        if (total > 25) {
            throw ApiException.validation("1 validation error detected: Value at 'requestItems' failed to satisfy constraint: "
                    + "Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]");
        }
        for (Map.Entry<String, List<WriteRequest>> e : r.requestItems().entrySet()) {
            String table = TableRequests.tableName(e.getKey());
            tables.withItems(TableRequests.caller(ctx), ctx.region(), table, s -> {
                TableRecord t = s.table();
                Set<String> seen = new HashSet<>();
                for (WriteRequest w : e.getValue()) {
                    Map<String, AttributeValue> key;
                    if (w.putRequest() != null && w.deleteRequest() == null) {
                        ItemRules.checkItem(t, w.putRequest().item());
                        key = ItemRules.keyOf(t, w.putRequest().item());
                    } else if (w.deleteRequest() != null && w.putRequest() == null) {
                        key = ItemRules.checkKey(t, w.deleteRequest().key());
                    } else {
                        throw ApiException.validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
                    }
                    if (!seen.add(ItemRules.identity(key))) {
                        throw ApiException.validation("Provided list of item keys contains duplicates");
                    }
                }
                for (WriteRequest w : e.getValue()) {
                    if (w.putRequest() != null) {
                        Map<String, AttributeValue> item = w.putRequest().item();
                        s.put(item, s.needsOldItem() ? s.get(ItemRules.keyOf(t, item)) : null);
                    } else {
                        Map<String, AttributeValue> old = s.get(w.deleteRequest().key());
                        if (old != null) {
                            s.delete(old);
                        }
                    }
                }
                return null;
            });
        }
        return BatchWriteItemResponse.builder().unprocessedItems(Map.of()).build();
    }
}

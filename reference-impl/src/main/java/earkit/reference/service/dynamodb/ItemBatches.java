package earkit.reference.service.dynamodb;

import static earkit.reference.service.dynamodb.ItemParameters.orNull;
import static earkit.reference.service.dynamodb.ItemParameters.placeholders;
import static earkit.reference.service.dynamodb.ItemParameters.projection;

import earkit.reference.Fault;
import earkit.reference.domain.expression.AttributeValues;
import earkit.reference.domain.expression.Expressions;
import earkit.reference.domain.expression.Projection;
import earkit.reference.domain.table.TableRecord;
import earkit.reference.domain.table.Tables;
import earkit.reference.protocol.ApiException;
import earkit.reference.protocol.RequestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchGetItem and BatchWriteItem: many keys or writes at once, each table's checked whole before any is done.
 * What is not taken at once comes back unprocessed: the keys past 16 MB of response (as DynamoDB documents), and
 * whatever {@link BatchPacing} leaves for a client's retry loop.
 */
final class ItemBatches {
    /** "BatchGetItem returns a partial result if the response size limit is exceeded" (16 MB). */
    static final long MAX_RESPONSE_BYTES = 16L * 1024 * 1024;
    private final Tables tables;
    private final BatchPacing pacing;

    ItemBatches(Tables tables, BatchPacing pacing) {
        this.tables = tables;
        this.pacing = pacing;
    }

    BatchGetItemResponse batchGet(RequestContext ctx, BatchGetItemRequest r) {
        Map<String, KeysAndAttributes> items = r.hasRequestItems() ? r.requestItems() : null;
        ModelConstraints c = new ModelConstraints()
                .oneOf("returnConsumedCapacity", r.returnConsumedCapacityAsString(), ModelConstraints.CONSUMED_CAPACITY)
                .notNull("requestItems", items).size("requestItems", items, items == null ? null : items.size(), 1, 100)
                .tableNameKeys("requestItems", items == null ? null : items.keySet());
        if (items != null) {
            items.forEach((table, ka) -> {
                String at = "requestItems." + table + ".member.";
                List<?> keys = ka.hasKeys() ? ka.keys() : null;
                c.notNull(at + "keys", keys).size(at + "keys", keys, keys == null ? null : keys.size(), 1, 100)
                        .size(at + "attributesToGet", ka.hasAttributesToGet() ? ka.attributesToGet() : null,
                                ka.hasAttributesToGet() ? ka.attributesToGet().size() : null, 1, 255);
            });
        }
        c.check();
        int total = r.requestItems().values().stream().mapToInt(k -> k.hasKeys() ? k.keys().size() : 0).sum();
        if (total > 100) {
            throw ApiException.validation("Too many items requested for the BatchGetItem call");
        }
        Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>();
        Map<String, KeysAndAttributes> unprocessed = new LinkedHashMap<>();
        int[] position = {0};
        long[] bytes = {0};
        Capacity cap = Capacity.of(r.returnConsumedCapacityAsString());
        List<software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity> consumed = new ArrayList<>();
        for (Map.Entry<String, KeysAndAttributes> e : r.requestItems().entrySet()) {
            String table = TableRequests.tableName(e.getKey());
            KeysAndAttributes ka = e.getValue();
            Map<String, String> names = orNull(ka.hasExpressionAttributeNames(), ka.expressionAttributeNames());
            placeholders(names, null, ka.projectionExpression() != null);
            Projection proj = projection(ka.projectionExpression(), names, ka.hasAttributesToGet() ? ka.attributesToGet() : null);
            Expressions.checkAllUsed(names, null, proj);
            responses.put(e.getKey(), tables.withItems(TableRequests.caller(ctx), ctx.region(), table, Fault.BATCH_GET_SKIPS_KEY_CHECK, s -> {
                Set<String> seen = new HashSet<>();
                List<Map<String, AttributeValue>> found = new ArrayList<>();
                for (Map<String, AttributeValue> key : ka.keys()) {
                    ItemRules.checkKey(s.table(), key);
                    if (!seen.add(ItemRules.identity(key))) {
                        throw ApiException.validation("Provided list of item keys contains duplicates");
                    }
                }
                double units = 0;
                List<Map<String, AttributeValue>> left = new ArrayList<>();
                for (Map<String, AttributeValue> key : ka.keys()) {
                    if (pacing.leftUnprocessed(++position[0]) || bytes[0] > MAX_RESPONSE_BYTES) {
                        left.add(key);
                        continue;
                    }
                    Map<String, AttributeValue> item = s.get(ItemRules.checkKey(s.table(), key));
                    long size = item == null ? 0 : AttributeValues.size(item);
                    if (item != null && bytes[0] > 0 && bytes[0] + size > MAX_RESPONSE_BYTES) {
                        bytes[0] = MAX_RESPONSE_BYTES + 1; // full: this key and the rest wait for the retry
                        left.add(key);
                        continue;
                    }
                    if (item != null) {
                        bytes[0] += size;
                        found.add(proj == null ? item : proj.apply(item));
                    }
                    units += Capacity.readUnits(size, Boolean.TRUE.equals(ka.consistentRead()));
                }
                if (!left.isEmpty()) {
                    unprocessed.put(e.getKey(), ka.toBuilder().keys(left).build());
                }
                if (cap != null) {
                    consumed.add(cap.total(s.table().name, units, true));
                }
                return found;
            }));
        }
        BatchGetItemResponse.Builder b = BatchGetItemResponse.builder().responses(responses).unprocessedKeys(unprocessed);
        return (cap == null ? b : b.consumedCapacity(consumed)).build();
    }

    BatchWriteItemResponse batchWrite(RequestContext ctx, BatchWriteItemRequest r) {
        Map<String, List<WriteRequest>> items = r.hasRequestItems() ? r.requestItems() : null;
        new ModelConstraints().oneOf("returnConsumedCapacity", r.returnConsumedCapacityAsString(), ModelConstraints.CONSUMED_CAPACITY)
                .oneOf("returnItemCollectionMetrics", r.returnItemCollectionMetricsAsString(), ModelConstraints.ITEM_COLLECTION_METRICS)
                .notNull("requestItems", items).size("requestItems", items, items == null ? null : items.size(), 1, 25)
                .tableNameKeys("requestItems", items == null ? null : items.keySet())
                .valueSizes("requestItems", items, 1, 25).check();
        int total = items.values().stream().mapToInt(List::size).sum();
        if (total > 25) {
            throw ApiException.validation("Too many items requested for the BatchWriteItem call");
        }
        Capacity cap = Capacity.of(r.returnConsumedCapacityAsString());
        List<software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity> consumed = new ArrayList<>();
        Map<String, List<WriteRequest>> unprocessed = new LinkedHashMap<>();
        int[] position = {0};
        for (Map.Entry<String, List<WriteRequest>> e : r.requestItems().entrySet()) {
            String table = TableRequests.tableName(e.getKey());
            tables.withItems(TableRequests.caller(ctx), ctx.region(), table, Fault.BATCH_WRITE_SKIPS_KEY_CHECK, s -> {
                TableRecord t = s.table();
                Set<String> seen = new HashSet<>();
                Map<WriteRequest, Map<String, AttributeValue>> puts = new java.util.IdentityHashMap<>();
                for (WriteRequest w : e.getValue()) {
                    Map<String, AttributeValue> key;
                    if (w.putRequest() != null && w.deleteRequest() == null) {
                        Map<String, AttributeValue> item = ItemRules.canonical(w.putRequest().item());
                        ItemRules.checkItem(t, item);
                        key = ItemRules.keyOf(t, item);
                        puts.put(w, item);
                    } else if (w.deleteRequest() != null && w.putRequest() == null) {
                        key = ItemRules.checkKey(t, w.deleteRequest().key());
                    } else {
                        throw ApiException.validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
                    }
                    if (!seen.add(ItemRules.identity(key))) {
                        throw ApiException.validation("Provided list of item keys contains duplicates");
                    }
                }
                double units = 0;
                for (WriteRequest w : e.getValue()) {
                    if (pacing.leftUnprocessed(++position[0])) {
                        unprocessed.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(w);
                        continue;
                    }
                    if (w.putRequest() != null) {
                        Map<String, AttributeValue> item = puts.get(w);
                        Map<String, AttributeValue> old = s.needsOldItem() || cap != null ? s.get(ItemRules.keyOf(t, item)) : null;
                        s.put(item, old);
                        units += cap == null ? 0 : cap.write(t, old, item).capacityUnits();
                    } else {
                        Map<String, AttributeValue> old = s.get(ItemRules.checkKey(t, w.deleteRequest().key()));
                        if (old != null) {
                            s.delete(old);
                        }
                        units += cap == null ? 0 : cap.write(t, old, null).capacityUnits();
                    }
                }
                if (cap != null) {
                    consumed.add(cap.total(t.name, units, false));
                }
                return null;
            });
        }
        BatchWriteItemResponse.Builder b = BatchWriteItemResponse.builder().unprocessedItems(unprocessed);
        return (cap == null ? b : b.consumedCapacity(consumed)).build();
    }
}

package earkit.reference.service.dynamodb;

import static earkit.reference.service.dynamodb.ItemParameters.condition;
import static earkit.reference.service.dynamodb.ItemParameters.conditionFailed;
import static earkit.reference.service.dynamodb.ItemParameters.orNull;
import static earkit.reference.service.dynamodb.ItemParameters.placeholders;
import static earkit.reference.service.dynamodb.ItemParameters.returnValues;

import earkit.reference.Fault;
import earkit.reference.domain.expression.Condition;
import earkit.reference.domain.expression.Expressions;
import earkit.reference.domain.expression.Numbers;
import earkit.reference.domain.expression.Update;
import earkit.reference.domain.table.TableRecord;
import earkit.reference.domain.table.Tables;
import earkit.reference.protocol.RequestContext;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** The single-item writes: PutItem, UpdateItem, DeleteItem, with their conditions and return values. */
final class ItemWrites {
    private final Tables tables;
    // The self-test fault that lets the path these writes serve skip KMS (PartiQL's statements have their own), or null.
    private final Fault pathFault;

    ItemWrites(Tables tables, Fault pathFault) {
        this.tables = tables;
        this.pathFault = pathFault;
    }

    PutItemResponse put(RequestContext ctx, PutItemRequest r) {
        new ModelConstraints().oneOf("returnConsumedCapacity", r.returnConsumedCapacityAsString(), ModelConstraints.CONSUMED_CAPACITY)
                .tableName("tableName", r.tableName(), true).notNull("item", r.hasItem() ? r.item() : null)
                .oneOf("conditionalOperator", r.conditionalOperatorAsString(), ModelConstraints.CONDITIONAL_OPERATOR)
                .oneOf("returnValues", r.returnValuesAsString(), ModelConstraints.RETURN_VALUES)
                .oneOf("returnItemCollectionMetrics", r.returnItemCollectionMetricsAsString(), ModelConstraints.ITEM_COLLECTION_METRICS)
                .check();
        String table = TableRequests.tableName(r.tableName());
        new LegacyParameters().expression("ConditionExpression", r.conditionExpression() != null)
                .legacy("Expected", r.hasExpected()).exclusive();
        Map<String, String> names = orNull(r.hasExpressionAttributeNames(), r.expressionAttributeNames());
        Map<String, AttributeValue> values = orNull(r.hasExpressionAttributeValues(), r.expressionAttributeValues());
        placeholders(names, values, r.conditionExpression() != null);
        Condition cond = r.hasExpected() ? LegacyParameters.expected(true, r.expected(), r.conditionalOperatorAsString())
                : condition("ConditionExpression", r.conditionExpression(), names, values);
        Expressions.checkAllUsed(names, values, cond);
        String rv = returnValues(r.returnValuesAsString(), Set.of("NONE", "ALL_OLD"));
        Map<String, AttributeValue> item = ItemRules.canonical(r.item());
        Capacity cap = Capacity.of(r.returnConsumedCapacityAsString());
        return tables.withItems(TableRequests.caller(ctx), ctx.region(), table, pathFault, s -> {
            long size = ItemRules.checkItem(s.table(), item);
            boolean opened = cond != null || "ALL_OLD".equals(rv) || s.needsOldItem() || cap != null;
            Map<String, AttributeValue> old = opened ? s.get(ItemRules.keyOf(s.table(), item)) : null;
            if (cond != null && !cond.test(old == null ? Map.of() : old)) {
                throw conditionFailed();
            }
            s.put(item, old, size);
            PutItemResponse.Builder b = PutItemResponse.builder();
            if (cap != null) {
                b.consumedCapacity(cap.write(s.table(), old, item));
            }
            if ("ALL_OLD".equals(rv) && old != null) {
                b.attributes(old);
            }
            return b.build();
        });
    }

    UpdateItemResponse update(RequestContext ctx, UpdateItemRequest r) {
        new ModelConstraints().oneOf("returnConsumedCapacity", r.returnConsumedCapacityAsString(), ModelConstraints.CONSUMED_CAPACITY)
                .tableName("tableName", r.tableName(), true)
                .oneOf("returnItemCollectionMetrics", r.returnItemCollectionMetricsAsString(), ModelConstraints.ITEM_COLLECTION_METRICS)
                .oneOf("returnValues", r.returnValuesAsString(), ModelConstraints.RETURN_VALUES)
                .notNull("key", r.hasKey() ? r.key() : null)
                .oneOf("conditionalOperator", r.conditionalOperatorAsString(), ModelConstraints.CONDITIONAL_OPERATOR).check();
        String table = TableRequests.tableName(r.tableName());
        new LegacyParameters().expression("UpdateExpression", r.updateExpression() != null)
                .expression("ConditionExpression", r.conditionExpression() != null)
                .legacy("AttributeUpdates", r.hasAttributeUpdates()).legacy("Expected", r.hasExpected()).exclusive();
        Map<String, String> names = orNull(r.hasExpressionAttributeNames(), r.expressionAttributeNames());
        Map<String, AttributeValue> values = orNull(r.hasExpressionAttributeValues(), r.expressionAttributeValues());
        placeholders(names, values, r.conditionExpression() != null || r.updateExpression() != null);
        Update update = r.hasAttributeUpdates() ? LegacyParameters.attributeUpdates(true, r.attributeUpdates())
                : r.updateExpression() == null ? null : Expressions.update(r.updateExpression(), names, values);
        Condition cond = r.hasExpected() ? LegacyParameters.expected(true, r.expected(), r.conditionalOperatorAsString())
                : condition("ConditionExpression", r.conditionExpression(), names, values);
        Expressions.checkAllUsed(names, values, update, cond);
        String rv = returnValues(r.returnValuesAsString(), Set.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"));
        Map<String, AttributeValue> given = ItemRules.canonical(r.key()); // validated before the table is looked up
        Capacity cap = Capacity.of(r.returnConsumedCapacityAsString());
        return tables.withItems(TableRequests.caller(ctx), ctx.region(), table, pathFault, s -> {
            TableRecord t = s.table();
            Map<String, AttributeValue> key = ItemRules.checkKey(t, given);
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
            Map<String, AttributeValue> item = Numbers.canonical(update == null ? base : update.apply(base));
            ItemRules.checkItem(t, item);
            s.put(item, old);
            UpdateItemResponse.Builder b = UpdateItemResponse.builder();
            if (cap != null) {
                b.consumedCapacity(cap.write(t, old, item));
            }
            Map<String, AttributeValue> out = switch (rv) {
                case "ALL_OLD" -> old;
                case "ALL_NEW" -> item;
                case "UPDATED_OLD" -> old == null || update == null ? null : update.updatedParts(old);
                case "UPDATED_NEW" -> update == null ? null : update.updatedParts(item);
                default -> null;
            };
            if (out != null && !out.isEmpty()) {
                b.attributes(out);
            }
            return b.build();
        });
    }

    DeleteItemResponse delete(RequestContext ctx, DeleteItemRequest r) {
        new ModelConstraints().oneOf("returnConsumedCapacity", r.returnConsumedCapacityAsString(), ModelConstraints.CONSUMED_CAPACITY)
                .tableName("tableName", r.tableName(), true)
                .oneOf("returnValues", r.returnValuesAsString(), ModelConstraints.RETURN_VALUES)
                .oneOf("returnItemCollectionMetrics", r.returnItemCollectionMetricsAsString(), ModelConstraints.ITEM_COLLECTION_METRICS)
                .notNull("key", r.hasKey() ? r.key() : null)
                .oneOf("conditionalOperator", r.conditionalOperatorAsString(), ModelConstraints.CONDITIONAL_OPERATOR).check();
        String table = TableRequests.tableName(r.tableName());
        new LegacyParameters().expression("ConditionExpression", r.conditionExpression() != null)
                .legacy("Expected", r.hasExpected()).exclusive();
        Map<String, String> names = orNull(r.hasExpressionAttributeNames(), r.expressionAttributeNames());
        Map<String, AttributeValue> values = orNull(r.hasExpressionAttributeValues(), r.expressionAttributeValues());
        placeholders(names, values, r.conditionExpression() != null);
        Condition cond = r.hasExpected() ? LegacyParameters.expected(true, r.expected(), r.conditionalOperatorAsString())
                : condition("ConditionExpression", r.conditionExpression(), names, values);
        Expressions.checkAllUsed(names, values, cond);
        String rv = returnValues(r.returnValuesAsString(), Set.of("NONE", "ALL_OLD"));
        Map<String, AttributeValue> given = ItemRules.canonical(r.key()); // validated before the table is looked up
        Capacity cap = Capacity.of(r.returnConsumedCapacityAsString());
        return tables.withItems(TableRequests.caller(ctx), ctx.region(), table, pathFault, s -> {
            Map<String, AttributeValue> old = s.get(ItemRules.checkKey(s.table(), given));
            if (cond != null && !cond.test(old == null ? Map.of() : old)) {
                throw conditionFailed();
            }
            if (old != null) {
                s.delete(old);
            }
            DeleteItemResponse.Builder b = DeleteItemResponse.builder();
            if (cap != null) {
                b.consumedCapacity(cap.write(s.table(), old, null));
            }
            if ("ALL_OLD".equals(rv) && old != null) {
                b.attributes(old);
            }
            return b.build();
        });
    }
}

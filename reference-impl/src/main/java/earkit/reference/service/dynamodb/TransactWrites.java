package earkit.reference.service.dynamodb;

import static earkit.reference.service.dynamodb.ItemParameters.condition;
import static earkit.reference.service.dynamodb.ItemParameters.orNull;
import static earkit.reference.service.dynamodb.ItemParameters.placeholders;

import earkit.reference.domain.DomainException;
import earkit.reference.domain.expression.AttributeValues;
import earkit.reference.domain.expression.Condition;
import earkit.reference.domain.expression.Expressions;
import earkit.reference.domain.expression.Numbers;
import earkit.reference.domain.expression.Update;
import earkit.reference.domain.table.TableRecord;
import earkit.reference.domain.table.TransactionWrite;
import earkit.reference.protocol.ApiException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The four actions of TransactWriteItems as domain {@link TransactionWrite}s. Each is checked as far as the
 * request alone allows before any table is looked at; the item as stored then decides it: a condition that
 * does not hold is {@code ConditionalCheckFailed} (with the item when ReturnValuesOnConditionCheckFailure is
 * ALL_OLD), an update whose result is not a valid item (an operand of the wrong type, more than 400 KB) is
 * {@code ValidationError} (API Reference, TransactWriteItems: "a similar validation error occurs because of
 * changes made by the transaction").
 */
final class TransactWrites {
    private static final List<String> RETURN_ON_FAILURE = List.of("ALL_OLD", "NONE");

    private TransactWrites() {
    }

    /** The model's constraints of one action, {@code at} its member path (e.g. {@code transactItems.1.member}). */
    static void constraints(ModelConstraints model, String at, TransactWriteItem w) {
        if (w.put() != null) {
            model.notNull(at + ".put.item", w.put().hasItem() ? w.put().item() : null)
                    .name(at + ".put.tableName", w.put().tableName(), true)
                    .oneOf(at + ".put.returnValuesOnConditionCheckFailure", w.put().returnValuesOnConditionCheckFailureAsString(), RETURN_ON_FAILURE);
        }
        if (w.update() != null) {
            model.notNull(at + ".update.key", w.update().hasKey() ? w.update().key() : null)
                    .notNull(at + ".update.updateExpression", w.update().updateExpression())
                    .name(at + ".update.tableName", w.update().tableName(), true)
                    .oneOf(at + ".update.returnValuesOnConditionCheckFailure", w.update().returnValuesOnConditionCheckFailureAsString(), RETURN_ON_FAILURE);
        }
        if (w.delete() != null) {
            model.notNull(at + ".delete.key", w.delete().hasKey() ? w.delete().key() : null)
                    .name(at + ".delete.tableName", w.delete().tableName(), true)
                    .oneOf(at + ".delete.returnValuesOnConditionCheckFailure", w.delete().returnValuesOnConditionCheckFailureAsString(), RETURN_ON_FAILURE);
        }
        if (w.conditionCheck() != null) {
            model.notNull(at + ".conditionCheck.key", w.conditionCheck().hasKey() ? w.conditionCheck().key() : null)
                    .notNull(at + ".conditionCheck.conditionExpression", w.conditionCheck().conditionExpression())
                    .name(at + ".conditionCheck.tableName", w.conditionCheck().tableName(), true)
                    .oneOf(at + ".conditionCheck.returnValuesOnConditionCheckFailure",
                            w.conditionCheck().returnValuesOnConditionCheckFailureAsString(), RETURN_ON_FAILURE);
        }
    }

    /** The action of one TransactWriteItem, whose model constraints have held. */
    static TransactionWrite of(TransactWriteItem w) {
        int kinds = (w.put() != null ? 1 : 0) + (w.update() != null ? 1 : 0) + (w.delete() != null ? 1 : 0)
                + (w.conditionCheck() != null ? 1 : 0);
        if (kinds != 1) {
            throw ApiException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        if (w.put() != null) {
            var p = w.put();
            return put(TableRequests.tableName(p.tableName()), p.item(), parts(p.hasExpressionAttributeNames(), p.expressionAttributeNames(),
                    p.hasExpressionAttributeValues(), p.expressionAttributeValues(), p.conditionExpression(), null),
                    p.returnValuesOnConditionCheckFailureAsString());
        }
        if (w.update() != null) {
            var u = w.update();
            return update(TableRequests.tableName(u.tableName()), u.key(), parts(u.hasExpressionAttributeNames(), u.expressionAttributeNames(),
                    u.hasExpressionAttributeValues(), u.expressionAttributeValues(), u.conditionExpression(), u.updateExpression()),
                    u.returnValuesOnConditionCheckFailureAsString());
        }
        if (w.delete() != null) {
            var d = w.delete();
            Parts parts = parts(d.hasExpressionAttributeNames(), d.expressionAttributeNames(),
                    d.hasExpressionAttributeValues(), d.expressionAttributeValues(), d.conditionExpression(), null);
            return keyed(TableRequests.tableName(d.tableName()), d.key(), parts, d.returnValuesOnConditionCheckFailureAsString(),
                    (t, current) -> new TransactionWrite.Delete());
        }
        var c = w.conditionCheck();
        Parts parts = parts(c.hasExpressionAttributeNames(), c.expressionAttributeNames(),
                c.hasExpressionAttributeValues(), c.expressionAttributeValues(), c.conditionExpression(), null);
        return keyed(TableRequests.tableName(c.tableName()), c.key(), parts, c.returnValuesOnConditionCheckFailureAsString(),
                (t, current) -> new TransactionWrite.Keep());
    }

    /** An action's expressions, parsed, with every placeholder used. */
    private record Parts(Condition condition, Update update) {
    }

    private static Parts parts(boolean hasNames, Map<String, String> names, boolean hasValues, Map<String, AttributeValue> values,
                               String conditionExpression, String updateExpression) {
        Map<String, String> n = orNull(hasNames, names);
        Map<String, AttributeValue> v = orNull(hasValues, values);
        placeholders(n, v, conditionExpression != null || updateExpression != null);
        Update update = updateExpression == null ? null : Expressions.update(updateExpression, n, v);
        Condition cond = condition("ConditionExpression", conditionExpression, n, v);
        Expressions.checkAllUsed(n, v, update, cond);
        return new Parts(cond, update);
    }

    private static TransactionWrite put(String table, Map<String, AttributeValue> given, Parts parts, String onFailure) {
        Map<String, AttributeValue> item = ItemRules.canonical(given);
        return action(table, t -> {
            ItemRules.checkItem(t, item);
            return ItemRules.keyOf(t, item);
        }, parts, onFailure, (t, current) -> new TransactionWrite.Put(item, AttributeValues.size(item)));
    }

    private static TransactionWrite update(String table, Map<String, AttributeValue> given, Parts parts, String onFailure) {
        Map<String, AttributeValue> key = ItemRules.canonical(given);
        return action(table, t -> {
            Map<String, AttributeValue> checked = ItemRules.checkKey(t, key);
            for (TableRecord.KeyPart k : t.keySchema) {
                if (parts.update().topLevelAttributes().contains(k.name)) {
                    throw ItemRules.invalid("Cannot update attribute " + k.name + ". This attribute is part of the key");
                }
            }
            return checked;
        }, parts, onFailure, (t, current) -> {
            Map<String, AttributeValue> base = current != null ? current : ItemRules.checkKey(t, key);
            try {
                Map<String, AttributeValue> item = Numbers.canonical(parts.update().apply(base));
                return new TransactionWrite.Put(item, ItemRules.checkItem(t, item));
            } catch (ApiException e) {
                return validationError(e.code(), e.getMessage(), e);
            } catch (DomainException e) {
                return validationError(e.code(), e.getMessage(), e);
            }
        });
    }

    /** A refusal that only the stored item reveals cancels the transaction; any other error stays what it is. */
    private static TransactionWrite.Effect validationError(String code, String message, RuntimeException e) {
        if (!"ValidationException".equals(code)) {
            throw e;
        }
        return new TransactionWrite.Refuse("ValidationError", message, null);
    }

    private static TransactionWrite keyed(String table, Map<String, AttributeValue> given, Parts parts, String onFailure,
                                          Decision then) {
        Map<String, AttributeValue> key = ItemRules.canonical(given);
        return action(table, t -> ItemRules.checkKey(t, key), parts, onFailure, then);
    }

    private interface Decision {
        TransactionWrite.Effect decide(TableRecord t, Map<String, AttributeValue> current);
    }

    private static TransactionWrite action(String table, java.util.function.Function<TableRecord, Map<String, AttributeValue>> key,
                                           Parts parts, String onFailure, Decision then) {
        boolean allOld = "ALL_OLD".equals(onFailure);
        return new TransactionWrite() {
            @Override
            public String table() {
                return table;
            }

            @Override
            public Map<String, AttributeValue> key(TableRecord t) {
                return key.apply(t);
            }

            @Override
            public Effect decide(TableRecord t, Map<String, AttributeValue> current) {
                if (parts.condition() != null && !parts.condition().test(current == null ? Map.of() : current)) {
                    return new Refuse("ConditionalCheckFailed", "The conditional request failed", allOld ? current : null);
                }
                return then.decide(t, current);
            }
        };
    }
}

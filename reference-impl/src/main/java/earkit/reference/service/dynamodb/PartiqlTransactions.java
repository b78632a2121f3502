package earkit.reference.service.dynamodb;

import earkit.reference.domain.expression.Condition;
import earkit.reference.domain.expression.Projection;
import earkit.reference.domain.table.TableRecord;
import earkit.reference.domain.table.Tables;
import earkit.reference.domain.table.TransactionCancelled;
import earkit.reference.domain.table.TransactionWrite;
import earkit.reference.domain.table.Transactions;
import earkit.reference.protocol.ApiException;
import earkit.reference.protocol.RequestContext;
import earkit.reference.service.dynamodb.partiql.PartiqlStatement;
import earkit.reference.service.dynamodb.partiql.ReadStatement;
import earkit.reference.service.dynamodb.partiql.WriteStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionResponse;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * ExecuteTransaction (DynamoDB API Reference): up to 100 PartiQL statements, all SELECTs naming a whole key (a
 * TransactGetItems) or all writes (a TransactWriteItems), carried out by the domain's {@link Transactions} as
 * those calls are, so all-or-nothing, idempotency and the refusals of an inaccessible table are theirs. An INSERT
 * whose key exists cancels with {@code DuplicateItem}, as ExecuteStatement refuses it with DuplicateItemException.
 */
final class PartiqlTransactions {
    private final Tables tables;
    private final PartiqlRequests requests;

    PartiqlTransactions(Tables tables, PartiqlRequests requests) {
        this.tables = tables;
        this.requests = requests;
    }

    ExecuteTransactionResponse execute(RequestContext ctx, ExecuteTransactionRequest r) {
        List<ParameterizedStatement> statements = r.hasTransactStatements() ? r.transactStatements() : null;
        ModelConstraints model = new ModelConstraints()
                .notNull("transactStatements", statements)
                .oneOf("returnConsumedCapacity", r.returnConsumedCapacityAsString(), ModelConstraints.CONSUMED_CAPACITY);
        for (int i = 0; statements != null && i < statements.size(); i++) {
            ParameterizedStatement s = statements.get(i);
            String at = "transactStatements." + (i + 1) + ".member";
            model.notNull(at + ".statement", s.statement())
                    .oneOf(at + ".returnValuesOnConditionCheckFailure", s.returnValuesOnConditionCheckFailureAsString(), List.of("ALL_OLD", "NONE"));
        }
        model.check();
        TransactRequests.count("transactStatements", statements);
        TransactRequests.token(r.clientRequestToken());
        Capacity cap = Capacity.of(r.returnConsumedCapacityAsString());
        List<PartiqlStatement> translated = new ArrayList<>();
        for (ParameterizedStatement s : statements) {
            translated.add(requests.translate(ctx, "statement", s.statement(), s.hasParameters(), s.parameters()));
        }
        boolean reads = translated.stream().anyMatch(ReadStatement.class::isInstance);
        boolean writes = translated.stream().anyMatch(WriteStatement.class::isInstance);
        if (reads && writes) {
            throw ApiException.validation("The entire transaction must consist of either read statements or write statements, "
                    + "you cannot mix both in one transaction");
        }
        return reads ? read(ctx, translated, cap) : write(ctx, r, translated, cap);
    }

    private ExecuteTransactionResponse read(RequestContext ctx, List<PartiqlStatement> statements, Capacity cap) {
        List<Transactions.Target> gets = new ArrayList<>();
        List<Projection> projections = new ArrayList<>();
        List<Condition> filters = new ArrayList<>();
        for (PartiqlStatement st : statements) {
            ReadStatement read = (ReadStatement) st;
            if (read.key() == null) {
                throw ApiException.validation("Select statements within ExecuteTransaction must specify an equality condition "
                        + "on all key attributes");
            }
            var q = read.query();
            Map<String, String> names = q.hasExpressionAttributeNames() ? q.expressionAttributeNames() : null;
            projections.add(ItemParameters.projection(q.projectionExpression(), names, null));
            // The WHERE's conditions beyond the key: an item that fails them is not selected, as in ExecuteStatement.
            filters.add(ItemParameters.condition("FilterExpression", q.filterExpression(), names,
                    q.hasExpressionAttributeValues() ? q.expressionAttributeValues() : null));
            Map<String, AttributeValue> key = ItemRules.canonical(read.key());
            gets.add(new Transactions.Target() {
                @Override
                public String table() {
                    return read.table();
                }

                @Override
                public Map<String, AttributeValue> key(TableRecord t) {
                    return ItemRules.checkKey(t, key);
                }
            });
        }
        List<Transactions.Read> found = tables.transactions().read(TableRequests.caller(ctx), ctx.region(), gets);
        List<ItemResponse> responses = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            Map<String, AttributeValue> item = found.get(i).item();
            if (item != null && filters.get(i) != null && !filters.get(i).test(item)) {
                item = null;
            }
            Projection proj = projections.get(i);
            responses.add(item == null ? ItemResponse.builder().build()
                    : ItemResponse.builder().item(proj == null ? item : proj.apply(item)).build());
        }
        ExecuteTransactionResponse.Builder b = ExecuteTransactionResponse.builder().responses(responses);
        return (cap == null ? b : b.consumedCapacity(TransactCapacity.reads(cap, found))).build();
    }

    private ExecuteTransactionResponse write(RequestContext ctx, ExecuteTransactionRequest r, List<PartiqlStatement> statements,
                                             Capacity cap) {
        List<TransactionWrite> actions = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            WriteStatement w = (WriteStatement) statements.get(i);
            String onFailure = r.transactStatements().get(i).returnValuesOnConditionCheckFailureAsString();
            actions.add(renamed(TransactWrites.of(withReturnValues(w.transactItem(), onFailure)), w.conditionFailureCode()));
        }
        Transactions.Token token = r.clientRequestToken() == null ? null
                : new Transactions.Token(r.clientRequestToken(), TransactRequests.digest(r));
        Transactions.WriteResult result;
        try {
            result = tables.transactions().write(TableRequests.caller(ctx), ctx.region(), actions, token);
        } catch (TransactionCancelled e) {
            throw TransactRequests.cancelled(e);
        }
        ExecuteTransactionResponse.Builder b = ExecuteTransactionResponse.builder();
        if (cap != null) {
            b.consumedCapacity(result.replayed() ? TransactCapacity.replay(cap, result.actions())
                    : TransactCapacity.writes(cap, result.actions()));
        }
        return b.build();
    }

    private static TransactWriteItem withReturnValues(TransactWriteItem item, String onFailure) {
        if (onFailure == null) {
            return item;
        }
        if (item.put() != null) {
            return item.toBuilder().put(item.put().toBuilder().returnValuesOnConditionCheckFailure(onFailure).build()).build();
        }
        if (item.update() != null) {
            return item.toBuilder().update(item.update().toBuilder().returnValuesOnConditionCheckFailure(onFailure).build()).build();
        }
        return item.toBuilder().delete(item.delete().toBuilder().returnValuesOnConditionCheckFailure(onFailure).build()).build();
    }

    /** The action, its failed condition reported with the statement's own code (an INSERT's is DuplicateItem). */
    private static TransactionWrite renamed(TransactionWrite action, String conditionCode) {
        return new TransactionWrite() {
            @Override
            public String table() {
                return action.table();
            }

            @Override
            public Map<String, AttributeValue> key(TableRecord t) {
                return action.key(t);
            }

            @Override
            public Effect decide(TableRecord t, Map<String, AttributeValue> current) {
                Effect e = action.decide(t, current);
                if (e instanceof Refuse refuse && "ConditionalCheckFailed".equals(refuse.code()) && !conditionCode.equals(refuse.code())) {
                    return new Refuse(conditionCode, "Duplicate primary key exists in table", refuse.item());
                }
                return e;
            }
        };
    }
}

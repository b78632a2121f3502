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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * whose key exists cancels with {@code DuplicateItem}, as ExecuteStatement refuses it with DuplicateItemException;
 * an EXISTS(SELECT ...) among writes is a condition check.
 */
final class PartiqlTransactions {
    private static final Pattern EXISTS = Pattern.compile("\\s*EXISTS\\s*\\((.*)\\)\\s*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

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
        List<Object> translated = new ArrayList<>();
        for (ParameterizedStatement s : statements) {
            Matcher exists = EXISTS.matcher(s.statement());
            // The model's length limit holds for the whole statement, EXISTS( ) included.
            if (exists.matches() && s.statement().length() <= PartiqlRequests.MAX_STATEMENT) {
                translated.add(check(requests.translate(ctx, "statement", exists.group(1), s.hasParameters(), s.parameters())));
            } else {
                translated.add(requests.translate(ctx, "statement", s.statement(), s.hasParameters(), s.parameters()));
            }
        }
        boolean reads = translated.stream().anyMatch(ReadStatement.class::isInstance);
        boolean writes = translated.stream().anyMatch(t -> !(t instanceof ReadStatement));
        if (reads && writes) {
            throw ApiException.validation("The entire transaction must consist of either read statements or write statements, "
                    + "you cannot mix both in one transaction");
        }
        return reads ? read(ctx, translated, cap) : write(ctx, r, translated, cap);
    }

    private ExecuteTransactionResponse read(RequestContext ctx, List<Object> statements, Capacity cap) {
        List<Transactions.Target> gets = new ArrayList<>();
        List<Projection> projections = new ArrayList<>();
        List<Condition> filters = new ArrayList<>();
        for (Object st : statements) {
            ReadStatement read = keyed((ReadStatement) st);
            Where w = Where.of(read);
            projections.add(ItemParameters.projection(w.projection(), w.names(), null));
            // The WHERE's conditions beyond the key: an item that fails them is not selected, as in ExecuteStatement.
            filters.add(ItemParameters.condition("FilterExpression", w.condition(), w.names(), w.values()));
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

    private ExecuteTransactionResponse write(RequestContext ctx, ExecuteTransactionRequest r, List<Object> statements,
                                             Capacity cap) {
        List<TransactionWrite> actions = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            String onFailure = r.transactStatements().get(i).returnValuesOnConditionCheckFailureAsString();
            if (statements.get(i) instanceof WriteStatement w) {
                actions.add(renamed(TransactWrites.of(withReturnValues(w.transactItem(), onFailure)), w.conditionFailureCode()));
            } else {
                actions.add(TransactWrites.of(withReturnValues((TransactWriteItem) statements.get(i), onFailure)));
            }
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

    private static ReadStatement keyed(ReadStatement read) {
        if (read.key() == null) {
            throw ApiException.validation("Select statements within ExecuteTransaction must specify an equality condition "
                    + "on all key attributes");
        }
        return read;
    }

    /**
     * EXISTS(SELECT ...) as a ConditionCheck of the item the SELECT names: its key condition and further conditions
     * together hold only on an item that exists and matches (Developer Guide, "Performing transactions with PartiQL").
     */
    private static TransactWriteItem check(PartiqlStatement inner) {
        if (!(inner instanceof ReadStatement read)) {
            throw ApiException.validation("Statement wasn't well formed, can't be processed: EXISTS takes a SELECT");
        }
        Where w = Where.of(keyed(read));
        if (w.projection() != null) {
            throw ApiException.validation("Statement wasn't well formed, can't be processed: EXISTS takes SELECT *");
        }
        return TransactWriteItem.builder().conditionCheck(c -> c.tableName(read.table()).key(read.key()).conditionExpression(w.condition())
                .expressionAttributeNames(w.names()).expressionAttributeValues(w.values())).build();
    }

    /**
     * A SELECT's projection and its whole WHERE as one condition, whether it was translated to a Query (key
     * condition and filter) or a Scan (the WHERE as filter), with their placeholders (null when none).
     */
    private record Where(String projection, String condition, Map<String, String> names, Map<String, AttributeValue> values) {
        static Where of(ReadStatement read) {
            if (read.query() != null) {
                var q = read.query();
                return new Where(q.projectionExpression(),
                        q.keyConditionExpression() + (q.filterExpression() == null ? "" : " AND " + q.filterExpression()),
                        q.hasExpressionAttributeNames() ? q.expressionAttributeNames() : null,
                        q.hasExpressionAttributeValues() ? q.expressionAttributeValues() : null);
            }
            var sc = read.scan();
            return new Where(sc.projectionExpression(), sc.filterExpression(),
                    sc.hasExpressionAttributeNames() ? sc.expressionAttributeNames() : null,
                    sc.hasExpressionAttributeValues() ? sc.expressionAttributeValues() : null);
        }
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
        if (item.delete() != null) {
            return item.toBuilder().delete(item.delete().toBuilder().returnValuesOnConditionCheckFailure(onFailure).build()).build();
        }
        return item.toBuilder().conditionCheck(item.conditionCheck().toBuilder().returnValuesOnConditionCheckFailure(onFailure).build()).build();
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

package earkit.reference.service.dynamodb;

import earkit.reference.domain.table.TableRecord;
import earkit.reference.domain.table.Tables;
import earkit.reference.protocol.ApiException;
import earkit.reference.protocol.RequestContext;
import earkit.reference.service.dynamodb.partiql.KeyNames;
import earkit.reference.service.dynamodb.partiql.NextTokens;
import earkit.reference.service.dynamodb.partiql.PartiqlStatement;
import earkit.reference.service.dynamodb.partiql.ReadStatement;
import earkit.reference.service.dynamodb.partiql.StatementErrors;
import earkit.reference.service.dynamodb.partiql.StatementTranslator;
import earkit.reference.service.dynamodb.partiql.WriteStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * ExecuteStatement: a PartiQL statement translated to the item call it stands for and carried out by that call's
 * own code (ItemReads, ItemWrites), so encryption, the per-connection key, refusals of an inaccessible or archived
 * table, streams and indexes are those of the item calls.
 */
final class PartiqlRequests {
    static final int MAX_STATEMENT = 8192;

    private final Tables tables;
    private final ItemReads reads;
    private final ItemWrites writes;

    PartiqlRequests(Tables tables, ItemReads reads, ItemWrites writes) {
        this.tables = tables;
        this.reads = reads;
        this.writes = writes;
    }

    ExecuteStatementResponse execute(RequestContext ctx, ExecuteStatementRequest r) {
        new ModelConstraints().oneOf("returnConsumedCapacity", r.returnConsumedCapacityAsString(), ModelConstraints.CONSUMED_CAPACITY)
                .oneOf("returnValuesOnConditionCheckFailure", r.returnValuesOnConditionCheckFailureAsString(), List.of("ALL_OLD", "NONE"))
                .atLeast("limit", r.limit(), 1).check();
        PartiqlStatement st = translate(ctx, "statement", r.statement(), r.hasParameters(), r.parameters());
        Capacity.of(r.returnConsumedCapacityAsString());
        if (st instanceof ReadStatement read) {
            return select(ctx, r, read);
        }
        if (r.nextToken() != null) {
            throw ApiException.validation("NextToken is only valid on a SELECT statement");
        }
        WriteResult w = write(ctx, (WriteStatement) st, r.returnConsumedCapacityAsString());
        ExecuteStatementResponse.Builder b = ExecuteStatementResponse.builder().items(w.item() == null ? List.of() : List.of(w.item()));
        return (w.capacity() == null ? b : b.consumedCapacity(w.capacity())).build();
    }

    /** The statement checked as the request model checks it, then translated against the table's key schema. */
    PartiqlStatement translate(RequestContext ctx, String member, String statement, boolean hasParameters,
                               List<AttributeValue> parameters) {
        if (statement == null) {
            throw ApiException.validation("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        if (statement.isEmpty() || statement.length() > MAX_STATEMENT) {
            throw ApiException.validation("1 validation error detected: Value '" + statement + "' at '" + member
                    + "' failed to satisfy constraint: Member must have length "
                    + (statement.isEmpty() ? "greater than or equal to 1" : "less than or equal to " + MAX_STATEMENT));
        }
        if (hasParameters && parameters.isEmpty()) {
            throw ApiException.validation("1 validation error detected: Value '[]' at 'parameters' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 1");
        }
        List<AttributeValue> params = hasParameters ? parameters : List.of();
        params.forEach(ItemRules::checkValue);
        return StatementTranslator.translate(statement, params, name -> keyNames(ctx, name));
    }

    ItemReads reads() {
        return reads;
    }

    KeyNames keyNames(RequestContext ctx, String name) {
        TableRecord t = tables.describe(TableRequests.caller(ctx), ctx.region(), TableRequests.tableName(name)).table();
        Map<String, KeyNames> indexes = new LinkedHashMap<>();
        t.indexes.forEach(ix -> indexes.put(ix.name, new KeyNames(ix.hashKey(), ix.rangeKey(), Map.of())));
        return new KeyNames(t.hashKey(), t.rangeKey(), indexes);
    }

    private ExecuteStatementResponse select(RequestContext ctx, ExecuteStatementRequest r, ReadStatement read) {
        Map<String, AttributeValue> start = r.nextToken() == null ? null : NextTokens.start(r);
        ExecuteStatementResponse.Builder b = ExecuteStatementResponse.builder();
        Map<String, AttributeValue> last;
        if (read.query() != null) {
            QueryResponse q = reads.query(ctx, read.query().toBuilder().limit(r.limit()).exclusiveStartKey(start)
                    .consistentRead(r.consistentRead()).returnConsumedCapacity(r.returnConsumedCapacityAsString()).build());
            b.items(q.items()).consumedCapacity(q.consumedCapacity());
            last = q.hasLastEvaluatedKey() ? q.lastEvaluatedKey() : null;
        } else {
            ScanResponse s = reads.scan(ctx, read.scan().toBuilder().limit(r.limit()).exclusiveStartKey(start)
                    .consistentRead(r.consistentRead()).returnConsumedCapacity(r.returnConsumedCapacityAsString()).build());
            b.items(s.items()).consumedCapacity(s.consumedCapacity());
            last = s.hasLastEvaluatedKey() ? s.lastEvaluatedKey() : null;
        }
        if (last != null && !last.isEmpty()) {
            b.nextToken(NextTokens.of(r, last)).lastEvaluatedKey(last);
        }
        return b.build();
    }

    /** {@code item}: what RETURNING asked for, or null. */
    record WriteResult(Map<String, AttributeValue> item, ConsumedCapacity capacity) {
    }

    WriteResult write(RequestContext ctx, WriteStatement w, String returnConsumedCapacity) {
        switch (w.kind()) {
            case INSERT -> {
                try {
                    PutItemResponse p = writes.put(ctx, w.put().toBuilder().returnConsumedCapacity(returnConsumedCapacity).build());
                    return new WriteResult(null, p.consumedCapacity());
                } catch (ApiException e) {
                    if ("ConditionalCheckFailedException".equals(e.code())) {
                        throw StatementErrors.duplicate();
                    }
                    throw e;
                }
            }
            case UPDATE -> {
                UpdateItemResponse u = writes.update(ctx, w.update().toBuilder().returnConsumedCapacity(returnConsumedCapacity).build());
                return new WriteResult(u.hasAttributes() ? u.attributes() : null, u.consumedCapacity());
            }
            default -> {
                DeleteItemResponse d = writes.delete(ctx, w.delete().toBuilder().returnConsumedCapacity(returnConsumedCapacity).build());
                return new WriteResult(d.hasAttributes() ? d.attributes() : null, d.consumedCapacity());
            }
        }
    }
}

package earkit.reference.service.dynamodb;

import earkit.reference.domain.DomainException;
import earkit.reference.protocol.ApiException;
import earkit.reference.protocol.RequestContext;
import earkit.reference.service.WireErrors;
import earkit.reference.service.dynamodb.partiql.KeyNames;
import earkit.reference.service.dynamodb.partiql.PartiqlStatement;
import earkit.reference.service.dynamodb.partiql.ReadStatement;
import earkit.reference.service.dynamodb.partiql.WriteStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementError;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * BatchExecuteStatement (API reference): up to 25 statements, all reads (each naming its whole key with =) or all
 * writes; each statement succeeds or fails on its own, its failure reported in its {@code Error} with the
 * BatchStatementErrorCodeEnum code of the error the statement alone would have raised.
 */
final class PartiqlBatches {
    private static final int MAX_STATEMENTS = 25;
    /** Errors whose code is their exception's name less "Exception"; the others are named in {@link #code}. */
    private static final Set<String> CODES = Set.of("ConditionalCheckFailed", "ItemCollectionSizeLimitExceeded",
            "RequestLimitExceeded", "ProvisionedThroughputExceeded", "TransactionConflict", "ResourceNotFound",
            "AccessDenied", "DuplicateItem");

    private final PartiqlRequests requests;

    PartiqlBatches(PartiqlRequests requests) {
        this.requests = requests;
    }

    BatchExecuteStatementResponse batch(RequestContext ctx, BatchExecuteStatementRequest r) {
        if (!r.hasStatements()) {
            throw ApiException.validation("1 validation error detected: Value null at 'statements' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        if (r.statements().isEmpty() || r.statements().size() > MAX_STATEMENTS) {
            throw ApiException.validation("1 validation error detected: Value at 'statements' failed to satisfy constraint: Member must have length "
                    + (r.statements().isEmpty() ? "greater than or equal to 1" : "less than or equal to " + MAX_STATEMENTS));
        }
        ModelConstraints model = new ModelConstraints()
                .oneOf("returnConsumedCapacity", r.returnConsumedCapacityAsString(), ModelConstraints.CONSUMED_CAPACITY);
        for (int i = 0; i < r.statements().size(); i++) {
            BatchStatementRequest s = r.statements().get(i);
            model.notNull("statements." + (i + 1) + ".member.statement", s.statement())
                    .oneOf("statements." + (i + 1) + ".member.returnValuesOnConditionCheckFailure",
                            s.returnValuesOnConditionCheckFailureAsString(), List.of("ALL_OLD", "NONE"));
        }
        model.check();
        Capacity cap = Capacity.of(r.returnConsumedCapacityAsString());
        List<Object> translated = new ArrayList<>();
        boolean reads = false;
        boolean writes = false;
        for (BatchStatementRequest s : r.statements()) {
            try {
                PartiqlStatement st = requests.translate(ctx, "statement", s.statement(), s.hasParameters(), s.parameters());
                reads |= st instanceof ReadStatement;
                writes |= st instanceof WriteStatement;
                translated.add(st);
            } catch (ApiException | DomainException e) {
                translated.add(refusal(e));
            }
        }
        if (reads && writes) {
            throw ApiException.validation("The entire batch must consist of either read statements or write statements, "
                    + "you cannot mix both in one batch");
        }
        List<BatchStatementResponse> out = new ArrayList<>();
        Map<String, Double> units = new LinkedHashMap<>();
        for (int i = 0; i < translated.size(); i++) {
            BatchStatementRequest s = r.statements().get(i);
            Object t = translated.get(i);
            if (t instanceof ApiException e) {
                out.add(BatchStatementResponse.builder().error(error(e, null)).build());
                continue;
            }
            PartiqlStatement st = (PartiqlStatement) t;
            try {
                out.add(st instanceof ReadStatement read ? read(ctx, read, s, cap, units) : write(ctx, (WriteStatement) st, s, cap, units));
            } catch (ApiException | DomainException e) {
                ApiException refusal = refusal(e);
                Map<String, AttributeValue> old = "ALL_OLD".equals(s.returnValuesOnConditionCheckFailureAsString())
                        && Set.of("ConditionalCheckFailedException", "DuplicateItemException").contains(refusal.code())
                        ? current(ctx, (WriteStatement) st) : null;
                // A statement refused as invalid is answered without its table: so answers captured from DynamoDB show it (the API reference is silent).
                boolean invalid = "ValidationError".equals(code(refusal.code()));
                out.add(BatchStatementResponse.builder().tableName(invalid ? null : st.table()).error(error(refusal, old)).build());
            }
        }
        BatchExecuteStatementResponse.Builder b = BatchExecuteStatementResponse.builder().responses(out);
        if (cap != null) {
            List<ConsumedCapacity> consumed = new ArrayList<>();
            boolean read = reads;
            units.forEach((table, u) -> consumed.add(cap.total(table, u, read)));
            b.consumedCapacity(consumed);
        }
        return b.build();
    }

    private BatchStatementResponse read(RequestContext ctx, ReadStatement read, BatchStatementRequest s, Capacity cap,
                                        Map<String, Double> units) {
        if (read.key() == null) {
            throw ApiException.validation("Each read statement in a BatchExecuteStatement must specify an equality condition "
                    + "on all key attributes");
        }
        String rcc = cap == null ? null : "TOTAL";
        List<Map<String, AttributeValue>> items;
        ConsumedCapacity used;
        if (read.query() != null) {
            QueryResponse q = requests.reads().query(ctx, read.query().toBuilder().consistentRead(s.consistentRead())
                    .returnConsumedCapacity(rcc).build());
            items = q.items();
            used = q.consumedCapacity();
        } else {
            ScanResponse sc = requests.reads().scan(ctx, read.scan().toBuilder().consistentRead(s.consistentRead())
                    .returnConsumedCapacity(rcc).build());
            items = sc.items();
            used = sc.consumedCapacity();
        }
        count(units, read.table(), used);
        BatchStatementResponse.Builder b = BatchStatementResponse.builder().tableName(read.table());
        return (items.isEmpty() ? b : b.item(items.get(0))).build();
    }

    private BatchStatementResponse write(RequestContext ctx, WriteStatement w, BatchStatementRequest s, Capacity cap,
                                         Map<String, Double> units) {
        PartiqlRequests.WriteResult done = requests.write(ctx, w, cap == null ? null : "TOTAL");
        count(units, w.table(), done.capacity());
        return BatchStatementResponse.builder().tableName(w.table()).build();
    }

    private static void count(Map<String, Double> units, String table, ConsumedCapacity used) {
        if (used != null) {
            units.merge(table, used.capacityUnits(), Double::sum);
        }
    }

    /** The item a failed write found, for ReturnValuesOnConditionCheckFailure ALL_OLD. */
    private Map<String, AttributeValue> current(RequestContext ctx, WriteStatement w) {
        KeyNames keys = requests.keyNames(ctx, w.table());
        Map<String, AttributeValue> source = switch (w.kind()) {
            case INSERT -> w.put().item();
            case UPDATE -> w.update().key();
            case DELETE -> w.delete().key();
        };
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        List<String> parts = new ArrayList<>();
        for (String k : keys.range() == null ? List.of(keys.hash()) : List.of(keys.hash(), keys.range())) {
            names.put("#k" + names.size(), k);
            values.put(":k" + values.size(), source.get(k));
            parts.add("#k" + (names.size() - 1) + " = :k" + (values.size() - 1));
        }
        List<Map<String, AttributeValue>> found = requests.reads().query(ctx, QueryRequest.builder().tableName(w.table())
                .keyConditionExpression(String.join(" AND ", parts)).expressionAttributeNames(names)
                .expressionAttributeValues(values).consistentRead(true).build()).items();
        return found.isEmpty() ? null : found.get(0);
    }

    /** A refusal as the wire would answer it; an internal error is no statement's refusal and is left to fail the call. */
    private static ApiException refusal(RuntimeException e) {
        ApiException a = e instanceof DomainException d ? WireErrors.of(d) : (ApiException) e;
        if (a.status() >= 500) {
            throw e;
        }
        return a;
    }

    private static BatchStatementError error(ApiException e, Map<String, AttributeValue> item) {
        return BatchStatementError.builder().code(code(e.code())).message(e.getMessage()).item(item).build();
    }

    private static String code(String exception) {
        String bare = exception.endsWith("Exception") ? exception.substring(0, exception.length() - "Exception".length()) : exception;
        if (CODES.contains(bare)) {
            return bare;
        }
        return "Throttling".equals(bare) ? "ThrottlingError" : "ValidationError";
    }
}

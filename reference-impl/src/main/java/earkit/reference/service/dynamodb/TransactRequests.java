package earkit.reference.service.dynamodb;

import static earkit.reference.service.dynamodb.ItemParameters.orNull;
import static earkit.reference.service.dynamodb.ItemParameters.placeholders;
import static earkit.reference.service.dynamodb.ItemParameters.projection;

import earkit.reference.domain.expression.Expressions;
import earkit.reference.domain.expression.Projection;
import earkit.reference.domain.table.TableRecord;
import earkit.reference.domain.table.Tables;
import earkit.reference.domain.table.TransactionCancelled;
import earkit.reference.domain.table.TransactionWrite;
import earkit.reference.domain.table.Transactions;
import earkit.reference.json.ShapeWriter;
import earkit.reference.protocol.ApiException;
import earkit.reference.protocol.RequestContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * TransactWriteItems and TransactGetItems (DynamoDB API Reference): the request checked whole, as DynamoDB
 * checks it before it looks at a table, then handed to the domain's {@link Transactions} as actions, each
 * decided like the single-item call it resembles ({@link TransactWrites}).
 */
final class TransactRequests {
    static final int MAX_ACTIONS = 100;
    private static final int MAX_TOKEN = 36;

    private final Tables tables;

    TransactRequests(Tables tables) {
        this.tables = tables;
    }

    TransactWriteItemsResponse write(RequestContext ctx, TransactWriteItemsRequest r) {
        List<TransactWriteItem> items = r.hasTransactItems() ? r.transactItems() : null;
        ModelConstraints model = new ModelConstraints()
                .oneOf("returnConsumedCapacity", r.returnConsumedCapacityAsString(), ModelConstraints.CONSUMED_CAPACITY)
                .oneOf("returnItemCollectionMetrics", r.returnItemCollectionMetricsAsString(), ModelConstraints.ITEM_COLLECTION_METRICS)
                .notNull("transactItems", items);
        for (int i = 0; items != null && i < items.size(); i++) {
            TransactWrites.constraints(model, "transactItems." + (i + 1) + ".member", items.get(i));
        }
        model.check();
        count("transactItems", items);
        token(r.clientRequestToken());
        List<TransactionWrite> actions = new ArrayList<>();
        for (TransactWriteItem item : items) {
            actions.add(TransactWrites.of(item));
        }
        Capacity cap = Capacity.of(r.returnConsumedCapacityAsString());
        Transactions.Token token = r.clientRequestToken() == null ? null
                : new Transactions.Token(r.clientRequestToken(), digest(r));
        Transactions.WriteResult result;
        try {
            result = tables.transactions().write(TableRequests.caller(ctx), ctx.region(), actions, token);
        } catch (TransactionCancelled e) {
            throw cancelled(e);
        }
        TransactWriteItemsResponse.Builder b = TransactWriteItemsResponse.builder();
        if (cap != null) {
            b.consumedCapacity(result.replayed() ? TransactCapacity.replay(cap, result.actions())
                    : TransactCapacity.writes(cap, result.actions()));
        }
        return b.build();
    }

    TransactGetItemsResponse get(RequestContext ctx, TransactGetItemsRequest r) {
        List<TransactGetItem> items = r.hasTransactItems() ? r.transactItems() : null;
        ModelConstraints model = new ModelConstraints()
                .notNull("transactItems", items)
                .oneOf("returnConsumedCapacity", r.returnConsumedCapacityAsString(), ModelConstraints.CONSUMED_CAPACITY);
        for (int i = 0; items != null && i < items.size(); i++) {
            String at = "transactItems." + (i + 1) + ".member.get";
            TransactGetItem g = items.get(i);
            model.notNull(at, g.get());
            if (g.get() != null) {
                model.notNull(at + ".key", g.get().hasKey() ? g.get().key() : null).name(at + ".tableName", g.get().tableName(), true);
            }
        }
        model.check();
        count("transactItems", items);
        List<Transactions.Target> gets = new ArrayList<>();
        List<Projection> projections = new ArrayList<>();
        for (TransactGetItem item : items) {
            var g = item.get();
            String table = TableRequests.tableName(g.tableName());
            Map<String, String> names = orNull(g.hasExpressionAttributeNames(), g.expressionAttributeNames());
            placeholders(names, null, g.projectionExpression() != null);
            Projection proj = projection(g.projectionExpression(), names, null);
            Expressions.checkAllUsed(names, null, proj);
            Map<String, AttributeValue> given = ItemRules.canonical(g.key());
            projections.add(proj);
            gets.add(new Transactions.Target() {
                @Override
                public String table() {
                    return table;
                }

                @Override
                public Map<String, AttributeValue> key(TableRecord t) {
                    return ItemRules.checkKey(t, given);
                }
            });
        }
        Capacity cap = Capacity.of(r.returnConsumedCapacityAsString());
        List<Transactions.Read> reads = tables.transactions().read(TableRequests.caller(ctx), ctx.region(), gets);
        List<ItemResponse> responses = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            Map<String, AttributeValue> item = reads.get(i).item();
            Projection proj = projections.get(i);
            responses.add(item == null ? ItemResponse.builder().build()
                    : ItemResponse.builder().item(proj == null ? item : proj.apply(item)).build());
        }
        TransactGetItemsResponse.Builder b = TransactGetItemsResponse.builder().responses(responses);
        return (cap == null ? b : b.consumedCapacity(TransactCapacity.reads(cap, reads))).build();
    }

    /** 1 to 100 actions in {@code member}, as the model constrains the list (checked after its members' constraints). */
    static void count(String member, List<?> items) {
        if (items.isEmpty()) {
            throw ApiException.validation("1 validation error detected: Value '[]' at '" + member + "' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 1");
        }
        if (items.size() > MAX_ACTIONS) {
            throw ApiException.validation("1 validation error detected: Value at '" + member + "' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + MAX_ACTIONS);
        }
    }

    static void token(String token) {
        if (token != null && (token.isEmpty() || token.length() > MAX_TOKEN)) {
            throw ApiException.validation("1 validation error detected: Value '" + token + "' at 'clientRequestToken' failed to satisfy "
                    + "constraint: Member must have length " + (token.isEmpty() ? "greater than or equal to 1" : "less than or equal to " + MAX_TOKEN));
        }
    }

    /**
     * What a client token is held to: the whole request as a SHA-256 digest (the token is part of it, but it is
     * the same in both requests compared; the SDK's builders fill in a fresh token where one is taken out).
     */
    static byte[] digest(SdkPojo request) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(ShapeWriter.write(request));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static ApiException cancelled(TransactionCancelled e) {
        List<CancellationReason> reasons = new ArrayList<>();
        for (TransactionCancelled.Reason reason : e.reasons()) {
            CancellationReason.Builder c = CancellationReason.builder().code(reason.code()).message(reason.message());
            reasons.add((reason.item() == null ? c : c.item(reason.item())).build());
        }
        return new ApiException(e.code(), e.getMessage())
                .withMembers(TransactionCanceledException.builder().cancellationReasons(reasons).build());
    }
}

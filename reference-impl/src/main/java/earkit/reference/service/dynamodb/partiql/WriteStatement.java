package earkit.reference.service.dynamodb.partiql;

import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * An INSERT, UPDATE or DELETE as the single-item write it is, its WHERE (and an INSERT's "no such key yet", an
 * UPDATE's "the item exists") carried as the write's ConditionExpression. Exactly one of the requests is set.
 * {@link #transactItem()} is the same write as a transaction action, for ExecuteTransaction.
 */
public record WriteStatement(Kind kind, PutItemRequest put, UpdateItemRequest update, DeleteItemRequest delete)
        implements PartiqlStatement {

    public enum Kind { INSERT, UPDATE, DELETE }

    @Override
    public String table() {
        return switch (kind) {
            case INSERT -> put.tableName();
            case UPDATE -> update.tableName();
            case DELETE -> delete.tableName();
        };
    }

    /**
     * The cancellation reason code a failed condition of this statement gives in a transaction: an INSERT's
     * existing key is {@code DuplicateItem}, any other failed condition {@code ConditionalCheckFailed}.
     */
    public String conditionFailureCode() {
        return kind == Kind.INSERT ? "DuplicateItem" : "ConditionalCheckFailed";
    }

    /** The write as a TransactWriteItems action: same table, item or key, expressions and placeholders. */
    public TransactWriteItem transactItem() {
        return switch (kind) {
            case INSERT -> TransactWriteItem.builder().put(Put.builder().tableName(put.tableName()).item(put.item())
                    .conditionExpression(put.conditionExpression())
                    .expressionAttributeNames(put.hasExpressionAttributeNames() ? put.expressionAttributeNames() : null)
                    .expressionAttributeValues(put.hasExpressionAttributeValues() ? put.expressionAttributeValues() : null)
                    .build()).build();
            case UPDATE -> TransactWriteItem.builder().update(Update.builder().tableName(update.tableName()).key(update.key())
                    .updateExpression(update.updateExpression()).conditionExpression(update.conditionExpression())
                    .expressionAttributeNames(update.hasExpressionAttributeNames() ? update.expressionAttributeNames() : null)
                    .expressionAttributeValues(update.hasExpressionAttributeValues() ? update.expressionAttributeValues() : null)
                    .build()).build();
            case DELETE -> TransactWriteItem.builder().delete(Delete.builder().tableName(delete.tableName()).key(delete.key())
                    .conditionExpression(delete.conditionExpression())
                    .expressionAttributeNames(delete.hasExpressionAttributeNames() ? delete.expressionAttributeNames() : null)
                    .expressionAttributeValues(delete.hasExpressionAttributeValues() ? delete.expressionAttributeValues() : null)
                    .build()).build();
        };
    }
}

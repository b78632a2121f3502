package earkit.reference.domain.table;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One write action of a transaction (TransactWriteItems' Put, Update, Delete and ConditionCheck; a PartiQL
 * ExecuteTransaction's statements): which item it names, and what it does given that item as it is. Deciding
 * never writes; {@link Transactions#write} applies every decision only once all of them allow it.
 */
public interface TransactionWrite extends Transactions.Target {
    /** What the action does to {@code current} (null: no such item); the table's lock is held. */
    Effect decide(TableRecord table, Map<String, AttributeValue> current);

    /** The outcome of {@link #decide}. */
    sealed interface Effect {
    }

    /** Writes {@code item} (of {@code size} bytes, as {@code AttributeValues.size} counts) over the current one. */
    record Put(Map<String, AttributeValue> item, long size) implements Effect {
    }

    /** Deletes the current item, if there is one. */
    record Delete() implements Effect {
    }

    /** Leaves the item as it is (a condition check that held). */
    record Keep() implements Effect {
    }

    /**
     * Cancels the transaction: {@code code} is the cancellation reason's code (e.g. ConditionalCheckFailed,
     * ValidationError), {@code item} the item to report with it or null.
     */
    record Refuse(String code, String message, Map<String, AttributeValue> item) implements Effect {
    }
}

package earkit.reference.domain.table;

import earkit.reference.crypto.TableKeyring;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Told of every item write under the table's lock, before the write is committed, so that what it
 * keeps (e.g. a stream record sealed with the table's keyring) is committed together with the item.
 */
@FunctionalInterface
public interface ItemChangeListener {
    /**
     * {@code before} is null for a new item, and for a replaced one on a table without stream and indexes
     * when the write did not need to open it ({@link TableSession#needsOldItem()}); {@code after} is null
     * for a deleted one.
     */
    void changed(TableRecord table, TableKeyring keyring, Map<String, AttributeValue> before,
                 Map<String, AttributeValue> after);

    /** An item deleted by Time to Live: DynamoDB's own deletion, otherwise a deletion like any other. */
    default void expired(TableRecord table, TableKeyring keyring, Map<String, AttributeValue> before) {
        changed(table, keyring, before, null);
    }
}

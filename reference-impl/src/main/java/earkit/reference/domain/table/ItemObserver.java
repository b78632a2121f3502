package earkit.reference.domain.table;

import java.util.List;

/**
 * Sees every item request of {@link Tables#withItems}: once its table key is obtained (outside any table
 * lock; a key that works again may have queued work), the writes it
 * committed (under the table's lock, in commit order; must not block), and after it (outside any lock).
 */
public interface ItemObserver {
    default void beforeItems() {
    }

    void written(Tables.Caller caller, TableRecord table, List<TableSession.Write> writes);

    default void afterItems() {
    }
}

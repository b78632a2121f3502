package earkit.reference.domain.table;

/**
 * Runs around every item request of {@link Tables#withItems}, outside any table lock: once the request
 * has its table key (a key that works again may have queued work) and after the request.
 */
public interface ItemObserver {
    void beforeItems();

    void afterItems();
}

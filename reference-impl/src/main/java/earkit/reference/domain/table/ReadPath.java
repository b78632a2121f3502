package earkit.reference.domain.table;

/**
 * The data path a request reaches a table's items by. Every path asks for the table key the same way; the
 * distinction exists so that a built-in fault can make one path skip that check, as a real implementation with
 * a separate code path for it might.
 */
enum ReadPath {
    /** Item calls, Query and Scan of the table, writes, batches of writes, the stream. */
    ITEMS,
    /** One table of a BatchGetItem (the BATCH_GET_SKIPS_KEY_CHECK fault). */
    BATCH_GET,
    /** Query or Scan naming a secondary index (the INDEX_READ_SKIPS_KEY_CHECK fault). */
    INDEX
}

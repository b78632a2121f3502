package earkit.reference;

/**
 * Deliberate deviations from the documented behaviour. The kit's own tests run the suite against the
 * reference with one of these switched on and assert that exactly the matching requirements fail.
 */
public enum Fault {
    /** Archives an inaccessible table after 6 days instead of 7. */
    ARCHIVE_AFTER_SIX_DAYS,
    /** Calls KMS Decrypt on every request instead of caching the table key per connection. */
    NO_KEY_CACHE,
    /** Reports the AWS managed key as KeyManager CUSTOMER. */
    MANAGED_KEY_REPORTED_AS_CUSTOMER,
    /** Stores item attributes in plaintext. */
    PLAINTEXT_AT_REST
}

package earkit.reference;

/**
 * Deliberate deviations from the documented behaviour, each small and of a kind an implementation could
 * really get wrong. The kit's own tests ({@code FaultDetectionTest}, the kill matrix) run the suite against
 * the reference with one of these switched on and assert exactly which requirements fail; the requirement
 * each fault is aimed at comes first in its comment.
 */
public enum Fault {
    // Envelope encryption
    /** EAR-ENC-001: stores item attributes in plaintext. */
    PLAINTEXT_AT_REST,
    /** EAR-ENC-002: asks KMS for a 128-bit table key (KeySpec AES_128) instead of AES_256. */
    DATA_KEY_AES_128,
    /** EAR-ENC-003: asks KMS for a fresh data key on every item request (per-item envelope encryption). */
    DATA_KEY_PER_REQUEST,
    /** EAR-ENC-004: numbers are kept as doubles, so a number of more than 17 significant digits reads back changed. */
    NUMBERS_AS_DOUBLES,

    // Key kinds
    /** EAR-OWN-001: Enabled false in the SSESpecification is read as "enabled" and picks the AWS managed key. */
    SSE_DISABLED_READ_AS_ENABLED,
    /** EAR-OWN-002: creating an AWS-owned-key table looks up (and so creates) the AWS managed key of the account. */
    OWNED_TABLE_CREATES_MANAGED_KEY,
    /** EAR-OWN-003, EAR-OWN-004: an AWS-owned-key table's key is drawn from the account's KMS (GenerateDataKey under the AWS managed key) before the vault wraps it. */
    OWNED_KEY_DRAWN_FROM_ACCOUNT,
    /** EAR-OWN-004: DynamoDB's use of the AWS owned key is counted in the table owner's KMS request meter. */
    OWNED_KEY_METERED,
    /** EAR-MAN-001: SSEDescription of an AWS-managed-key table reports the alias ARN instead of the key ARN. */
    MANAGED_KEY_REPORTED_BY_ALIAS,
    /** EAR-MAN-002: the AWS managed key is created without its alias aws/dynamodb. */
    MANAGED_KEY_WITHOUT_ALIAS,
    /** EAR-MAN-003: each table that asks for the AWS managed key gets a new one (the alias moves to it). */
    MANAGED_KEY_PER_TABLE,
    /** EAR-MAN-004: reports the AWS managed key as KeyManager CUSTOMER. */
    MANAGED_KEY_REPORTED_AS_CUSTOMER,
    /** EAR-MAN-004: the AWS managed key's policy lets DynamoDB use the key for callers of any account (no kms:CallerAccount condition). */
    MANAGED_POLICY_ANY_ACCOUNT,
    /** EAR-MAN-005: the AWS managed key gets the default key policy (the account may do kms:*). */
    MANAGED_KEY_DEFAULT_POLICY,
    /** EAR-MAN-005: TagResource on the AWS managed key stores the tags before it is refused. */
    MANAGED_KEY_TAGGED_BEFORE_REFUSAL,
    /** EAR-CMK-001: the table reports the key identifier as the request gave it, not the key's ARN. */
    KEY_REPORTED_AS_NAMED,
    /** EAR-CMK-002: CreateGrant is refused to the customer on a key a table uses (only DynamoDB may grant). */
    CUSTOMER_GRANTS_REFUSED,
    /** EAR-CMK-003: a key KMS does not find is swallowed and the table falls back to the AWS managed key. */
    UNKNOWN_KEY_FALLS_BACK,

    // Key switching
    /** EAR-SSE-001: a switch between two customer managed keys is taken for no change (kinds compared, not ARNs). */
    SWITCH_COMPARES_KINDS,
    /** EAR-SSE-002: SSEType AES256 is accepted as if it were KMS. */
    AES256_ACCEPTED,
    /** EAR-SSE-003: the switch quota allows five switches per 24 hours (off by one). */
    SWITCH_QUOTA_OFF_BY_ONE,
    /** EAR-SSE-003: switches are counted over the table's whole life, so the quota never starts again in a later 24-hour window. */
    SWITCH_QUOTA_NEVER_RENEWED,
    /** EAR-SSE-004: a switch to the AWS owned key is counted against the quota like any other. */
    OWNED_SWITCH_COUNTED,
    /** EAR-SSE-005: after four switches no more switch is accepted until the window ends (no quiet-hours switch). */
    NO_QUIET_HOURS_SWITCH,
    /** EAR-SSE-005: the six quiet hours are counted from the first switch of the window instead of the last. */
    QUIET_HOURS_FROM_FIRST_SWITCH,

    // Rotation
    /** EAR-ROT-001: the AWS managed key reports automatic rotation as disabled. */
    MANAGED_ROTATION_REPORTED_OFF,
    /** EAR-ROT-002: AWS managed keys keep the three-year schedule after May 2022. */
    MANAGED_KEY_THREE_YEARLY,
    /** EAR-ROT-003: an older AWS managed key moves to the yearly schedule one year after the change, not after its last rotation. */
    LEGACY_YEAR_FROM_CHANGE,
    /** EAR-ROT-004: the rotation period the customer chose is ignored; keys rotate every 365 days. */
    ROTATION_PERIOD_IGNORED,
    /** EAR-ROT-004: the rotation period's bounds are checked off by one (89 and 2561 days accepted). */
    ROTATION_PERIOD_BOUNDS_OFF_BY_ONE,
    /** EAR-ROT-004: a disabled key keeps rotating on its schedule. */
    DISABLED_KEY_ROTATED,
    /** EAR-ROT-005: an on-demand rotation restarts the automatic schedule from itself. */
    ON_DEMAND_RESETS_SCHEDULE,
    /** EAR-ROT-005: on-demand rotations stop at 10 per key (the limit at launch) instead of 25. */
    ON_DEMAND_LIMIT_TEN,
    /** EAR-ROT-006: Decrypt knows only the current key material, so ciphertext from before a rotation is refused. */
    ROTATION_DROPS_OLD_MATERIAL,

    // Indexes and streams
    /** EAR-IDX-002: stream records keep only the key attributes, whatever the stream view type. */
    STREAM_KEYS_ONLY,

    // Backups
    /** EAR-BAK-001: on-demand backups record no key of their table. */
    BACKUP_RECORDS_NO_KEY,
    /** EAR-BAK-002: a key switch moves the table's existing backups to the new key too. */
    SWITCH_MOVES_BACKUPS,

    // Inaccessible key
    /** EAR-INA-001, EAR-IDX-001: a table found inaccessible is served from the keyring the server still holds in memory, without asking KMS. */
    INACCESSIBLE_TABLE_SERVED_FROM_MEMORY,
    /** EAR-INA-001: BatchGetItem answers an inaccessible table from the keyring held in memory (one data path skips the key check). */
    BATCH_GET_SKIPS_KEY_CHECK,
    /** EAR-INA-002: InaccessibleEncryptionDateTime records the table's creation time instead of the detection. */
    INACCESSIBLE_DATE_IS_CREATION,
    /** EAR-INA-003: the notification names the table but leaves out the key. */
    NOTIFICATION_WITHOUT_KEY,
    /** EAR-INA-004: InaccessibleEncryptionDateTime stays after access comes back. */
    INACCESSIBLE_DATE_KEPT,
    /** EAR-INA-005: archives an inaccessible table after 6 days instead of 7. */
    ARCHIVE_AFTER_SIX_DAYS,
    /** EAR-INA-005: archives at 6 days 23 hours 30 minutes (a deadline rounded down to the half hour). */
    ARCHIVE_HALF_HOUR_EARLY,
    /** EAR-INA-006: the archival backup is not listed among the account's backups. */
    ARCHIVAL_BACKUP_UNLISTED,
    /** EAR-INA-007: the table lets go of its items before the archival backup copies them. */
    ARCHIVAL_BACKUP_EMPTY,
    /** EAR-INA-008: a restore whose key KMS refuses falls back to the AWS owned key and restores the items anyway. */
    RESTORE_IGNORES_KEY_LOSS,
    /** EAR-INA-008: a restore whose key KMS refuses is accepted, stays CREATING for ten virtual minutes, then opens under the AWS owned key. */
    RESTORE_FALLS_BACK_LATER,
    /** EAR-INA-002: KMS throttling, an internal error or a timeout at a table-key refresh is taken for the loss of the key. */
    KMS_THROTTLE_IS_KEY_LOSS,

    // Global table replicas
    /** EAR-GTR-001: the replica leaves the replication group 19 hours after detection instead of 20. */
    REPLICA_REMOVED_AFTER_19_HOURS,
    /** EAR-GTR-001, EAR-INA-005: replica removal and archival count from the table key's last successful KMS Decrypt instead of from the detection. */
    DEADLINES_FROM_LAST_KEY_USE,
    /** EAR-GTR-002: the replica removed from the group is deleted with its table instead of kept. */
    REMOVED_REPLICA_DELETED,
    /** EAR-GTR-002: concurrent writes of one item in two Regions are settled by Region name (the alphabetically first Region's write wins) instead of by the service's timestamp. */
    CONFLICTS_BY_REGION,

    // Audit
    /** EAR-AUD-001: CloudTrail events of DynamoDB's KMS requests carry no invokedBy. */
    AUDIT_WITHOUT_INVOKED_BY,
    /** EAR-AUD-001: DynamoDB's KMS requests other than cryptographic ones (DescribeKey, CreateGrant, RetireGrant) are recorded without invokedBy. */
    GRANT_AUDIT_WITHOUT_INVOKED_BY,
    /** EAR-AUD-002: the encryption context leaves out aws:dynamodb:subscriberId. */
    CONTEXT_WITHOUT_SUBSCRIBER,
    /** EAR-AUD-003: DynamoDB's grant on a customer managed key has no encryption context constraint. */
    GRANT_UNCONSTRAINED,
    /** EAR-AUD-001: the trail's CloudWatch Logs log group misses the events of the KMS requests DynamoDB sends. */
    LOGS_DROP_DYNAMODB_EVENTS,

    // Key refresh and connection reuse
    /** EAR-REF-001: calls KMS Decrypt on every request instead of caching the table key per connection. */
    NO_KEY_CACHE,
    /** EAR-REF-002: a connection's cached table key is never refreshed. */
    KEY_NEVER_REFRESHED,
    /** EAR-REF-002: a cached table key is refreshed 30 seconds ahead of its 5 minutes (a refresh-ahead margin). */
    KEY_REFRESHED_EARLY,
    /** EAR-REF-002: cached table keys are refreshed by a timer every 5 minutes, with or without traffic. */
    KEY_REFRESHED_WITHOUT_TRAFFIC,
    /** EAR-REF-003: a KMS refusal at refresh is swallowed and the connection keeps its cached table key. */
    KEY_LOSS_IGNORED_AT_REFRESH,
    /** EAR-CON-001: the key cache is keyed by table only, so every connection shares one entry. */
    KEY_CACHE_PER_TABLE,
    /** EAR-CON-002: every request checks the key's state with KMS DescribeKey, cached table key or not. */
    KEY_STATE_CHECKED_PER_REQUEST,

    // Indexes and streams, continued
    /** EAR-IDX-001: Query and Scan naming a secondary index answer an inaccessible table from the keyring held in memory (the index path skips the key check). */
    INDEX_READ_SKIPS_KEY_CHECK,

    // Transactions
    /** EAR-INA-001: TransactGetItems (and ExecuteTransaction of SELECTs, the same engine) answers an inaccessible table from the keyring held in memory. */
    TRANSACT_GET_SKIPS_KEY_CHECK,
    /** EAR-INA-001: a transaction asks KMS for the key of the first table it names only; the others are served from the keyrings held in memory. */
    TRANSACTION_CHECKS_FIRST_TABLE_ONLY,
    /** EAR-INA-001: TransactWriteItems (and ExecuteTransaction of writes, the same engine) writes to an inaccessible table with the keyring held in memory. */
    TRANSACT_WRITE_SKIPS_KEY_CHECK,

    // PartiQL
    /** EAR-INA-001: ExecuteStatement and BatchExecuteStatement answer an inaccessible table from the keyring held in memory (the PartiQL path skips the key check). */
    PARTIQL_SKIPS_KEY_CHECK,

    // Other data paths
    /** EAR-INA-001: BatchWriteItem writes to an inaccessible table with the keyring held in memory (one data path skips the key check). */
    BATCH_WRITE_SKIPS_KEY_CHECK,
    /** EAR-INA-001: GetRecords answers from the stream of an inaccessible table with the keyring held in memory. */
    STREAM_READ_SKIPS_KEY_CHECK,
    /** EAR-INA-001: Time to Live goes on deleting the expired items of an inaccessible table, with the keyring held in memory. */
    TTL_DELETES_WHILE_INACCESSIBLE
}

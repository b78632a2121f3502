package earkit.kit.spi;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The capabilities a target can declare, each named on the wire as the features tag it ({@code @needs-clock-control}
 * needs {@link #CLOCK_CONTROL}, wire name {@code clock-control}). The one list of known names: a profile or option
 * naming anything else is refused, so a misspelt capability never turns scenarios silently "not applicable".
 * {@code @needs-distinct-connections} is not here: it names a property of the kit's HTTP client, not of the target.
 */
public enum Capability {
    /** The control API moves the target's virtual clock ({@code /_kit/clock}). */
    CLOCK_CONTROL("clock-control"),
    /** A scenario can start with the clock at a past instant (the reference: a fresh server per scenario). */
    HISTORIC_CLOCK("historic-clock"),
    /** The scenario starts in an account without the AWS managed key for DynamoDB. */
    FRESH_ACCOUNT("fresh-account"),
    /** CloudTrail {@code LookupEvents} for the account's KMS events. */
    KMS_AUDIT("kms-audit"),
    /**
     * CloudWatch Logs {@code FilterLogEvents} on the log group a CloudTrail trail of the account delivers to (profile
     * key {@code logs.group}, by default {@code aws-cloudtrail-logs-<account>}), which holds the account's KMS events.
     */
    CLOUDWATCH_LOGS("cloudwatch-logs"),
    /** {@code GET /_kit/kms/meter}: the KMS requests billed to the account. */
    KMS_METER("kms-meter"),
    /** The target sends its KMS requests through a proxy URL the kit gives. */
    KMS_PROXY("kms-proxy"),
    /** {@code GET /_kit/notifications}: the notifications sent to the customer. */
    NOTIFICATIONS("notifications"),
    /** Replicas in a second Region (global tables version 2019.11.21). */
    GLOBAL_TABLES("global-tables"),
    /** {@code POST /_kit/storage/find}: searches every stored byte for plaintext markers. */
    STORAGE_INSPECTION("storage-inspection");

    private final String wireName;

    Capability(String wireName) {
        this.wireName = wireName;
    }

    /** The name in profiles, options and {@code @needs-} tags. */
    public String wireName() {
        return wireName;
    }

    public static Optional<Capability> byWireName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.wireName.equals(wanted)).findFirst();
    }

    /** Every known wire name, comma-separated in declaration order, for messages that refuse an unknown one. */
    public static String known() {
        return Arrays.stream(values()).map(Capability::wireName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return wireName;
    }
}

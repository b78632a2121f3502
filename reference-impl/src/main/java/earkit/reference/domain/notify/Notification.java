package earkit.reference.domain.notify;

import earkit.reference.domain.table.TableRecord;
import java.time.Instant;
import java.util.List;

/**
 * What DynamoDB tells a table's owner when it detects that the table's KMS key is unusable: the table,
 * Region and key, the remedies, and the archival deadline (S27–S31; DynamoDB Developer Guide "Encryption at rest: How it works"). Times are ISO-8601.
 */
public record Notification(String id, String type, String time, String tableName, String tableArn, String region,
                           String accountId, String kmsKeyArn, String inaccessibleSince, String archivalDeadline,
                           List<String> remedies, String message) {
    public static final String KEY_INACCESSIBLE = "TABLE_KMS_KEY_INACCESSIBLE";

    public static Notification keyInaccessible(String id, TableRecord t, Instant detected, Instant archivalDeadline) {
        return keyInaccessible(id, t, detected, archivalDeadline, false);
    }

    /** {@code withoutKey}: the NOTIFICATION_WITHOUT_KEY fault, a notification that does not say which key. */
    public static Notification keyInaccessible(String id, TableRecord t, Instant detected, Instant archivalDeadline,
                                               boolean withoutKey) {
        List<String> remedies = List.of(
                "Re-enable the KMS key (EnableKey) if it was disabled",
                "Cancel the pending deletion (CancelKeyDeletion) and re-enable the key if it is scheduled for deletion",
                "Re-import the key material if it was deleted from a key with imported material",
                "Re-create the grant for DynamoDB (CreateGrant) if it was revoked");
        String message = "Amazon DynamoDB cannot access the AWS KMS key " + (withoutKey ? "" : t.keyArn + " ") + "that encrypts table "
                + t.name + " in Region " + t.region + " (account " + t.account + "). To restore access: "
                + String.join("; ", remedies) + ". If access is not restored by " + archivalDeadline
                + " (7 days after " + detected + "), the table will be archived: DynamoDB will create an on-demand "
                + "backup of it, billed to you, and the table will no longer be accessible. If you no longer need "
                + "the table, you can delete it.";
        return new Notification(id, KEY_INACCESSIBLE, detected.toString(), t.name, t.arn(), t.region, t.account,
                withoutKey ? null : t.keyArn, detected.toString(), archivalDeadline.toString(), remedies, message);
    }
}

package earkit.kit.steps;

import earkit.kit.spi.Capability;

/**
 * Where the customer reads the CloudTrail events of DynamoDB's KMS requests (S42 names both): CloudTrail's event
 * history ({@code LookupEvents}), or the CloudWatch Logs log group a trail of the account delivers to.
 */
public enum AuditChannel {
    CLOUDTRAIL("CloudTrail", Capability.KMS_AUDIT),
    CLOUDWATCH_LOGS("CloudWatch Logs", Capability.CLOUDWATCH_LOGS);

    final String phrase;
    final Capability capability;

    AuditChannel(String phrase, Capability capability) {
        this.phrase = phrase;
        this.capability = capability;
    }

    AuditChannel other() {
        return this == CLOUDTRAIL ? CLOUDWATCH_LOGS : CLOUDTRAIL;
    }

    @Override
    public String toString() {
        return phrase;
    }
}

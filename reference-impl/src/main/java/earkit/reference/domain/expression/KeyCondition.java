package earkit.reference.domain.expression;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A Query KeyConditionExpression: equality on the partition key plus an optional sort key condition. */
public interface KeyCondition extends Parsed {
    AttributeValue hashValue();

    /** True if the sort key value satisfies the range part (always true when there is none). */
    boolean rangeMatches(AttributeValue sortKeyValue);

    boolean hasRangeCondition();
}

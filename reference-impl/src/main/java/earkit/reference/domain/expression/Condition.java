package earkit.reference.domain.expression;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A ConditionExpression or FilterExpression. */
public interface Condition extends Parsed {
    /** Whether the item (empty map when there is none) satisfies the condition. */
    boolean test(Map<String, AttributeValue> item);
}

package earkit.reference.domain.expression;

import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

record ParsedCondition(ConditionNode root, Set<String> usedNames, Set<String> usedValues,
        Set<String> nestedAttributes) implements Condition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
        return root.test(item == null ? Map.of() : item);
    }
}

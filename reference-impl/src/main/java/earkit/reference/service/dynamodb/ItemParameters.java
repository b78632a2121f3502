package earkit.reference.service.dynamodb;

import earkit.reference.domain.expression.Condition;
import earkit.reference.domain.expression.Expressions;
import earkit.reference.domain.expression.Projection;
import earkit.reference.protocol.ApiException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The parameter rules the item calls share: placeholder maps, return values,
 * and projections by expression or AttributesToGet.
 */
final class ItemParameters {

    private ItemParameters() {
    }

    static <K, V> Map<K, V> orNull(boolean has, Map<K, V> m) {
        return has ? m : null;
    }

    /** The placeholders maps: refused when empty, or when no expression could use them. */
    static void placeholders(Map<String, String> names, Map<String, AttributeValue> values, boolean anyExpression) {
        if (names != null && names.isEmpty()) {
            throw ApiException.validation("ExpressionAttributeNames must not be empty");
        }
        if (values != null && values.isEmpty()) {
            throw ApiException.validation("ExpressionAttributeValues must not be empty");
        }
        if (!anyExpression && names != null) {
            throw ApiException.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (!anyExpression && values != null) {
            throw ApiException.validation("ExpressionAttributeValues can only be specified when using expressions");
        }
        if (values != null) {
            values.values().forEach(ItemRules::checkValue);
        }
    }

    static Condition condition(String kind, String expr, Map<String, String> names, Map<String, AttributeValue> values) {
        return expr == null ? null : Expressions.condition(kind, expr, names, values);
    }

    static ApiException conditionFailed() {
        return new ApiException("ConditionalCheckFailedException", "The conditional request failed");
    }

    static String returnValues(String given, Set<String> allowed) {
        String rv = given == null ? "NONE" : given;
        if (!allowed.contains(rv)) {
            throw ApiException.validation("Return values set to invalid value");
        }
        return rv;
    }

    static Projection projection(String expr, Map<String, String> names, List<String> attributesToGet) {
        if (expr != null && attributesToGet != null) {
            throw ApiException.validation("Can not use both expression and non-expression parameters in the same request: "
                    + "Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
        }
        if (attributesToGet != null) {
            Set<String> wanted = new HashSet<>(attributesToGet);
            return new Projection() {
                @Override
                public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
                    Map<String, AttributeValue> out = new LinkedHashMap<>();
                    item.forEach((k, v) -> {
                        if (wanted.contains(k)) {
                            out.put(k, v);
                        }
                    });
                    return out;
                }

                @Override
                public Set<String> nestedAttributes() {
                    return Set.of();
                }

                @Override
                public Set<String> usedNames() {
                    return Set.of();
                }

                @Override
                public Set<String> usedValues() {
                    return Set.of();
                }
            };
        }
        return expr == null ? null : Expressions.projection(expr, names);
    }
}

package earkit.reference.service.dynamodb;

import earkit.reference.domain.expression.Condition;
import earkit.reference.domain.expression.LegacyConditions;
import earkit.reference.domain.expression.LegacyConditions.Test;
import earkit.reference.domain.expression.LegacyUpdates;
import earkit.reference.domain.expression.Update;
import earkit.reference.protocol.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;

/**
 * The parameters that predate expressions, read from the request shapes with DynamoDB's checks and wording
 * and handed to the expression machinery ({@link LegacyConditions}, {@link LegacyUpdates}). Libraries still
 * send them: the AWS SDK for Java v1 DynamoDBMapper writes {@code Expected} for versioned saves.
 */
final class LegacyParameters {
    private static final Set<String> OPERATORS = Set.of("IN", "NULL", "BETWEEN", "LT", "NOT_CONTAINS", "EQ", "GT",
            "NOT_NULL", "NE", "LE", "BEGINS_WITH", "GE", "CONTAINS");

    private final List<String> expressions = new ArrayList<>();
    private final List<String> legacy = new ArrayList<>();

    /** An expression parameter, counted if the request gives it. */
    LegacyParameters expression(String name, boolean given) {
        if (given) {
            expressions.add(name);
        }
        return this;
    }

    /** A parameter of the older kind, counted if the request gives it. */
    LegacyParameters legacy(String name, boolean given) {
        if (given) {
            legacy.add(name);
        }
        return this;
    }

    /** Refuses a request that mixes both kinds, naming each kind's parameters in the request's order. */
    void exclusive() {
        if (!expressions.isEmpty() && !legacy.isEmpty()) {
            throw ApiException.validation("Can not use both expression and non-expression parameters in the same request: "
                    + "Non-expression parameters: {" + String.join(", ", legacy) + "} Expression parameters: {"
                    + String.join(", ", expressions) + "}");
        }
    }

    /** {@code Expected} with its ConditionalOperator, or null when not given. */
    static Condition expected(boolean has, Map<String, ExpectedAttributeValue> expected, String conditionalOperator) {
        boolean or = or(conditionalOperator);
        if (!has) {
            return null;
        }
        List<Test> tests = new ArrayList<>();
        for (Map.Entry<String, ExpectedAttributeValue> e : expected.entrySet()) {
            String key = e.getKey();
            ExpectedAttributeValue x = e.getValue();
            boolean hasList = x.hasAttributeValueList();
            if (hasList && x.value() != null) {
                throw ItemRules.invalid("Value and AttributeValueList cannot be used together for Attribute: " + key);
            }
            if (x.comparisonOperatorAsString() != null) {
                String op = operator(x.comparisonOperatorAsString(), "expected." + key);
                if (x.exists() != null) {
                    throw ItemRules.invalid("Exists and ComparisonOperator cannot be used together for Attribute: " + key);
                }
                if (!op.equals("NULL") && !op.equals("NOT_NULL") && !hasList && x.value() == null) {
                    throw ItemRules.invalid("Value or AttributeValueList must be used with ComparisonOperator: " + op
                            + " for Attribute: " + key);
                }
                tests.add(new Test(key, op, values(hasList ? x.attributeValueList() : x.value() == null ? List.of() : List.of(x.value()))));
            } else if (hasList) {
                throw ItemRules.invalid("AttributeValueList can only be used with a ComparisonOperator for Attribute: " + key);
            } else {
                boolean exists = x.exists() == null || x.exists();
                if (exists && x.value() == null) {
                    throw ItemRules.invalid("Value must be provided when Exists is " + (x.exists() == null ? "null" : "true")
                            + " for Attribute: " + key);
                }
                if (!exists && x.value() != null) {
                    throw ItemRules.invalid("Value cannot be used when Exists is false for Attribute: " + key);
                }
                tests.add(exists ? new Test(key, "EQ", values(List.of(x.value()))) : new Test(key, "NULL", List.of()));
            }
        }
        LegacyConditions.check(tests, false);
        return LegacyConditions.condition(tests, or);
    }

    /** {@code QueryFilter}, {@code ScanFilter} or {@code KeyConditions} ({@code parameter} in camel case for messages). */
    static List<Test> conditions(Map<String, software.amazon.awssdk.services.dynamodb.model.Condition> given, String parameter) {
        List<Test> tests = new ArrayList<>();
        for (Map.Entry<String, software.amazon.awssdk.services.dynamodb.model.Condition> e : given.entrySet()) {
            String at = parameter + "." + e.getKey() + ".member.comparisonOperator";
            String op = e.getValue().comparisonOperatorAsString();
            if (op == null) {
                throw ApiException.validation("1 validation error detected: Value null at '" + at
                        + "' failed to satisfy constraint: Member must not be null");
            }
            tests.add(new Test(e.getKey(), operator(op, parameter + "." + e.getKey()),
                    values(e.getValue().hasAttributeValueList() ? e.getValue().attributeValueList() : List.of())));
        }
        return tests;
    }

    /** A filter ({@code QueryFilter}, {@code ScanFilter}) joined by its ConditionalOperator, or null when not given. */
    static Condition filter(boolean has, Map<String, software.amazon.awssdk.services.dynamodb.model.Condition> given,
                            String parameter, String conditionalOperator) {
        boolean or = or(conditionalOperator);
        if (!has) {
            return null;
        }
        List<Test> tests = conditions(given, parameter);
        LegacyConditions.check(tests, true);
        return LegacyConditions.condition(tests, or);
    }

    /** {@code AttributeUpdates} as an update, or null when not given. */
    static Update attributeUpdates(boolean has, Map<String, AttributeValueUpdate> given) {
        if (!has) {
            return null;
        }
        List<LegacyUpdates.Change> changes = new ArrayList<>();
        given.forEach((name, u) -> {
            if (u.value() != null) {
                ItemRules.checkValue(u.value());
            }
            changes.add(new LegacyUpdates.Change(name, u.actionAsString() == null ? "PUT" : u.actionAsString(), u.value()));
        });
        return LegacyUpdates.update(changes);
    }

    /** {@code AttributesToGet}: no name twice. */
    static void attributesToGet(boolean has, List<String> names) {
        if (!has) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw ItemRules.invalid("Duplicate value in attribute name: " + n);
            }
        }
    }

    private static boolean or(String conditionalOperator) {
        if (conditionalOperator != null && !conditionalOperator.equals("AND") && !conditionalOperator.equals("OR")) {
            throw ApiException.validation("1 validation error detected: Value '" + conditionalOperator
                    + "' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [OR, AND]");
        }
        return "OR".equals(conditionalOperator);
    }

    private static String operator(String op, String at) {
        if (!OPERATORS.contains(op)) {
            throw ApiException.validation("1 validation error detected: Value '" + op + "' at '" + at
                    + ".member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: "
                    + LegacyConditions.OPERATORS);
        }
        return op;
    }

    private static List<AttributeValue> values(List<AttributeValue> values) {
        values.forEach(ItemRules::checkValue);
        return values;
    }
}

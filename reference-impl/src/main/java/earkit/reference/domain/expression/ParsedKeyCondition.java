package earkit.reference.domain.expression;

import earkit.reference.domain.expression.ConditionNode.And;
import earkit.reference.domain.expression.ConditionNode.BeginsWith;
import earkit.reference.domain.expression.ConditionNode.Between;
import earkit.reference.domain.expression.ConditionNode.Comparison;
import earkit.reference.domain.expression.Operand.PathOperand;
import earkit.reference.domain.expression.Operand.ValueOperand;
import earkit.reference.domain.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A key condition: the general condition grammar restricted to an equality on the partition key and at
 * most one of = &lt; &lt;= &gt; &gt;= BETWEEN begins_with on the sort key, joined by AND.
 */
final class ParsedKeyCondition implements KeyCondition {
    private static final String KIND = "KeyConditionExpression";

    private final AttributeValue hashValue;
    private final Predicate<AttributeValue> range;
    private final Set<String> usedNames;
    private final Set<String> usedValues;

    ParsedKeyCondition(AttributeValue hashValue, Predicate<AttributeValue> range, Set<String> usedNames,
            Set<String> usedValues) {
        this.hashValue = hashValue;
        this.range = range;
        this.usedNames = usedNames;
        this.usedValues = usedValues;
    }

    /** A key attribute compared with a value, the form every part of a key condition must have. */
    private record KeyTest(String attribute, Predicate<AttributeValue> test, AttributeValue equalTo) {
    }

    static ParsedKeyCondition parse(String text, Map<String, String> names, Map<String, AttributeValue> values,
            String hashKeyName, String rangeKeyName) {
        ConditionParser parser = new ConditionParser(KIND, text, names, values);
        ConditionNode root = parser.parse();
        List<ConditionNode> parts = new ArrayList<>();
        flatten(root, parts);
        AttributeValue hash = null;
        Predicate<AttributeValue> range = null;
        boolean otherAttribute = false;
        List<String> seen = new ArrayList<>();
        for (ConditionNode part : parts) {
            KeyTest test = keyTest(part);
            if (seen.contains(test.attribute())) {
                throw DomainException.validation("KeyConditionExpressions must only contain one condition per key");
            }
            seen.add(test.attribute());
            if (test.attribute().equals(hashKeyName)) {
                if (test.equalTo() == null) {
                    throw DomainException.validation("Query key condition not supported");
                }
                hash = test.equalTo();
            } else if (test.attribute().equals(rangeKeyName)) {
                range = test.test();
            } else {
                otherAttribute = true;
            }
        }
        if (hash == null) {
            throw DomainException.validation("Query condition missed key schema element: " + hashKeyName);
        }
        if (otherAttribute) {
            throw DomainException.validation("Query key condition not supported");
        }
        return new ParsedKeyCondition(hash, range, parser.usedNames(), parser.usedValues());
    }

    private static void flatten(ConditionNode node, List<ConditionNode> parts) {
        if (node instanceof ConditionNode.Group group) {
            flatten(group.inner(), parts);
        } else if (node instanceof And and) {
            flatten(and.left(), parts);
            flatten(and.right(), parts);
        } else {
            parts.add(node);
        }
    }

    private static KeyTest keyTest(ConditionNode node) {
        if (node instanceof Comparison c) {
            if (c.operator().equals("<>")) {
                throw unsupported("<>");
            }
            if (c.left() instanceof Operand.SizeOperand || c.right() instanceof Operand.SizeOperand) {
                throw unsupported("size");
            }
            boolean pathFirst = c.left() instanceof PathOperand;
            String operator = pathFirst ? c.operator() : mirrored(c.operator());
            String attribute = keyAttribute(pathFirst ? c.left() : c.right(), c.operator());
            AttributeValue value = constant(pathFirst ? c.right() : c.left(), c.operator());
            return new KeyTest(attribute, v -> Comparison.holds(operator, v, value),
                    operator.equals("=") ? value : null);
        }
        if (node instanceof Between b) {
            String attribute = keyAttribute(b.operand(), "BETWEEN");
            AttributeValue lower = constant(b.lower(), "BETWEEN");
            AttributeValue upper = constant(b.upper(), "BETWEEN");
            return new KeyTest(attribute, v -> Between.holds(v, lower, upper), null);
        }
        if (node instanceof BeginsWith bw) {
            String attribute = keyAttribute(bw.operand(), "begins_with");
            AttributeValue prefix = constant(bw.prefix(), "begins_with");
            return new KeyTest(attribute, v -> BeginsWith.holds(v, prefix), null);
        }
        throw unsupported(operatorName(node));
    }

    private static String operatorName(ConditionNode node) {
        if (node instanceof ConditionNode.AttributeExists e) {
            return e.exists() ? "attribute_exists" : "attribute_not_exists";
        }
        if (node instanceof ConditionNode.AttributeType) {
            return "attribute_type";
        }
        if (node instanceof ConditionNode.Contains) {
            return "contains";
        }
        if (node instanceof ConditionNode.In) {
            return "IN";
        }
        return node instanceof ConditionNode.Not ? "NOT" : "OR";
    }

    private static String mirrored(String operator) {
        return switch (operator) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> operator;
        };
    }

    private static String keyAttribute(Operand operand, String operator) {
        if (operand instanceof Operand.SizeOperand) {
            throw unsupported("size");
        }
        if (!(operand instanceof PathOperand p)) {
            throw invalid("Invalid condition in KeyConditionExpression: " + operator
                    + " operator must have one key attribute and values as operands");
        }
        if (p.path().length() > 1) {
            throw invalid("KeyConditionExpressions cannot have conditions on nested attributes");
        }
        return p.path().topLevelName();
    }

    private static AttributeValue constant(Operand operand, String operator) {
        if (operand instanceof ValueOperand v) {
            return v.value();
        }
        if (operand instanceof Operand.SizeOperand) {
            throw unsupported("size");
        }
        throw invalid("Invalid condition in KeyConditionExpression: " + operator
                + " operator must have one key attribute and values as operands");
    }

    private static DomainException unsupported(String operator) {
        return invalid("Invalid operator used in KeyConditionExpression: " + operator);
    }

    private static DomainException invalid(String detail) {
        return DomainException.validation("Invalid " + KIND + ": " + detail);
    }

    @Override
    public AttributeValue hashValue() {
        return hashValue;
    }

    @Override
    public boolean rangeMatches(AttributeValue sortKeyValue) {
        return range == null || range.test(sortKeyValue);
    }

    @Override
    public boolean hasRangeCondition() {
        return range != null;
    }

    @Override
    public Set<String> usedNames() {
        return usedNames;
    }

    @Override
    public Set<String> usedValues() {
        return usedValues;
    }

    /** Always empty: key conditions on nested paths are refused when parsed. */
    @Override
    public Set<String> nestedAttributes() {
        return Set.of();
    }
}

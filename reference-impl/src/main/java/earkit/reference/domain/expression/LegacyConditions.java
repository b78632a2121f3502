package earkit.reference.domain.expression;

import earkit.reference.domain.DomainException;
import earkit.reference.domain.expression.ConditionNode.AttributeExists;
import earkit.reference.domain.expression.ConditionNode.BeginsWith;
import earkit.reference.domain.expression.ConditionNode.Between;
import earkit.reference.domain.expression.ConditionNode.Comparison;
import earkit.reference.domain.expression.ConditionNode.Contains;
import earkit.reference.domain.expression.ConditionNode.In;
import earkit.reference.domain.expression.ConditionNode.Not;
import earkit.reference.domain.expression.Operand.PathOperand;
import earkit.reference.domain.expression.Operand.ValueOperand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The conditions of the parameters that predate expressions ({@code Expected}, {@code QueryFilter},
 * {@code ScanFilter}, {@code KeyConditions}) as trees of the expression language, so that both kinds of
 * request are evaluated by one machinery. Each attribute's test is a {@link Test}: a ComparisonOperator of
 * the DynamoDB API reference ("Condition") and its AttributeValueList.
 */
public final class LegacyConditions {
    /** The ComparisonOperator enum as DynamoDB lists it in its validation message. */
    public static final String OPERATORS =
            "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]";
    private static final Set<String> SCALARS = Set.of("S", "N", "B");
    private static final Set<String> EQUALITY_TYPES = Set.of("S", "N", "B", "SS", "NS", "BS");

    /** One attribute's condition: {@code operator} one of {@link #OPERATORS}. */
    public record Test(String attribute, String operator, List<AttributeValue> values) {
    }

    private LegacyConditions() {
    }

    /**
     * Checks the operator's arity and, for filters and key conditions ({@code typed}), the value types it
     * accepts; {@code Expected} checks only arity and type agreement, as DynamoDB does.
     */
    public static void check(List<Test> tests, boolean typed) {
        for (Test t : tests) {
            int n = t.values().size();
            boolean arity = switch (t.operator()) {
                case "NULL", "NOT_NULL" -> n == 0;
                case "IN" -> n >= 1;
                case "BETWEEN" -> n == 2;
                default -> n == 1;
            };
            if (!arity) {
                throw invalid("Invalid number of argument(s) for the " + t.operator() + " ComparisonOperator");
            }
            if (n > 0) {
                String type = AttributeValues.type(t.values().get(0));
                if (t.values().stream().anyMatch(v -> !AttributeValues.type(v).equals(type))) {
                    throw invalid("AttributeValues inside AttributeValueList must be of same type");
                }
                if (typed) {
                    Set<String> allowed = switch (t.operator()) {
                        case "EQ", "NE" -> EQUALITY_TYPES;
                        case "BEGINS_WITH" -> Set.of("S", "B");
                        default -> SCALARS;
                    };
                    if (!allowed.contains(type)) {
                        throw invalid("ComparisonOperator " + t.operator() + " is not valid for " + type + " AttributeValue type");
                    }
                }
                if (t.operator().equals("BETWEEN") && SCALARS.contains(type)
                        && AttributeValues.compare(t.values().get(0), t.values().get(1)) > 0) {
                    throw DomainException.validation(
                            "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
                }
            }
        }
    }

    /** The tests joined by AND, or by OR when {@code or}, each as its expression equivalent; null for none. */
    public static Condition condition(List<Test> tests, boolean or) {
        ConditionNode root = null;
        for (Test t : tests) {
            ConditionNode node = node(t);
            root = root == null ? node : or ? new ConditionNode.Or(root, node) : new ConditionNode.And(root, node);
        }
        return root == null ? null : new ParsedCondition(root, Set.of(), Set.of(), Set.of());
    }

    private static ConditionNode node(Test t) {
        PathOperand path = new PathOperand(new DocumentPath(List.of(t.attribute())));
        List<Operand> values = new ArrayList<>();
        t.values().forEach(v -> values.add(new ValueOperand(null, v)));
        return switch (t.operator()) {
            case "EQ" -> new Comparison("=", path, values.get(0));
            case "NE" -> new Comparison("<>", path, values.get(0));
            case "LT" -> new Comparison("<", path, values.get(0));
            case "LE" -> new Comparison("<=", path, values.get(0));
            case "GT" -> new Comparison(">", path, values.get(0));
            case "GE" -> new Comparison(">=", path, values.get(0));
            case "NULL" -> new AttributeExists(path.path(), false);
            case "NOT_NULL" -> new AttributeExists(path.path(), true);
            case "CONTAINS" -> new Contains(path, values.get(0));
            case "NOT_CONTAINS" -> new Not(new Contains(path, values.get(0)));
            case "BEGINS_WITH" -> new BeginsWith(path, values.get(0));
            case "IN" -> new In(path, values);
            case "BETWEEN" -> new Between(path, values.get(0), values.get(1));
            default -> throw new IllegalArgumentException(t.operator());
        };
    }

    /**
     * {@code KeyConditions} of a Query against a key schema ({@code rangeKey} null for a partition key only),
     * with DynamoDB's refusals in its order; {@code types} gives each key attribute's scalar type.
     */
    public static KeyCondition keyCondition(List<Test> tests, String hashKey, String rangeKey, Map<String, String> types) {
        check(tests, true);
        if (tests.size() != 1 && tests.size() != 2) {
            throw DomainException.validation("Conditions can be of length 1 or 2 only");
        }
        AttributeValue hash = null;
        Predicate<AttributeValue> range = null;
        for (String key : rangeKey == null ? List.of(hashKey) : List.of(hashKey, rangeKey)) {
            boolean isHash = key.equals(hashKey);
            if (isHash && rangeKey == null && tests.size() > 1) {
                throw DomainException.validation("Query key condition not supported");
            }
            Test t = tests.stream().filter(x -> x.attribute().equals(key)).findFirst().orElse(null);
            if (t == null) {
                if (isHash || tests.size() > 1) {
                    throw DomainException.validation("Query condition missed key schema element: " + key);
                }
                continue;
            }
            if (Set.of("NULL", "NOT_NULL", "NE", "CONTAINS", "NOT_CONTAINS", "IN").contains(t.operator())) {
                throw DomainException.validation("Attempted conditional constraint is not an indexable operation");
            }
            if (t.values().stream().anyMatch(v -> !AttributeValues.type(v).equals(types.get(key)))) {
                throw invalid("Condition parameter type does not match schema type");
            }
            if (isHash) {
                if (!t.operator().equals("EQ")) {
                    throw DomainException.validation("Query key condition not supported");
                }
                hash = t.values().get(0);
            } else {
                ConditionNode node = node(t);
                range = v -> node.test(Map.of(key, v));
            }
        }
        return new ParsedKeyCondition(hash, range, Set.of(), Set.of());
    }

    static DomainException invalid(String detail) {
        return DomainException.validation("One or more parameter values were invalid: " + detail);
    }
}

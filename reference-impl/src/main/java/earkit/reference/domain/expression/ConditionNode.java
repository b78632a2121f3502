package earkit.reference.domain.expression;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The parsed tree of a condition; evaluation follows DynamoDB: a missing attribute or a type mismatch makes a comparison false. */
sealed interface ConditionNode {
    Set<String> ORDERED_TYPES = Set.of("S", "N", "B");

    boolean test(Map<String, AttributeValue> item);

    /** A parenthesised condition; kept so that a second pair of parentheses can be refused as redundant. */
    record Group(ConditionNode inner) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return inner.test(item);
        }
    }

    record Or(ConditionNode left, ConditionNode right) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return left.test(item) || right.test(item);
        }
    }

    record And(ConditionNode left, ConditionNode right) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return left.test(item) && right.test(item);
        }
    }

    record Not(ConditionNode operand) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return !operand.test(item);
        }
    }

    record Comparison(String operator, Operand left, Operand right) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return holds(operator, left.evaluate(item), right.evaluate(item));
        }

        static boolean holds(String operator, AttributeValue a, AttributeValue b) {
            if (a == null || b == null) {
                return operator.equals("<>");
            }
            return switch (operator) {
                case "=" -> AttributeValues.equal(a, b);
                case "<>" -> !AttributeValues.equal(a, b);
                default -> {
                    if (!ordered(a, b)) {
                        yield false;
                    }
                    int c = AttributeValues.compare(a, b);
                    yield switch (operator) {
                        case "<" -> c < 0;
                        case "<=" -> c <= 0;
                        case ">" -> c > 0;
                        default -> c >= 0;
                    };
                }
            };
        }
    }

    record Between(Operand operand, Operand lower, Operand upper) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return holds(operand.evaluate(item), lower.evaluate(item), upper.evaluate(item));
        }

        static boolean holds(AttributeValue v, AttributeValue lo, AttributeValue hi) {
            return v != null && lo != null && hi != null && ordered(v, lo) && ordered(v, hi)
                    && AttributeValues.compare(lo, v) <= 0 && AttributeValues.compare(v, hi) <= 0;
        }
    }

    record In(Operand operand, List<Operand> candidates) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue v = operand.evaluate(item);
            if (v == null) {
                return false;
            }
            for (Operand candidate : candidates) {
                AttributeValue c = candidate.evaluate(item);
                if (c != null && AttributeValues.equal(v, c)) {
                    return true;
                }
            }
            return false;
        }
    }

    record AttributeExists(DocumentPath path, boolean exists) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return (path.resolve(item) != null) == exists;
        }
    }

    record AttributeType(Operand subject, Operand type) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue v = subject.evaluate(item);
            AttributeValue t = type.evaluate(item);
            return v != null && t != null && t.s() != null && AttributeValues.type(v).equals(t.s());
        }
    }

    record BeginsWith(Operand operand, Operand prefix) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            return holds(operand.evaluate(item), prefix.evaluate(item));
        }

        static boolean holds(AttributeValue v, AttributeValue prefix) {
            if (v == null || prefix == null) {
                return false;
            }
            if (v.s() != null && prefix.s() != null) {
                return v.s().startsWith(prefix.s());
            }
            if (v.b() != null && prefix.b() != null) {
                byte[] bytes = v.b().asByteArrayUnsafe();
                byte[] start = prefix.b().asByteArrayUnsafe();
                return bytes.length >= start.length && Arrays.equals(bytes, 0, start.length, start, 0, start.length);
            }
            return false;
        }
    }

    record Contains(Operand operand, Operand element) implements ConditionNode {
        @Override
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue v = operand.evaluate(item);
            AttributeValue e = element.evaluate(item);
            if (v == null || e == null) {
                return false;
            }
            return switch (AttributeValues.type(v)) {
                case "S" -> e.s() != null && v.s().contains(e.s());
                case "SS" -> e.s() != null && v.ss().contains(e.s());
                case "NS" -> e.n() != null && v.ns().stream()
                        .anyMatch(n -> AttributeValues.equal(AttributeValue.fromN(n), e));
                case "BS" -> e.b() != null && v.bs().contains(e.b());
                case "L" -> v.l().stream().anyMatch(x -> AttributeValues.equal(x, e));
                default -> false;
            };
        }
    }

    private static boolean ordered(AttributeValue a, AttributeValue b) {
        String type = AttributeValues.type(a);
        return ORDERED_TYPES.contains(type) && type.equals(AttributeValues.type(b));
    }
}

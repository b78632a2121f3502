package earkit.reference.domain.expression;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One action of an update expression, aimed at a document path. */
sealed interface UpdateAction {
    DocumentPath path();

    record SetAction(DocumentPath path, UpdateValue value) implements UpdateAction {
    }

    record RemoveAction(DocumentPath path) implements UpdateAction {
    }

    /** ADD: sum for numbers, union for sets; creates the attribute when missing. */
    record AddAction(DocumentPath path, AttributeValue value) implements UpdateAction {
        AttributeValue combine(AttributeValue existing) {
            if (existing == null) {
                return value;
            }
            String type = AttributeValues.type(value);
            if (!type.equals(AttributeValues.type(existing))) {
                throw UpdateValue.wrongType();
            }
            return switch (type) {
                case "N" -> AttributeValue.fromN(Numbers.add(existing.n(), value.n()));
                case "SS" -> AttributeValue.fromSs(union(existing.ss(), value.ss()));
                case "BS" -> AttributeValue.fromBs(union(existing.bs(), value.bs()));
                default -> AttributeValue.fromNs(numberUnion(existing.ns(), value.ns()));
            };
        }

        private static <T> List<T> union(List<T> a, List<T> b) {
            Set<T> all = new LinkedHashSet<>(a);
            all.addAll(b);
            return new ArrayList<>(all);
        }

        private static List<String> numberUnion(List<String> a, List<String> b) {
            List<String> all = new ArrayList<>(a);
            for (String n : b) {
                if (!containsNumber(all, n)) {
                    all.add(n);
                }
            }
            return all;
        }
    }

    /** DELETE: removes elements from a set; returns null when the set becomes empty (the attribute goes away). */
    record DeleteAction(DocumentPath path, AttributeValue value) implements UpdateAction {
        AttributeValue subtract(AttributeValue existing) {
            String type = AttributeValues.type(value);
            if (!type.equals(AttributeValues.type(existing))) {
                throw UpdateValue.wrongType();
            }
            return switch (type) {
                case "SS" -> nonEmpty(minus(existing.ss(), value.ss()), AttributeValue::fromSs);
                case "BS" -> nonEmpty(minus(existing.bs(), value.bs()), AttributeValue::fromBs);
                default -> {
                    List<String> left = new ArrayList<>();
                    for (String n : existing.ns()) {
                        if (!containsNumber(value.ns(), n)) {
                            left.add(n);
                        }
                    }
                    yield nonEmpty(left, AttributeValue::fromNs);
                }
            };
        }

        private static <T> List<T> minus(List<T> a, List<T> b) {
            List<T> left = new ArrayList<>(a);
            left.removeAll(b);
            return left;
        }

        private static <T> AttributeValue nonEmpty(List<T> elements,
                Function<List<T>, AttributeValue> wrap) {
            return elements.isEmpty() ? null : wrap.apply(elements);
        }
    }

    private static boolean containsNumber(List<String> numbers, String n) {
        AttributeValue candidate = AttributeValue.fromN(n);
        return numbers.stream().anyMatch(x -> AttributeValues.equal(AttributeValue.fromN(x), candidate));
    }
}

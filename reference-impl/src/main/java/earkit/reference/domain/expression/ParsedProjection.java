package earkit.reference.domain.expression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A projection: the selected paths keep their place in the document, e.g. {@code a.b, l[2]} of an item
 * yields {@code {a: {b: ...}, l: [<element 2>]}}; selected list elements keep their original order.
 */
record ParsedProjection(List<DocumentPath> paths, Set<String> usedNames, Set<String> usedValues,
        Set<String> nestedAttributes)
        implements Projection {
    private static final List<Problem> RANKING = List.of(Problem.RESERVED_WORD, Problem.UNDEFINED_NAME,
            Problem.PATH_OVERLAP, Problem.PATH_CONFLICT, Problem.LIMIT);

    static ParsedProjection parse(String text, Map<String, String> names) {
        ExpressionParser parser = new ExpressionParser("ProjectionExpression", text, names, Map.of());
        List<DocumentPath> paths = new ArrayList<>();
        do {
            paths.add(parser.path());
        } while (parser.accept(","));
        parser.expectEnd();
        for (int j = 1; j < paths.size(); j++) {
            for (int i = 0; i < j; i++) {
                DocumentPath one = paths.get(i);
                DocumentPath two = paths.get(j);
                if (one.overlaps(two)) {
                    parser.problem(Problem.PATH_OVERLAP, "Two document paths overlap with each other; must remove or"
                            + " rewrite one of these paths; path one: " + one + ", path two: " + two);
                } else if (one.conflicts(two)) {
                    parser.problem(Problem.PATH_CONFLICT, "Two document paths conflict with each other; must remove or"
                            + " rewrite one of these paths; path one: " + one + ", path two: " + two);
                }
            }
        }
        parser.throwProblems(RANKING);
        return new ParsedProjection(paths, parser.usedNames(), Set.of(), parser.nestedAttributes());
    }

    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        Node root = new Node();
        for (DocumentPath path : paths) {
            root.select(path, 0);
        }
        return root.selectFrom(item == null ? Map.of() : item);
    }

    /** The tree of selected paths: children by attribute name or list index; a leaf takes the whole value. */
    private static final class Node {
        private final Map<Object, Node> children = new LinkedHashMap<>();
        private boolean whole;

        void select(DocumentPath path, int i) {
            if (i == path.length()) {
                whole = true;
                return;
            }
            children.computeIfAbsent(path.element(i), k -> new Node()).select(path, i + 1);
        }

        /** The selected part of the value, or null when nothing selected is present. */
        AttributeValue extract(AttributeValue value) {
            if (whole) {
                return value;
            }
            if (value.hasM()) {
                Map<String, AttributeValue> selected = selectFrom(value.m());
                return selected.isEmpty() ? null : AttributeValue.fromM(selected);
            }
            if (value.hasL()) {
                Map<Integer, AttributeValue> byIndex = new TreeMap<>();
                children.forEach((key, child) -> {
                    if (key instanceof Integer index && index < value.l().size()) {
                        AttributeValue part = child.extract(value.l().get(index));
                        if (part != null) {
                            byIndex.put(index, part);
                        }
                    }
                });
                return byIndex.isEmpty() ? null : AttributeValue.fromL(new ArrayList<>(byIndex.values()));
            }
            return null;
        }

        Map<String, AttributeValue> selectFrom(Map<String, AttributeValue> map) {
            Map<String, AttributeValue> out = new LinkedHashMap<>();
            children.forEach((key, child) -> {
                if (key instanceof String name && map.containsKey(name)) {
                    AttributeValue part = child.extract(map.get(name));
                    if (part != null) {
                        out.put(name, part);
                    }
                }
            });
            return out;
        }
    }
}

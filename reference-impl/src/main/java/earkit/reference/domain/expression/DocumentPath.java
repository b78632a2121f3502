package earkit.reference.domain.expression;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A resolved document path: attribute names (placeholders already substituted) and list indexes, e.g.
 * {@code a.#b[2]} is {@code [a, b, 2]}.
 */
record DocumentPath(List<Object> elements) {
    DocumentPath {
        elements = List.copyOf(elements);
    }

    String topLevelName() {
        return (String) elements.get(0);
    }

    int length() {
        return elements.size();
    }

    Object element(int i) {
        return elements.get(i);
    }

    /** The value at this path, or null when some step is missing or of the wrong type. */
    AttributeValue resolve(Map<String, AttributeValue> item) {
        if (item == null) {
            return null;
        }
        AttributeValue current = item.get(topLevelName());
        for (int i = 1; i < elements.size() && current != null; i++) {
            current = step(current, elements.get(i));
        }
        return current;
    }

    static AttributeValue step(AttributeValue container, Object element) {
        if (element instanceof String name) {
            return container.hasM() ? container.m().get(name) : null;
        }
        int index = (Integer) element;
        return container.hasL() && index < container.l().size() ? container.l().get(index) : null;
    }

    /** True when one path is the other or lies inside it. */
    boolean overlaps(DocumentPath other) {
        int common = commonPrefix(other);
        return common == Math.min(length(), other.length());
    }

    /** True when the paths step differently (name versus index) into the same attribute. */
    boolean conflicts(DocumentPath other) {
        int common = commonPrefix(other);
        return common < Math.min(length(), other.length())
                && elements.get(common).getClass() != other.elements.get(common).getClass();
    }

    private int commonPrefix(DocumentPath other) {
        int i = 0;
        while (i < length() && i < other.length() && elements.get(i).equals(other.elements.get(i))) {
            i++;
        }
        return i;
    }

    /** DynamoDB's rendering in overlap messages: {@code [a, b, [2]]}. */
    @Override
    public String toString() {
        return elements.stream().map(e -> e instanceof Integer ? "[" + e + "]" : (String) e)
                .collect(Collectors.joining(", ", "[", "]"));
    }
}

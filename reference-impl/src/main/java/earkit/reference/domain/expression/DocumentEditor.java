package earkit.reference.domain.expression;

import earkit.reference.domain.DomainException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes and removes values at document paths without touching the input: every map and list on the way
 * is copied, the rest of the item is shared (attribute values are immutable).
 */
final class DocumentEditor {
    private DocumentEditor() {
    }

    static DomainException invalidPath() {
        return DomainException.validation("The document path provided in the update expression is invalid for update");
    }

    /**
     * Puts the value at the path. Every step but the last must exist; a list index past the end appends,
     * as DynamoDB does.
     */
    static Map<String, AttributeValue> put(Map<String, AttributeValue> item, DocumentPath path, AttributeValue value) {
        return put(AttributeValue.fromM(item), path, 0, value).m();
    }

    private static AttributeValue put(AttributeValue container, DocumentPath path, int i, AttributeValue value) {
        Object element = path.element(i);
        boolean last = i == path.length() - 1;
        if (element instanceof String name) {
            if (!container.hasM()) {
                throw invalidPath();
            }
            Map<String, AttributeValue> copy = new LinkedHashMap<>(container.m());
            AttributeValue child = copy.get(name);
            if (!last && child == null) {
                throw invalidPath();
            }
            copy.put(name, last ? value : put(child, path, i + 1, value));
            return AttributeValue.fromM(copy);
        }
        int index = (Integer) element;
        if (!container.hasL()) {
            throw invalidPath();
        }
        List<AttributeValue> copy = new ArrayList<>(container.l());
        if (last) {
            if (index < copy.size()) {
                copy.set(index, value);
            } else {
                copy.add(value);
            }
        } else {
            if (index >= copy.size()) {
                throw invalidPath();
            }
            copy.set(index, put(copy.get(index), path, i + 1, value));
        }
        return AttributeValue.fromL(copy);
    }

    /**
     * Removes the value at the path; nothing happens when the last step is not there, but every step
     * before it must exist with the right type.
     */
    static Map<String, AttributeValue> remove(Map<String, AttributeValue> item, DocumentPath path) {
        return remove(AttributeValue.fromM(item), path, 0).m();
    }

    private static AttributeValue remove(AttributeValue container, DocumentPath path, int i) {
        Object element = path.element(i);
        boolean last = i == path.length() - 1;
        if (element instanceof String name) {
            if (!container.hasM()) {
                throw invalidPath();
            }
            AttributeValue child = container.m().get(name);
            if (child == null) {
                if (!last) {
                    throw invalidPath();
                }
                return container;
            }
            Map<String, AttributeValue> copy = new LinkedHashMap<>(container.m());
            if (last) {
                copy.remove(name);
            } else {
                copy.put(name, remove(child, path, i + 1));
            }
            return AttributeValue.fromM(copy);
        }
        int index = (Integer) element;
        if (!container.hasL()) {
            throw invalidPath();
        }
        if (index >= container.l().size()) {
            if (!last) {
                throw invalidPath();
            }
            return container;
        }
        List<AttributeValue> copy = new ArrayList<>(container.l());
        if (last) {
            copy.remove(index);
        } else {
            copy.set(index, remove(copy.get(index), path, i + 1));
        }
        return AttributeValue.fromL(copy);
    }
}

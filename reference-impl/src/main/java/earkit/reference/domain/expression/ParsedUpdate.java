package earkit.reference.domain.expression;

import earkit.reference.domain.expression.UpdateAction.AddAction;
import earkit.reference.domain.expression.UpdateAction.DeleteAction;
import earkit.reference.domain.expression.UpdateAction.RemoveAction;
import earkit.reference.domain.expression.UpdateAction.SetAction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An update ready to apply. Every SET value is computed from the item as it was before the update; then
 * SETs are written, REMOVEs applied (list elements from the highest index down, so each index means the
 * element of the original list), then ADDs and DELETEs.
 */
record ParsedUpdate(List<UpdateAction> actions, Set<String> usedNames, Set<String> usedValues,
        Set<String> nestedAttributes) implements Update {
    /** Highest list index first where two paths differ by index; any fixed order elsewhere. */
    private static final Comparator<UpdateAction> REMOVAL_ORDER = (x, y) -> {
        List<Object> a = x.path().elements();
        List<Object> b = y.path().elements();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Object ea = a.get(i);
            Object eb = b.get(i);
            if (ea instanceof Integer ia && eb instanceof Integer ib && !ia.equals(ib)) {
                return Integer.compare(ib, ia);
            }
            if (!ea.equals(eb)) {
                return ea.toString().compareTo(eb.toString());
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> original = item == null ? Map.of() : item;
        List<AttributeValue> setValues = new ArrayList<>();
        for (UpdateAction action : actions) {
            if (action instanceof SetAction set) {
                setValues.add(set.value().evaluate(original));
            }
        }
        Map<String, AttributeValue> result = new LinkedHashMap<>(original);
        int next = 0;
        for (UpdateAction action : actions) {
            if (action instanceof SetAction set) {
                result = DocumentEditor.put(result, set.path(), setValues.get(next++));
            }
        }
        List<UpdateAction> removals = new ArrayList<>();
        for (UpdateAction action : actions) {
            if (action instanceof RemoveAction) {
                removals.add(action);
            }
        }
        removals.sort(REMOVAL_ORDER);
        for (UpdateAction removal : removals) {
            result = DocumentEditor.remove(result, removal.path());
        }
        for (UpdateAction action : actions) {
            if (action instanceof AddAction add) {
                result = DocumentEditor.put(result, add.path(), add.combine(add.path().resolve(original)));
            } else if (action instanceof DeleteAction delete) {
                AttributeValue existing = delete.path().resolve(original);
                AttributeValue left = existing == null ? null : delete.subtract(existing);
                // Removing also checks that the steps before a missing set exist.
                result = left == null ? DocumentEditor.remove(result, delete.path())
                        : DocumentEditor.put(result, delete.path(), left);
            }
        }
        return result;
    }

    @Override
    public Map<String, AttributeValue> updatedParts(Map<String, AttributeValue> item) {
        List<DocumentPath> paths = new ArrayList<>();
        actions.forEach(a -> paths.add(a.path()));
        return new ParsedProjection(paths, Set.of(), Set.of(), Set.of()).apply(item);
    }

    @Override
    public Set<String> topLevelAttributes() {
        Set<String> names = new LinkedHashSet<>();
        for (UpdateAction action : actions) {
            names.add(action.path().topLevelName());
        }
        return names;
    }
}

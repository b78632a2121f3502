package earkit.reference.service.dynamodb.partiql;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The ExpressionAttributeNames and ExpressionAttributeValues a translated statement hands to the expression
 * engine: every attribute name and value of the statement becomes a placeholder, so no name is ever read as a
 * reserved word and no value is ever re-parsed.
 */
final class Placeholders {
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, String> byName = new LinkedHashMap<>();
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();
    private final Set<String> topLevel = new LinkedHashSet<>();

    String name(String attribute, boolean first) {
        if (first) {
            topLevel.add(attribute);
        }
        return byName.computeIfAbsent(attribute, a -> {
            String p = "#n" + names.size();
            names.put(p, a);
            return p;
        });
    }

    String value(AttributeValue v) {
        String p = ":v" + values.size();
        values.put(p, v);
        return p;
    }

    /** The attributes named at the top of a path since this registry was made. */
    Set<String> topLevelNames() {
        return topLevel;
    }

    Map<String, String> names() {
        return names.isEmpty() ? null : names;
    }

    Map<String, AttributeValue> values() {
        return values.isEmpty() ? null : values;
    }
}

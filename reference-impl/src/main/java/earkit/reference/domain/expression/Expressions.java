package earkit.reference.domain.expression;

import earkit.reference.domain.DomainException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Entry point of DynamoDB's expression language: parses condition, filter, key condition, update and
 * projection expressions against their {@code ExpressionAttributeNames}/{@code ExpressionAttributeValues}.
 * All parse errors are {@code ValidationException}s with DynamoDB's wording.
 */
public final class Expressions {
    private static final Pattern NAME_KEY = Pattern.compile("#[A-Za-z0-9_]+");
    private static final Pattern VALUE_KEY = Pattern.compile(":[A-Za-z0-9_]+");

    private Expressions() {
    }

    /** A ConditionExpression or FilterExpression ({@code kind} names it in error messages). */
    public static Condition condition(String kind, String expr, Map<String, String> names,
            Map<String, AttributeValue> values) {
        ConditionParser parser = new ConditionParser(kind, expr, names, values);
        ConditionNode root = parser.parse();
        return new ParsedCondition(root, parser.usedNames(), parser.usedValues(), parser.nestedAttributes());
    }

    /** A Query KeyConditionExpression against the key schema ({@code rangeKeyName} null for a partition key only). */
    public static KeyCondition keyCondition(String expr, Map<String, String> names,
            Map<String, AttributeValue> values, String hashKeyName, String rangeKeyName) {
        return ParsedKeyCondition.parse(expr, names, values, hashKeyName, rangeKeyName);
    }

    /** An UpdateExpression; paths it writes must neither overlap nor conflict. */
    public static Update update(String expr, Map<String, String> names, Map<String, AttributeValue> values) {
        UpdateParser parser = new UpdateParser(expr, names, values);
        List<UpdateAction> actions = parser.parse();
        return new ParsedUpdate(actions, parser.usedNames(), parser.usedValues(), parser.nestedAttributes());
    }

    /** A ProjectionExpression: comma-separated document paths. */
    public static Projection projection(String expr, Map<String, String> names) {
        return ParsedProjection.parse(expr, names);
    }

    /**
     * Refuses placeholder keys that are not {@code #word} / {@code :word}; such a key can never be used, and
     * DynamoDB names it before anything else.
     */
    public static void checkPlaceholderKeys(Map<String, String> names, Map<String, AttributeValue> values) {
        invalidKey("ExpressionAttributeNames", names == null ? Set.of() : names.keySet(), NAME_KEY);
        invalidKey("ExpressionAttributeValues", values == null ? Set.of() : values.keySet(), VALUE_KEY);
    }

    private static void invalidKey(String parameter, Set<String> keys, Pattern valid) {
        if (allMatch(keys, valid)) {
            return; // the common case: no sorted copy of the keys for each request
        }
        for (String key : new TreeSet<>(keys)) {
            if (!valid.matcher(key).matches()) {
                throw DomainException.validation(parameter + " contains invalid key: Syntax error; key: \"" + key + "\"");
            }
        }
    }

    private static boolean allMatch(Set<String> keys, Pattern valid) {
        for (String key : keys) {
            if (!valid.matcher(key).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Throws the DynamoDB ValidationException if some given names/values were used by none of the parsed
     * expressions (after {@link #checkPlaceholderKeys}).
     */
    public static void checkAllUsed(Map<String, String> names, Map<String, AttributeValue> values,
            Parsed... parsed) {
        checkPlaceholderKeys(names, values);
        Set<String> usedNames = new HashSet<>();
        Set<String> usedValues = new HashSet<>();
        for (Parsed p : parsed) {
            if (p != null) {
                usedNames.addAll(p.usedNames());
                usedValues.addAll(p.usedValues());
            }
        }
        unused("ExpressionAttributeNames", names == null ? Set.of() : names.keySet(), usedNames);
        unused("ExpressionAttributeValues", values == null ? Set.of() : values.keySet(), usedValues);
    }

    private static void unused(String parameter, Set<String> given, Set<String> used) {
        if (used.containsAll(given)) {
            return; // every request that gives none: no sorted copy to find there is nothing unused
        }
        Set<String> unused = new TreeSet<>(given);
        unused.removeAll(used);
        if (!unused.isEmpty()) {
            throw DomainException.validation("Value provided in " + parameter + " unused in expressions: keys: {"
                    + String.join(", ", unused) + "}");
        }
    }
}

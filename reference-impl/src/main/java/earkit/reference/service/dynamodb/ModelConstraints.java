package earkit.reference.service.dynamodb;

import earkit.reference.protocol.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * The constraints DynamoDB's request model declares (enums, name patterns and lengths, ranges), checked all at
 * once and answered together as DynamoDB answers them: {@code N validation errors detected: Value '…' at '…'
 * failed to satisfy constraint: …; …}, at most ten, each member's constraints in DynamoDB's order (pattern, then
 * minimum and maximum length). Callers name the members in DynamoDB's order for the operation (dynalite's
 * captures, {@code validations/<operation>.js}). These come before any other check and before the table is
 * looked up.
 */
final class ModelConstraints {
    static final List<String> SELECT = List.of("SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES");
    static final List<String> CONSUMED_CAPACITY = List.of("INDEXES", "TOTAL", "NONE");
    static final List<String> CONDITIONAL_OPERATOR = List.of("OR", "AND");
    static final List<String> RETURN_VALUES = List.of("ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW");
    static final List<String> ITEM_COLLECTION_METRICS = List.of("SIZE", "NONE");
    private static final int MAX_REPORTED = 10;

    private final List<String> errors = new ArrayList<>();

    private void fail(String member, Object value, String constraint) {
        if (errors.size() < MAX_REPORTED) {
            errors.add("Value " + (value == null ? "null" : "'" + value + "'") + " at '" + member
                    + "' failed to satisfy constraint: " + constraint);
        }
    }

    /** A table or index name: {@code [a-zA-Z0-9_.-]+}, 3 to 255 characters; a table may be named by its ARN. */
    ModelConstraints name(String member, String value, boolean required) {
        if (value == null) {
            if (required) {
                fail(member, null, "Member must not be null");
            }
            return this;
        }
        String name = value.startsWith("arn:aws:dynamodb:") && value.contains(":table/")
                ? value.substring(value.indexOf(":table/") + 7) : value;
        if (!name.matches("[a-zA-Z0-9_.-]+")) {
            fail(member, value, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        if (name.length() < 3) {
            fail(member, value, "Member must have length greater than or equal to 3");
        }
        if (name.length() > 255) {
            fail(member, value, "Member must have length less than or equal to 255");
        }
        return this;
    }

    ModelConstraints oneOf(String member, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            fail(member, value, "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
        }
        return this;
    }

    ModelConstraints atLeast(String member, Integer value, int min) {
        if (value != null && value < min) {
            fail(member, value, "Member must have value greater than or equal to " + min);
        }
        return this;
    }

    ModelConstraints atMost(String member, Integer value, int max) {
        if (value != null && value > max) {
            fail(member, value, "Member must have value less than or equal to " + max);
        }
        return this;
    }

    /** A string of {@code min} to {@code max} characters (nothing to say of a missing one: see notNull). */
    ModelConstraints length(String member, String value, int min, int max) {
        if (value != null && value.length() < min) {
            fail(member, value, "Member must have length greater than or equal to " + min);
        }
        if (value != null && value.length() > max) {
            fail(member, value, "Member must have length less than or equal to " + max);
        }
        return this;
    }

    ModelConstraints notNull(String member, Object value) {
        if (value == null) {
            fail(member, null, "Member must not be null");
        }
        return this;
    }

    /** Refuses the request with every constraint it broke, if any. */
    void check() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors.size() + " validation error" + (errors.size() > 1 ? "s" : "")
                    + " detected: " + String.join("; ", errors));
        }
    }
}

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
    static final List<String> BILLING_MODE = List.of("PROVISIONED", "PAY_PER_REQUEST");
    static final List<String> KEY_TYPE = List.of("HASH", "RANGE");
    static final List<String> ATTRIBUTE_TYPE = List.of("B", "N", "S");
    static final List<String> PROJECTION_TYPE = List.of("ALL", "INCLUDE", "KEYS_ONLY");
    static final List<String> SSE_TYPE = List.of("AES256", "KMS");
    static final List<String> STREAM_VIEW_TYPE = List.of("NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY");
    static final List<String> BACKUP_TYPE = List.of("USER", "SYSTEM", "AWS_BACKUP", "ALL");
    static final List<String> SHARD_ITERATOR_TYPE = List.of("TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER");
    private static final String NAME_PATTERN = "[a-zA-Z0-9_.-]+";
    private static final int MAX_REPORTED = 10;

    private final List<String> errors = new ArrayList<>();

    private void fail(String member, Object value, String constraint) {
        if (errors.size() < MAX_REPORTED) {
            errors.add("Value " + (value == null ? "null" : "'" + value + "'") + " at '" + member
                    + "' failed to satisfy constraint: " + constraint);
        }
    }

    /** A table name: as {@link #name}, and a table may be named by its ARN. */
    ModelConstraints tableName(String member, String value, boolean required) {
        String bare = value != null && value.startsWith("arn:aws:dynamodb:") && value.contains(":table/")
                ? value.substring(value.indexOf(":table/") + 7) : value;
        return name(member, value, bare, required);
    }

    /** An index or backup name: {@code [a-zA-Z0-9_.-]+}, 3 to 255 characters. */
    ModelConstraints name(String member, String value, boolean required) {
        return name(member, value, value, required);
    }

    private ModelConstraints name(String member, String value, String bare, boolean required) {
        if (value == null) {
            if (required) {
                fail(member, null, "Member must not be null");
            }
            return this;
        }
        if (!isName(bare)) {
            fail(member, value, "Member must satisfy regular expression pattern: " + NAME_PATTERN);
        }
        return length(member, value, bare.length(), 3, 255);
    }

    /** {@code [a-zA-Z0-9_.-]+}, checked on every item request: a loop rather than a regular expression. */
    private static boolean isName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')) {
                return false;
            }
        }
        return !name.isEmpty();
    }

    /** A string (an ARN, a shard id, a tag key) of {@code min} to {@code max} characters. */
    ModelConstraints length(String member, String value, boolean required, int min, int max) {
        if (value == null) {
            return required ? notNull(member, null) : this;
        }
        return length(member, value, value.length(), min, max);
    }

    /** A list or map of {@code min} to {@code max} members; absent is checked by {@link #notNull}. */
    ModelConstraints size(String member, Object shown, Integer size, int min, int max) {
        return size == null ? this : length(member, shown, size, min, max);
    }

    private ModelConstraints length(String member, Object shown, int length, int min, int max) {
        if (length < min) {
            fail(member, shown, "Member must have length greater than or equal to " + min);
        }
        if (length > max) {
            fail(member, shown, "Member must have length less than or equal to " + max);
        }
        return this;
    }

    /**
     * The table names keying a batch's {@code RequestItems}, answered as DynamoDB answers a map's keys: once per
     * bad key, the map shown by its keys (DynamoDB prints its own rendering of the values, which no client can
     * rely on; features/README.md, recorded choices).
     */
    ModelConstraints tableNameKeys(String member, java.util.Collection<String> names) {
        if (names == null) {
            return this;
        }
        String shown = "{" + String.join(", ", names) + "}";
        for (String name : names) {
            if (!isName(name) || name.length() < 3 || name.length() > 255) {
                fail(member, shown, "Map keys must satisfy constraint: [Member must have length less than or equal to 255, "
                        + "Member must have length greater than or equal to 3, Member must satisfy regular expression pattern: "
                        + NAME_PATTERN + "]");
            }
        }
        return this;
    }

    /** The lists a batch's {@code RequestItems} maps to, each of {@code min} to {@code max} requests. */
    ModelConstraints valueSizes(String member, java.util.Map<String, ? extends java.util.Collection<?>> values, int min, int max) {
        if (values == null) {
            return this;
        }
        String shown = "{" + String.join(", ", values.keySet()) + "}";
        for (java.util.Collection<?> v : values.values()) {
            if (v == null || v.size() < min || v.size() > max) {
                fail(member, shown, "Map value must satisfy constraint: [Member must have length less than or equal to " + max
                        + ", Member must have length greater than or equal to " + min + "]");
            }
        }
        return this;
    }

    ModelConstraints oneOf(String member, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            fail(member, value, "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
        }
        return this;
    }

    ModelConstraints atLeast(String member, Number value, long min) {
        if (value != null && value.longValue() < min) {
            fail(member, value, "Member must have value greater than or equal to " + min);
        }
        return this;
    }

    ModelConstraints atMost(String member, Number value, long max) {
        if (value != null && value.longValue() > max) {
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

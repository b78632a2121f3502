package earkit.reference.service.dynamodb;

import earkit.reference.domain.expression.AttributeValues;
import earkit.reference.domain.expression.Numbers;
import earkit.reference.domain.table.TableRecord;
import earkit.reference.protocol.ApiException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB's validation of attribute values, keys and items, with its error wording. */
final class ItemRules {
    static final long MAX_ITEM_BYTES = 400 * 1024;

    private ItemRules() {
    }

    static ApiException invalid(String detail) {
        return ApiException.validation("One or more parameter values were invalid: " + detail);
    }

    /** Every value of an item is well formed (one type, valid numbers, non-empty sets without duplicates). */
    static void checkValues(Map<String, AttributeValue> item) {
        for (AttributeValue v : item.values()) {
            checkValue(v);
        }
    }

    static void checkValue(AttributeValue v) {
        int types = 0;
        types += v.s() != null ? 1 : 0;
        types += v.n() != null ? 1 : 0;
        types += v.b() != null ? 1 : 0;
        types += v.hasSs() ? 1 : 0;
        types += v.hasNs() ? 1 : 0;
        types += v.hasBs() ? 1 : 0;
        types += v.hasM() ? 1 : 0;
        types += v.hasL() ? 1 : 0;
        types += v.bool() != null ? 1 : 0;
        types += v.nul() != null ? 1 : 0;
        if (types > 1) {
            throw ApiException.validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        switch (AttributeValues.type(v)) {
            case "N" -> number(v.n());
            case "NULL" -> {
                if (!v.nul()) {
                    throw invalid("Null attribute value types must have the value of true");
                }
            }
            case "SS" -> set(v.ss(), "An string set  may not be empty");
            case "NS" -> {
                set(v.ns(), "An number set  may not be empty");
                Set<BigDecimal> seen = new HashSet<>();
                for (String n : v.ns()) {
                    if (!seen.add(number(n))) {
                        throw invalid("Input collection " + v.ns() + " contains duplicates.");
                    }
                }
            }
            case "BS" -> set(v.bs(), "Binary sets should not be empty");
            case "M" -> v.m().values().forEach(ItemRules::checkValue);
            case "L" -> v.l().forEach(ItemRules::checkValue);
            default -> { }
        }
    }

    private static void set(List<?> values, String emptyMessage) {
        if (values.isEmpty()) {
            throw invalid(emptyMessage);
        }
        if (new HashSet<>(values).size() != values.size()) {
            throw invalid("Input collection " + values + " contains duplicates.");
        }
    }

    /** A number's value, stripped of trailing zeros, or DynamoDB's refusal of it. */
    static BigDecimal number(String n) {
        return Numbers.parse(n);
    }

    /**
     * Values checked before the table is looked up, as DynamoDB validates a request before it looks for
     * its table; then with every number in its canonical form.
     */
    static Map<String, AttributeValue> canonical(Map<String, AttributeValue> item) {
        checkValues(item);
        return Numbers.canonical(item);
    }

    /**
     * A whole item to store: well-formed values, the table's keys with their types, index keys, size.
     *
     * @return the item's size ({@link AttributeValues#size}), counted here once for the check and the write
     */
    static long checkItem(TableRecord t, Map<String, AttributeValue> item) {
        checkValues(item);
        for (TableRecord.KeyPart k : t.keySchema) {
            AttributeValue v = item.get(k.name);
            if (v == null) {
                throw invalid("Missing the key " + k.name + " in the item");
            }
            keyValue(t, k.name, v, null);
        }
        for (TableRecord.IndexRecord ix : t.indexes) {
            for (TableRecord.KeyPart k : ix.keySchema) {
                AttributeValue v = item.get(k.name);
                if (v != null && !t.keySchema.stream().anyMatch(p -> p.name.equals(k.name))) {
                    keyValue(t, k.name, v, ix.name);
                }
            }
        }
        long size = AttributeValues.size(item);
        if (size > MAX_ITEM_BYTES) {
            throw ApiException.validation("Item size has exceeded the maximum allowed size");
        }
        return size;
    }

    private static void keyValue(TableRecord t, String name, AttributeValue v, String index) {
        String expected = t.attributeTypes.get(name);
        String actual = AttributeValues.type(v);
        if (!actual.equals(expected)) {
            throw invalid(index == null
                    ? "Type mismatch for key " + name + " expected: " + expected + " actual: " + actual
                    : "Type mismatch for Index Key " + name + " Expected: " + expected + " Actual: " + actual
                    + " IndexName: " + index);
        }
        boolean empty = ("S".equals(actual) && v.s().isEmpty()) || ("B".equals(actual) && v.b().asByteArrayUnsafe().length == 0);
        if (empty) {
            String what = "S".equals(actual) ? "string" : "binary";
            throw ApiException.validation(index == null
                    ? "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty " + what + " value. Key: " + name
                    : "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty " + what + " value. IndexName: " + index + ", IndexKey: " + name);
        }
    }

    /** A primary key given to GetItem, UpdateItem, DeleteItem, BatchGetItem: exactly the key attributes. */
    static Map<String, AttributeValue> checkKey(TableRecord t, Map<String, AttributeValue> given) {
        Map<String, AttributeValue> key = canonical(given);
        if (key.size() != t.keySchema.size()) {
            throw ApiException.validation("The provided key element does not match the schema");
        }
        for (TableRecord.KeyPart k : t.keySchema) {
            AttributeValue v = key.get(k.name);
            if (v == null || !AttributeValues.type(v).equals(t.attributeTypes.get(k.name))) {
                throw ApiException.validation("The provided key element does not match the schema");
            }
            keyValue(t, k.name, v, null);
        }
        return key;
    }

    /** The primary key of an item. */
    static Map<String, AttributeValue> keyOf(TableRecord t, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (TableRecord.KeyPart k : t.keySchema) {
            key.put(k.name, item.get(k.name));
        }
        return key;
    }

    /** A string form of a key for duplicate detection within one batch. */
    static String identity(Map<String, AttributeValue> key) {
        StringBuilder b = new StringBuilder();
        key.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            AttributeValue v = e.getValue();
            b.append(e.getKey()).append('=');
            if (v.n() != null) {
                b.append("N:").append(number(v.n()).toPlainString());
            } else if (v.b() != null) {
                b.append("B:").append(java.util.Base64.getEncoder().encodeToString(v.b().asByteArrayUnsafe()));
            } else {
                b.append("S:").append(v.s());
            }
            b.append('\u0000');
        });
        return b.toString();
    }

}

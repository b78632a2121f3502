package earkit.kit.steps;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items scenarios write. Key attributes: {@code pk} (partition), {@code sk} (sort), {@code gk}
 * (global index partition), {@code lk} (local index sort). The marker goes into a non-key attribute,
 * because DynamoDB documents that some sort-key values are kept in plaintext (AWS KMS Developer Guide: How Amazon DynamoDB uses AWS KMS).
 */
final class Items {
    private Items() {
    }

    static Map<String, AttributeValue> item(int n, String note) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("pk", s("item-" + n));
        m.put("sk", s("v1"));
        m.put("gk", s("group"));
        m.put("lk", s("l-" + n));
        m.put("note", s(note));
        m.put("amount", AttributeValue.builder().n(Integer.toString(100 + n)).build());
        // 38 significant digits, DynamoDB's documented precision: a codec that goes through double loses them.
        m.put("price", AttributeValue.builder().n("1234567890123456789012345678901234567.1").build());
        return m;
    }

    static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        return Map.of("pk", item.get("pk"), "sk", item.get("sk"));
    }

    static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }
}

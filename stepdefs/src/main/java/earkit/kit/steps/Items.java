package earkit.kit.steps;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
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

    /**
     * An item with every attribute type (S, N, B, SS, NS, BS, M, L, BOOL, NULL) and nesting, binary values holding all
     * 256 byte values: what an SDK's marshalling could get wrong on the way in or out.
     */
    static Map<String, AttributeValue> everyType() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        SdkBytes bytes = SdkBytes.fromByteArray(all);
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("pk", s("every-type"));
        m.put("sk", s("v1"));
        m.put("s", s("text ü 😀"));
        m.put("n", AttributeValue.builder().n("-12345678901234567890.123456789").build());
        m.put("b", AttributeValue.builder().b(bytes).build());
        m.put("ss", AttributeValue.builder().ss("a", "b", "c").build());
        m.put("ns", AttributeValue.builder().ns("1", "-2.5", "300").build());
        m.put("bs", AttributeValue.builder().bs(SdkBytes.fromByteArray(new byte[] {0}), bytes).build());
        m.put("bool", AttributeValue.builder().bool(false).build());
        m.put("null", AttributeValue.builder().nul(true).build());
        m.put("l", AttributeValue.builder().l(s("x"), AttributeValue.builder().n("7").build(),
                AttributeValue.builder().l(AttributeValue.builder().bool(true).build()).build()).build());
        m.put("m", AttributeValue.builder().m(Map.of("inner", AttributeValue.builder().m(Map.of("b", AttributeValue.builder().b(bytes).build(),
                "ss", AttributeValue.builder().ss("z").build())).build(), "empty-list", AttributeValue.builder().l(List.of()).build())).build());
        return m;
    }

    /** The item with its sets as sets: DynamoDB documents no order for the members of a set. */
    static Map<String, Object> canonical(Map<String, AttributeValue> item) {
        Map<String, Object> out = new TreeMap<>();
        item.forEach((k, v) -> out.put(k, canonical(v)));
        return out;
    }

    private static Object canonical(AttributeValue v) {
        if (v.hasSs()) {
            return Map.of("SS", new TreeSet<>(v.ss()));
        }
        if (v.hasNs()) {
            return Map.of("NS", new TreeSet<>(v.ns()));
        }
        if (v.hasBs()) {
            return Map.of("BS", v.bs().stream().map(b -> HexFormat.of().formatHex(b.asByteArray())).collect(Collectors.toCollection(TreeSet::new)));
        }
        if (v.hasM()) {
            Map<String, Object> m = new TreeMap<>();
            v.m().forEach((k, x) -> m.put(k, canonical(x)));
            return Map.of("M", m);
        }
        if (v.hasL()) {
            return Map.of("L", v.l().stream().map(Items::canonical).toList());
        }
        return v;
    }

    static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        return Map.of("pk", item.get("pk"), "sk", item.get("sk"));
    }

    static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }
}

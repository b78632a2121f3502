package earkit.reference.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Request and response shapes as CloudTrail writes them: member names in lower camel case, map keys
 * (encryption contexts, tags) untouched, and no binary member ever (plaintext and ciphertext are
 * never logged). Grant tokens are secrets and are left out as well.
 */
final class CloudTrailShape {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> NEVER_LOGGED = Set.of("GrantToken");

    private CloudTrailShape() {
    }

    static ObjectNode of(SdkPojo pojo) {
        ObjectNode out = NODES.objectNode();
        for (SdkField<?> f : pojo.sdkFields()) {
            Object v = f.getValueOrDefault(pojo);
            if (v == null || v instanceof SdkBytes || v instanceof SdkAutoConstructList
                    || v instanceof SdkAutoConstructMap || NEVER_LOGGED.contains(f.locationName())) {
                continue;
            }
            out.set(lowerFirst(f.locationName()), value(f.marshallingType(), v));
        }
        return out;
    }

    private static JsonNode value(MarshallingType<?> type, Object v) {
        if (v instanceof SdkPojo p) {
            return of(p);
        }
        if (v instanceof List<?> list) {
            ArrayNode arr = NODES.arrayNode();
            list.forEach(el -> arr.add(value(null, el)));
            return arr;
        }
        if (v instanceof Map<?, ?> map) {
            ObjectNode o = NODES.objectNode();
            map.forEach((k, val) -> o.set(String.valueOf(k), value(null, val)));
            return o;
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Integer n) {
            return NODES.numberNode(n);
        }
        if (v instanceof Long n) {
            return NODES.numberNode(n);
        }
        if (v instanceof Instant i) {
            return NODES.textNode(i.toString());
        }
        return NODES.textNode(String.valueOf(v));
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}

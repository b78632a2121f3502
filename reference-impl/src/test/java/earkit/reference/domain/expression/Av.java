package earkit.reference.domain.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import earkit.reference.domain.DomainException;
import earkit.reference.service.WireErrors;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Short factories for attribute values and items in expression tests. */
final class Av {
    private Av() {
    }

    static AttributeValue s(String s) {
        return AttributeValue.fromS(s);
    }

    static AttributeValue n(String n) {
        return AttributeValue.fromN(n);
    }

    static AttributeValue b(int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        return AttributeValue.fromB(SdkBytes.fromByteArray(raw));
    }

    static AttributeValue bool(boolean b) {
        return AttributeValue.fromBool(b);
    }

    static AttributeValue nul() {
        return AttributeValue.fromNul(true);
    }

    static AttributeValue ss(String... s) {
        return AttributeValue.fromSs(Arrays.asList(s));
    }

    static AttributeValue ns(String... n) {
        return AttributeValue.fromNs(Arrays.asList(n));
    }

    static AttributeValue bs(AttributeValue... binaries) {
        return AttributeValue.fromBs(Arrays.stream(binaries).map(AttributeValue::b).toList());
    }

    static AttributeValue l(AttributeValue... elements) {
        return AttributeValue.fromL(List.of(elements));
    }

    static AttributeValue m(Object... keysAndValues) {
        return AttributeValue.fromM(item(keysAndValues));
    }

    static Map<String, AttributeValue> item(Object... keysAndValues) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (AttributeValue) keysAndValues[i + 1]);
        }
        return map;
    }

    static Map<String, String> names(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Asserts a ValidationException with exactly this message. */
    static void assertValidation(String message, Executable call) {
        DomainException e = assertThrows(DomainException.class, call);
        assertEquals("ValidationException", e.code());
        assertEquals(400, WireErrors.of(e).status());
        assertEquals(message, e.getMessage());
    }
}

package earkit.reference.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * A response whose JSON a handler already holds, written as it is (by the {@link Router}): an item
 * read as it was stored, in DynamoDB JSON, needs no model objects to be answered.
 */
public final class EncodedResponse implements SdkPojo {
    private final byte[] json;

    private EncodedResponse(byte[] json) {
        this.json = json;
    }

    /** {@code {"name": value}} with {@code value} JSON already. */
    public static EncodedResponse member(String name, byte[] value) {
        byte[] head = ("{\"" + name + "\":").getBytes(StandardCharsets.UTF_8);
        byte[] json = new byte[head.length + value.length + 1];
        System.arraycopy(head, 0, json, 0, head.length);
        System.arraycopy(value, 0, json, head.length, value.length);
        json[json.length - 1] = '}';
        return new EncodedResponse(json);
    }

    byte[] json() {
        return json;
    }

    @Override
    public List<SdkField<?>> sdkFields() {
        return List.of();
    }
}

package earkit.reference.protocol;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the front door writes back. */
public record HttpAnswer(int status, Map<String, String> headers, byte[] body) {

    public static HttpAnswer json(int status, String contentType, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        return new HttpAnswer(status, h, body);
    }

    /** A JSON answer with its request id: both headers in one map, not copied from one answer into the next. */
    public static HttpAnswer json(int status, String contentType, byte[] body, String requestId) {
        Map<String, String> h = new LinkedHashMap<>(4);
        h.put("Content-Type", contentType);
        h.put("x-amzn-RequestId", requestId);
        return new HttpAnswer(status, h, body);
    }

    public static HttpAnswer text(int status, String text) {
        return new HttpAnswer(status, Map.of("Content-Type", "text/plain; charset=utf-8"), text.getBytes(StandardCharsets.UTF_8));
    }

    public HttpAnswer withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpAnswer(status, h, body);
    }
}

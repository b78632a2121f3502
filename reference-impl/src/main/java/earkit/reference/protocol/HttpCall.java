package earkit.reference.protocol;

import java.util.List;
import java.util.Map;

/** One HTTP request as the front door received it; header names are lower-case. */
public record HttpCall(String method, String uri, Map<String, List<String>> headers, byte[] body,
                       String connectionId, String remoteIp) {

    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public String path() {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    public String query() {
        int q = uri.indexOf('?');
        return q < 0 ? "" : uri.substring(q + 1);
    }
}

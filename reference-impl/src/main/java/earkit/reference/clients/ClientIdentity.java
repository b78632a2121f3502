package earkit.reference.clients;

import java.util.Locale;

/**
 * Whose a connection is: the access key of its first signed request and the SDK line its User-Agent names (from the
 * first token: {@code aws-sdk-js/3.1178.0} is {@code aws-sdk-js/3.x}, an unknown {@code curl/8.5} is {@code curl}), and
 * the HTTP client where the SDK states it ({@code md/http#Apache}). An application's service clients can come from
 * packages of different versions (the JavaScript SDK's are released apart), so the version is not part of who it is.
 */
record ClientIdentity(String accessKey, String sdk, String http, SdkFamily family) {

    /** From {@code Authorization: AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, ...}. */
    static ClientIdentity of(String authorization, String userAgent) {
        String accessKey = "(unsigned)";
        int at = authorization.indexOf("Credential=");
        if (at >= 0) {
            int end = authorization.indexOf('/', at);
            accessKey = end > at ? authorization.substring(at + "Credential=".length(), end) : accessKey;
        }
        String ua = userAgent == null ? "" : userAgent.trim();
        String first = ua.isEmpty() ? "(no User-Agent)" : ua.split("\\s+", 2)[0];
        SdkFamily family = SdkFamily.of(first);
        String sdk = family != SdkFamily.OTHER ? family.line : first.contains("/") ? first.substring(0, first.indexOf('/')) : first;
        return new ClientIdentity(accessKey, sdk, httpClient(ua), family);
    }

    /** The SDK's version from a User-Agent's first token, e.g. {@code 3.1178.0}; empty if it names none. */
    static String version(String userAgent) {
        String first = userAgent == null || userAgent.isBlank() ? "" : userAgent.trim().split("\\s+", 2)[0];
        return first.contains("/") ? first.substring(first.indexOf('/') + 1) : "";
    }

    private static String httpClient(String ua) {
        for (String token : ua.split("\\s+")) {
            if (token.toLowerCase(Locale.ROOT).startsWith("md/http#")) {
                return token.substring("md/http#".length());
            }
        }
        return "";
    }
}

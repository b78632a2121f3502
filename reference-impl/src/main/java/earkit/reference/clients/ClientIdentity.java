package earkit.reference.clients;

import java.util.Locale;

/**
 * Whose a connection is: the access key of its first signed request and the SDK its User-Agent names (the first
 * token, e.g. {@code aws-sdk-js/3.1178.0}, and the HTTP client where the SDK states it, e.g. {@code md/http#Apache}).
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
        return new ClientIdentity(accessKey, first, httpClient(ua), SdkFamily.of(first));
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

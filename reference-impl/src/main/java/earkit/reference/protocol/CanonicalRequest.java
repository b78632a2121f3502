package earkit.reference.protocol;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The SigV4 canonical request of a received call, formed the way the SDK's signer forms it, and the string to
 * sign over its hash (AWS documentation: "Create a canonical request for Signature Version 4").
 * SigV4CrossCheckTest holds it to the SDK's signer over generated requests.
 */
final class CanonicalRequest {
    /** The thread's buffer, with the SHA-256 that hashes it: one thread-local look-up per verification. */
    private static final ThreadLocal<SigningText> TEXT = ThreadLocal.withInitial(() -> new SigningText(digest("SHA-256")));

    private CanonicalRequest() {
    }

    /**
     * The string to sign, in the thread's buffer: the canonical request (path normalized and encoded once more,
     * query sorted, the signed headers with their values trimmed, the body's SHA-256), its hash after the date
     * and scope. Both texts are written as UTF-8 straight into the buffer and hashed from there.
     */
    static SigningText stringToSign(HttpCall call, String region, String service, String signedHeaders,
                                    List<String> signedHeaderNames, String amzDate, String scopeDate) {
        SigningText t = TEXT.get().reset()
                .add(call.method()).add('\n')
                .add(canonicalPath(call.path())).add('\n')
                .add(canonicalQuery(call.query())).add('\n');
        for (String name : signedHeaderNames) {
            t.add(name).add(':');
            if (name.equals("host")) {
                t.add(canonicalHost(call.header("host")));
            } else {
                List<String> values = call.headers().get(name);
                for (int i = 0; values != null && i < values.size(); i++) {
                    if (i > 0) {
                        t.add(',');
                    }
                    t.add(trimmed(values.get(i)));
                }
            }
            t.add('\n');
        }
        MessageDigest sha256 = t.sha256;
        t.add('\n').add(signedHeaders).add('\n').hex(sha256.digest(call.body()));
        sha256.update(t.bytes, 0, t.length);
        byte[] canonicalHash = sha256.digest();
        return t.reset().add("AWS4-HMAC-SHA256\n").add(amzDate).add('\n')
                .add(scopeDate).add('/').add(region).add('/').add(service).add("/aws4_request\n").hex(canonicalHash);
    }

    /**
     * As the SDK's signer: the path normalized (dot segments), encoded once more (every service but S3), never
     * empty, and without a trailing slash the normalizing added.
     */
    static String canonicalPath(String rawPath) {
        if (rawPath.equals("/")) {
            return rawPath; // every AWS JSON request
        }
        String normalized = URI.create(rawPath).normalize().getRawPath();
        if (normalized == null || normalized.isEmpty()) {
            return "/";
        }
        String encoded = SdkHttpUtils.urlEncodeIgnoreSlashes(normalized);
        String path = encoded.startsWith("/") ? encoded : "/" + encoded;
        if (encoded.length() > 1 && !rawPath.endsWith("/") && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    /** Parameters decoded, encoded the SigV4 way, sorted by name then value. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(new String[] {SdkHttpUtils.urlEncode(decode(k)), SdkHttpUtils.urlEncode(decode(v))});
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder q = new StringBuilder();
        for (String[] p : pairs) {
            if (q.length() > 0) {
                q.append('&');
            }
            q.append(p[0]).append('=').append(p[1]);
        }
        return q.toString();
    }

    /** Plain HTTP's default port is left out of the host the client signs. */
    private static String canonicalHost(String host) {
        String h = host == null ? "" : host.trim();
        return h.endsWith(":80") ? h.substring(0, h.length() - 3) : h;
    }

    /** A header value with its ends trimmed and every run of white space inside made one space. */
    private static String trimmed(String value) {
        if (isTrimmed(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        boolean space = false;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (isSpace(c)) {
                space = true;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** No white space at either end, none but single spaces inside: most header values, appended as they are. */
    private static boolean isTrimmed(String value) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c > ' ') {
                continue; // no white space above the space character: most characters take this one comparison
            }
            if (isSpace(c) && (c != ' ' || i == 0 || i == n - 1 || value.charAt(i - 1) == ' ')) {
                return false;
            }
        }
        return true;
    }

    /** White space as the SDK's signer counts it. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\r' || c == '\f';
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}

package earkit.reference.protocol;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Verifies AWS Signature Version 4 by recomputing the signature over the headers the client signed.
 * The SDK's signers only sign: verifying through one meant rebuilding each request as an SDK request and
 * signing it again, which was the largest share of the reference's CPU time per call (bench/README.md).
 * So the canonical request is formed here, the way the SDK's signer forms it, and SigV4CrossCheckTest
 * holds it to that signer over generated requests. Freshness is judged against real time (the domain's
 * virtual clock may be years away), with AWS's 15-minute allowance.
 */
public final class SigV4Verifier {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    static final Duration ALLOWED_SKEW = Duration.ofMinutes(15);

    /** The caller and the scope it signed for. */
    public record Verified(Identity identity, String region, String service) {
    }

    private static final int MAX_SIGNING_KEYS = 1024;
    /** A signature's length in hex: 32 bytes of HMAC-SHA256. */
    private static final int SIGNATURE_HEX = 64;
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> digest("SHA-256"));
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> mac("HmacSHA256"));

    private final IdentityStore identities;
    private final Clock realClock;
    private final Map<Scope, byte[]> signingKeys = new ConcurrentHashMap<>();
    private final LastRead<Instant> dates = new LastRead<>();
    private volatile Credential lastCredential;

    public SigV4Verifier(IdentityStore identities, Clock realClock) {
        this.identities = identities;
        this.realClock = realClock;
    }

    public Verified verify(HttpCall call) {
        String authorization = call.header("authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new ApiException("MissingAuthenticationTokenException", "Request is missing Authentication Token");
        }
        Credential credential = credential(authorization);
        SigV4Authorization auth = credential.parts();
        String accessKey = auth.accessKey();
        String scopeDate = auth.date();
        String region = auth.region();
        String service = auth.service();
        String signedHeaderList = credential.signedHeaderList();
        List<String> signedHeaders = credential.signedHeaders();
        byte[] signature = credential.signature();

        Identity identity = identities.byAccessKey(accessKey).orElseThrow(() -> new ApiException(
                "UnrecognizedClientException", "The security token included in the request is invalid."));

        String amzDate = call.header("x-amz-date");
        if (amzDate == null) {
            throw new ApiException("IncompleteSignatureException", "Date must be in ISO-8601 'basic format'. Missing X-Amz-Date header.");
        }
        Instant signedAt = signedAt(amzDate);
        if (!amzDate.startsWith(scopeDate)) {
            throw new ApiException("InvalidSignatureException", "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + scopeDate + "' != '" + amzDate.substring(0, Math.min(8, amzDate.length())) + "'");
        }
        Instant now = realClock.instant();
        if (signedAt.isBefore(now.minus(ALLOWED_SKEW))) {
            throw new ApiException("InvalidSignatureException", "Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(ALLOWED_SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(ALLOWED_SKEW))) {
            throw new ApiException("InvalidSignatureException", "Signature not yet current: " + amzDate + " is still later than "
                    + AMZ_DATE.format(now.plus(ALLOWED_SKEW)) + " (" + AMZ_DATE.format(now) + " + 15 min.)");
        }
        if (!signedHeaders.contains("host")) {
            throw new ApiException("InvalidSignatureException", "'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }

        byte[] expected;
        try {
            expected = recompute(call, identity, region, service, signedHeaderList, signedHeaders, amzDate, scopeDate);
        } catch (IllegalArgumentException malformed) {
            // A path or query the signer cannot canonicalize (e.g. a bad percent escape) cannot have been signed.
            throw new ApiException("InvalidSignatureException", "The request URI cannot be canonicalized for signing: "
                    + malformed.getMessage());
        }
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new ApiException("InvalidSignatureException",
                    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
        return new Verified(identity, region, service);
    }

    /** An Authorization header's parts, its signed-header list in lower case and as names, and its signature. */
    private record Credential(String header, SigV4Authorization parts, String signedHeaderList,
                              List<String> signedHeaders, byte[] signature) {
    }

    /**
     * The Authorization header read. A client's headers differ from one request to the next only in the signature,
     * their last 64 characters: a header as long as the last one read, equal to it but for those, and ending in hex,
     * has the last one's parts and is not parsed again.
     */
    private Credential credential(String authorization) {
        Credential last = lastCredential;
        int n = authorization.length();
        if (last != null && n == last.header().length() && n > SIGNATURE_HEX
                && authorization.regionMatches(0, last.header(), 0, n - SIGNATURE_HEX)) {
            try {
                byte[] signature = HEX.parseHex(authorization, n - SIGNATURE_HEX, n);
                return new Credential(authorization, last.parts(), last.signedHeaderList(), last.signedHeaders(), signature);
            } catch (IllegalArgumentException notHex) {
                // Not a signature where the last header had one: read this header whole.
            }
        }
        SigV4Authorization auth = SigV4Authorization.parse(authorization);
        if (auth == null) {
            throw new ApiException("IncompleteSignatureException",
                    "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters with AWS4-HMAC-SHA256. Authorization="
                            + authorization);
        }
        String signedHeaderList = auth.signedHeaders().toLowerCase(Locale.ROOT);
        Credential read = new Credential(authorization, auth, signedHeaderList, List.of(signedHeaderList.split(";")),
                HEX.parseHex(auth.signature()));
        lastCredential = read;
        return read;
    }

    private Instant signedAt(String amzDate) {
        return dates.of(amzDate, text -> {
            try {
                return AMZ_DATE.parse(text, Instant::from);
            } catch (DateTimeParseException e) {
                throw new ApiException("IncompleteSignatureException", "Date must be in ISO-8601 'basic format'. Got '" + text + "'.");
            }
        });
    }

    /**
     * The last text read and what it gave. A client signs request after request within one second: parsing its
     * X-Amz-Date again was most of a verification's own cost.
     */
    private static final class LastRead<T> {
        private record Read<T>(String text, T value) {
        }

        private volatile Read<T> last;

        T of(String text, Function<String, T> read) {
            Read<T> l = last;
            if (l != null && l.text().equals(text)) {
                return l.value();
            }
            T value = read.apply(text);
            last = new Read<>(text, value);
            return value;
        }
    }

    /**
     * The signature the client must have computed: the canonical request as the SDK's signer forms it (path
     * normalized and encoded once more, query sorted, the signed headers with their values trimmed, the body's
     * SHA-256), its hash in the string to sign, then HMAC under the day's signing key. Both texts are written as
     * UTF-8 straight into a buffer of the thread's and hashed from there.
     */
    private byte[] recompute(HttpCall call, Identity identity, String region, String service,
                             String signedHeaders, List<String> signedHeaderNames, String amzDate, String scopeDate) {
        Text t = TEXT.get().reset()
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
        MessageDigest sha256 = SHA256.get();
        t.add('\n').add(signedHeaders).add('\n').hex(sha256.digest(call.body()));
        sha256.update(t.bytes, 0, t.length);
        byte[] canonicalHash = sha256.digest();
        t.reset().add("AWS4-HMAC-SHA256\n").add(amzDate).add('\n')
                .add(scopeDate).add('/').add(region).add('/').add(service).add("/aws4_request\n").hex(canonicalHash);
        Mac mac = signer(new Scope(identity.secretKey(), scopeDate, region, service));
        mac.update(t.bytes, 0, t.length);
        return mac.doFinal();
    }

    private static final ThreadLocal<Text> TEXT = ThreadLocal.withInitial(Text::new);

    /** A growing byte buffer that texts are written into as UTF-8. */
    private static final class Text {
        private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[1024];
        int length;

        Text reset() {
            length = 0;
            return this;
        }

        Text add(char ascii) {
            room(1);
            bytes[length++] = (byte) ascii;
            return this;
        }

        Text add(String s) {
            // The JDK encodes an ASCII string to UTF-8 as one array copy, faster than a loop over its characters.
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            room(b.length);
            System.arraycopy(b, 0, bytes, length, b.length);
            length += b.length;
            return this;
        }

        /** Lower-case hex, as the string to sign and the canonical request carry hashes. */
        Text hex(byte[] b) {
            room(2 * b.length);
            for (byte x : b) {
                bytes[length++] = DIGITS[(x >> 4) & 0xf];
                bytes[length++] = DIGITS[x & 0xf];
            }
            return this;
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
            }
        }
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

    /**
     * What a signing key is derived from. Equality is written out: the record's generated equals went through
     * method handles that were a twentieth of a PutItem's server time, compared once per request.
     */
    private record Scope(String secret, String date, String region, String service) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Scope s && date.equals(s.date) && secret.equals(s.secret)
                    && region.equals(s.region) && service.equals(s.service);
        }

        @Override
        public int hashCode() {
            return ((secret.hashCode() * 31 + date.hashCode()) * 31 + region.hashCode()) * 31 + service.hashCode();
        }
    }

    /** A thread's HMAC, keyed with the signing key of the scope it last verified. */
    private static final class Signer {
        private final Mac mac = mac("HmacSHA256");
        private Scope scope;
    }

    private final ThreadLocal<Signer> signers = ThreadLocal.withInitial(Signer::new);

    /** The HMAC under a scope's signing key: a client signs request after request with the same one. */
    private Mac signer(Scope scope) {
        Signer s = signers.get();
        if (!scope.equals(s.scope)) {
            try {
                s.mac.init(new SecretKeySpec(signingKey(scope), "HmacSHA256"));
            } catch (InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 refused a key", e);
            }
            s.scope = scope;
        }
        return s.mac;
    }

    /** kSigning = HMAC chain over the scope; derived once per scope (a day, a region, a service). */
    private byte[] signingKey(Scope scope) {
        byte[] key = signingKeys.get(scope);
        if (key == null) {
            byte[] k = hmac(("AWS4" + scope.secret()).getBytes(StandardCharsets.UTF_8), scope.date().getBytes(StandardCharsets.UTF_8));
            k = hmac(k, scope.region().getBytes(StandardCharsets.UTF_8));
            k = hmac(k, scope.service().getBytes(StandardCharsets.UTF_8));
            key = hmac(k, "aws4_request".getBytes(StandardCharsets.UTF_8));
            if (signingKeys.size() > MAX_SIGNING_KEYS) {
                signingKeys.clear();
            }
            signingKeys.put(scope, key);
        }
        return key;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 refused a key", e);
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    private static Mac mac(String algorithm) {
        try {
            return Mac.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

}

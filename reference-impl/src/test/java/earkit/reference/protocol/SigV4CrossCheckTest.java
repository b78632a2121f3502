package earkit.reference.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The verifier forms the canonical request itself; here it is held to the SDK's own signer. Requests with
 * generated paths (dot segments, characters that need encoding), query strings, header values with runs of
 * white space, repeated headers and bodies are signed by {@link Aws4Signer}: every one must verify, and the
 * same request with one body byte changed must not.
 */
@SuppressWarnings("deprecation")
class SigV4CrossCheckTest {
    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final Aws4Signer SIGNER = Aws4Signer.create();
    private final SigV4Verifier verifier = new SigV4Verifier(new IdentityStore(), Clock.fixed(NOW, ZoneOffset.UTC));

    record Generated(String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers,
                     byte[] body, String region, String service) {
    }

    @Property(tries = 400, seed = "20261128")
    void everyRequestTheSdkSignsVerifies(@ForAll("requests") Generated g) {
        HttpCall call = asReceived(sign(g), g.body());
        SigV4Verifier.Verified who = verifier.verify(call);
        assertEquals("test", who.identity().accessKeyId());
        assertEquals(g.region(), who.region());
        assertEquals(g.service(), who.service());
    }

    @Property(tries = 100, seed = "20261129")
    void aChangedBodyDoesNotVerify(@ForAll("requests") Generated g) {
        SdkHttpFullRequest signed = sign(g);
        byte[] body = g.body().length == 0 ? new byte[] {'x'} : g.body().clone();
        if (g.body().length > 0) {
            body[body.length / 2] ^= 1;
        }
        HttpCall tampered = asReceived(signed, body);
        ApiException e = assertThrows(ApiException.class, () -> verifier.verify(tampered));
        assertEquals("InvalidSignatureException", e.code());
    }

    /**
     * The verifier reuses the last Authorization header's parts when the next differs only in its signature. Headers
     * of the same length that differ elsewhere (region, signed headers) must still be read whole, and a signature
     * that is not hex must still be refused.
     */
    @Property(tries = 100, seed = "20261130")
    void consecutiveHeadersAreEachReadForThemselves(@ForAll("requests") Generated a, @ForAll("requests") Generated b) {
        // us-east-1 and eu-west-1 are as long as each other: a's header and this one may differ only there.
        Generated otherRegion = new Generated(b.method(), b.path(), b.query(), b.headers(), b.body(),
                a.region().equals("us-east-1") ? "eu-west-1" : "us-east-1", a.service());
        for (Generated g : List.of(a, otherRegion, a)) {
            SigV4Verifier.Verified who = verifier.verify(asReceived(sign(g), g.body()));
            assertEquals(g.region(), who.region());
        }
        SdkHttpFullRequest signed = sign(a);
        String authorization = signed.firstMatchingHeader("Authorization").orElseThrow();
        String notHex = authorization.substring(0, authorization.length() - 1) + "z";
        ApiException e = assertThrows(ApiException.class,
                () -> verifier.verify(asReceived(signed.toBuilder().putHeader("Authorization", notHex).build(), a.body())));
        assertEquals("IncompleteSignatureException", e.code());
        char lastChar = authorization.charAt(authorization.length() - 1);
        String otherSignature = authorization.substring(0, authorization.length() - 1) + (lastChar == '0' ? '1' : '0');
        ApiException wrong = assertThrows(ApiException.class,
                () -> verifier.verify(asReceived(signed.toBuilder().putHeader("Authorization", otherSignature).build(), a.body())));
        assertEquals("InvalidSignatureException", wrong.code());
    }

    @Provide
    Arbitrary<Generated> requests() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of(".", "..", "a b", "x%2Fy", "~tilde", "caf\u00e9", "*star", "plus+sign", "eq=ual"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6));
        Arbitrary<String> path = segment.list().ofMaxSize(4).map(s -> "/" + String.join("/", s));
        Arbitrary<String> word = Arbitraries.strings().withChars("abcXYZ019-_.~ *+=&/%\u00e9").ofMaxLength(8);
        Arbitrary<Map<String, List<String>>> query = Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(3), word.list().ofMinSize(1).ofMaxSize(2))
                .as(Map::entry).list().ofMaxSize(3).map(SigV4CrossCheckTest::merge);
        Arbitrary<String> headerValue = Arbitraries.strings().withChars("ab c\t1,;=\u00e9").ofMinLength(1).ofMaxLength(12)
                .filter(v -> !v.isBlank());
        Arbitrary<Map<String, List<String>>> headers = Combinators.combine(
                Arbitraries.of("X-Amz-Target", "Content-Type", "x-kit-extra", "X-Mixed-Case", "user-agent"),
                headerValue.list().ofMinSize(1).ofMaxSize(2)).as(Map::entry).list().ofMaxSize(4).map(SigV4CrossCheckTest::merge);
        Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
        return Combinators.combine(Arbitraries.of("POST", "GET"), path, query, headers, body,
                        Arbitraries.of("us-east-1", "eu-west-1", "ap-southeast-2"), Arbitraries.of("dynamodb", "kms", "cloudtrail"))
                .as(Generated::new);
    }

    private static Map<String, List<String>> merge(List<Map.Entry<String, List<String>>> entries) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        entries.forEach(e -> m.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue()));
        return m;
    }

    private static SdkHttpFullRequest sign(Generated g) {
        SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(g.method()))
                .uri(URI.create("http://127.0.0.1:4566")).encodedPath(encodePath(g.path()))
                .contentStreamProvider(ContentStreamProvider.fromByteArrayUnsafe(g.body()));
        g.query().forEach(b::putRawQueryParameter);
        g.headers().forEach(b::putHeader);
        Aws4SignerParams params = Aws4SignerParams.builder().awsCredentials(AwsBasicCredentials.create("test", "test"))
                .signingName(g.service()).signingRegion(Region.of(g.region()))
                .signingClockOverride(Clock.fixed(NOW.minusSeconds(40), ZoneOffset.UTC)).build();
        return SIGNER.sign(b.build(), params);
    }

    /** What a client puts on the request line: each path segment percent-encoded once (dot segments as they are). */
    private static String encodePath(String path) {
        return "/" + Arrays.stream(path.substring(1).split("/", -1))
                .map(s -> s.equals(".") || s.equals("..") ? s : SdkHttpUtils.urlEncode(s))
                .collect(Collectors.joining("/"));
    }

    /** The request as the front door hands it over: lower-case header names, the raw request line, the body. */
    private static HttpCall asReceived(SdkHttpFullRequest signed, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signed.forEachHeader((k, v) -> headers.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
        headers.put("host", List.of("127.0.0.1:4566"));
        URI uri = signed.getUri();
        String line = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new HttpCall(signed.method().name(), line, headers, body, "c1", "127.0.0.1");
    }
}

package earkit.reference.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * AWS's 15-minute allowance between the signed X-Amz-Date and the verifier's clock, probed at its edges: a request
 * signed exactly 15 minutes before or after now is served, a nanosecond beyond either edge is refused with the
 * error and message DynamoDB gives.
 */
@SuppressWarnings("deprecation")
class SigV4FreshnessTest {
    private static final Instant SIGNED = Instant.parse("2026-11-28T10:15:30Z");
    private static final Duration SKEW = Duration.ofMinutes(15);
    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignatureExactlyFifteenMinutesOldOrAheadIsServed() {
        assertEquals("test", verifyAt(SIGNED.plus(SKEW)).identity().accessKeyId());
        assertEquals("test", verifyAt(SIGNED.minus(SKEW)).identity().accessKeyId());
        assertEquals("test", verifyAt(SIGNED.minus(SKEW).plusNanos(1)).identity().accessKeyId());
    }

    @Test
    void aNanosecondPastTheAllowanceIsExpired() {
        ApiException e = assertThrows(ApiException.class, () -> verifyAt(SIGNED.plus(SKEW).plusNanos(1)));
        assertEquals("InvalidSignatureException", e.code());
        assertEquals("Signature expired: 20261128T101530Z is now earlier than 20261128T101530Z (20261128T103030Z - 15 min.)",
                e.getMessage());
        assertEquals("InvalidSignatureException",
                assertThrows(ApiException.class, () -> verifyAt(SIGNED.plus(SKEW).plusSeconds(1))).code());
    }

    @Test
    void aNanosecondBeforeTheAllowanceIsNotYetCurrent() {
        ApiException e = assertThrows(ApiException.class, () -> verifyAt(SIGNED.minus(SKEW).minusNanos(1)));
        assertEquals("InvalidSignatureException", e.code());
        assertEquals("Signature not yet current: 20261128T101530Z is still later than 20261128T101529Z (20261128T100029Z + 15 min.)",
                e.getMessage());
        assertTrue(assertThrows(ApiException.class, () -> verifyAt(SIGNED.minus(SKEW).minusSeconds(1))).getMessage()
                .startsWith("Signature not yet current"));
    }

    private static SigV4Verifier.Verified verifyAt(Instant now) {
        return new SigV4Verifier(new IdentityStore(), Clock.fixed(now, ZoneOffset.UTC)).verify(signed());
    }

    /** A request the SDK's signer signed at {@link #SIGNED}, as the front door hands it over. */
    private static HttpCall signed() {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:4566")).encodedPath("/")
                .putHeader("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .contentStreamProvider(ContentStreamProvider.fromByteArrayUnsafe(BODY)).build();
        Aws4SignerParams params = Aws4SignerParams.builder().awsCredentials(AwsBasicCredentials.create("test", "test"))
                .signingName("dynamodb").signingRegion(Region.US_EAST_1)
                .signingClockOverride(Clock.fixed(SIGNED, ZoneOffset.UTC)).build();
        SdkHttpFullRequest s = Aws4Signer.create().sign(request, params);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        s.forEachHeader((k, v) -> headers.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
        headers.put("host", List.of("127.0.0.1:4566"));
        return new HttpCall("POST", "/", headers, BODY, "c1", "127.0.0.1");
    }
}

package earkit.reference.reliability;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * Raw HTTP requests, signed with the SDK's own {@link Aws4Signer} over whatever bytes and headers a test
 * wants to send (or deliberately signed wrong), with a short timeout so that a hanging server fails the test.
 */
final class RawClient {
    /** java.net.http sets these itself. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    /**
     * Who signs, and how. {@code skew} moves the signing time away from now; {@code alterBody} changes the
     * body after signing, as a tampering proxy would.
     */
    record Signing(String accessKey, String secret, Duration skew, boolean alterBody) {
        static Signing as(String accessKey, String secret) {
            return new Signing(accessKey, secret, Duration.ZERO, false);
        }
    }

    record Request(String method, String path, Map<String, String> headers, byte[] body, Signing signing,
                   String signingName, String region) {
    }

    record Reply(int status, Map<String, List<String>> headers, byte[] body) {
    }

    /** The server did not answer within the timeout. */
    static final class Hang extends RuntimeException {
        Hang(String message) {
            super(message);
        }
    }

    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient http;

    RawClient(URI endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    @SuppressWarnings("deprecation")
    Reply send(Request r) {
        Map<String, String> headers = new LinkedHashMap<>(r.headers());
        if (r.signing() != null) {
            URI uri = endpoint.resolve(r.path());
            SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
                    .method(SdkHttpMethod.fromValue(r.method())).uri(uri)
                    .putHeader("Host", endpoint.getHost() + ":" + endpoint.getPort())
                    .contentStreamProvider(() -> new ByteArrayInputStream(r.body()));
            headers.forEach(unsigned::putHeader);
            SdkHttpFullRequest signed = Aws4Signer.create().sign(unsigned.build(), Aws4SignerParams.builder()
                    .awsCredentials(AwsBasicCredentials.create(r.signing().accessKey(), r.signing().secret()))
                    .signingName(r.signingName()).signingRegion(Region.of(r.region()))
                    .signingClockOverride(Clock.fixed(Instant.now().plus(r.signing().skew()), ZoneOffset.UTC))
                    .build());
            headers.clear();
            signed.headers().forEach((k, v) -> headers.put(k, v.get(0)));
        }
        byte[] body = r.body();
        if (r.signing() != null && r.signing().alterBody()) {
            body = java.util.Arrays.copyOf(body, body.length + 1);
            body[body.length - 1] = ' ';
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve(r.path())).timeout(timeout)
                .method(r.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((k, v) -> {
            if (!RESTRICTED.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                b.header(k, v);
            }
        });
        try {
            HttpResponse<byte[]> answer = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(answer.statusCode(), answer.headers().map(), answer.body());
        } catch (HttpTimeoutException e) {
            throw new Hang("no answer within " + timeout + " to " + r.method() + " " + r.headers());
        } catch (IOException e) {
            throw new IllegalStateException("connection failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

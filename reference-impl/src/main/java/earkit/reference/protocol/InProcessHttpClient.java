package earkit.reference.protocol;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client that hands each request straight to this server's {@link Router}, on the calling
 * thread: the store reaches its built-in KMS through a real SDK {@code KmsClient} (marshalling, SigV4,
 * verification, audit), without a socket. Because no request of the store waits on the front door's
 * threads, the front door can answer requests on the thread that read them.
 */
public final class InProcessHttpClient implements SdkHttpClient {
    /** The connection the store's own KMS requests arrive on. */
    public static final String CONNECTION_ID = "in-process";

    private final Supplier<Router> router;

    public InProcessHttpClient(Supplier<Router> router) {
        this.router = router;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                HttpAnswer answer = router.get().handle(asCall(request, CONNECTION_ID));
                SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(answer.status());
                answer.headers().forEach(response::putHeader);
                response.putHeader("Content-Length", String.valueOf(answer.body().length));
                return HttpExecuteResponse.builder().response(response.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.body()))).build();
            }

            @Override
            public void abort() {
                // Nothing to abort: the call runs to its end on the caller's thread.
            }
        };
    }

    /**
     * An SDK request as the front door would hand it to the router, on connection {@code connectionId}: lower-case
     * header names, the request line's path and query, the body. Also how bench/ replays SDK-signed requests.
     */
    public static HttpCall asCall(HttpExecuteRequest request, String connectionId) {
        SdkHttpRequest r = request.httpRequest();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        r.forEachHeader((name, values) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
        headers.putIfAbsent("host", List.of(r.host() + (r.port() == 80 ? "" : ":" + r.port())));
        String query = r.getUri().getRawQuery();
        String line = (r.encodedPath().isEmpty() ? "/" : r.encodedPath()) + (query == null ? "" : "?" + query);
        byte[] body = request.contentStreamProvider().map(p -> readAll(p.newStream())).orElse(new byte[0]);
        return new HttpCall(r.method().name(), line, headers, body, connectionId, "127.0.0.1");
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String clientName() {
        return "earkit-in-process";
    }

    @Override
    public void close() {
        // Holds nothing.
    }
}

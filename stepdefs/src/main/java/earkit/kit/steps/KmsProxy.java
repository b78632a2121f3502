package earkit.kit.steps;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;

/**
 * A WireMock proxy between a target and its KMS: it forwards every request, can delay the answers
 * (injected KMS latency) and counts what passed. The Host header is kept because the target's
 * requests are signed for the proxy's address.
 */
final class KmsProxy implements AutoCloseable {
    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
            .preserveHostHeader(true));
    private URI upstream;
    private int delayMillis;

    KmsProxy() {
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    void forwardTo(URI upstream) {
        this.upstream = upstream;
        stub();
    }

    void delay(int millis) {
        this.delayMillis = millis;
        stub();
    }

    int count(String operation) {
        return server.countRequestsMatching(postRequestedFor(anyUrl())
                .withHeader("X-Amz-Target", equalTo("TrentService." + operation)).build()).getCount();
    }

    private void stub() {
        server.resetMappings();
        server.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(upstream.toString()).withFixedDelay(delayMillis)));
    }

    @Override
    public void close() {
        server.stop();
    }
}

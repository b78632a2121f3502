package earkit.kit.targets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;

/**
 * The fixed address a running third-party target was told to send its KMS requests to ({@code kms-proxy.port}):
 * a target started once cannot be given a new KMS endpoint per scenario, so this relay forwards to its KMS
 * ({@code kms-proxy.upstream}) and, during a {@code needs-kms-proxy} scenario, to that scenario's recording proxy
 * (which counts, delays, injects KMS trouble, and forwards to the same upstream). The Host
 * header is kept: the target signed its requests for this address. One scenario at a time uses it (the
 * {@code needs-kms-proxy} scenarios hold it exclusively in a parallel run).
 */
final class KmsRelay implements AutoCloseable {
    private final WireMockServer server;
    private final URI upstream;

    KmsRelay(int port, URI upstream) {
        this.upstream = upstream;
        server = new WireMockServer(options().port(port).bindAddress("127.0.0.1").preserveHostHeader(true));
        server.start();
        direct();
    }

    synchronized void direct() {
        forwardTo(upstream);
    }

    synchronized void forwardTo(URI scenarioProxy) {
        server.resetMappings();
        server.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(scenarioProxy.toString())));
    }

    @Override
    public void close() {
        server.stop();
    }
}

package earkit.kit.steps;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Duration;

/**
 * A WireMock proxy between a target and its KMS: it forwards every request, can delay the answers
 * (injected KMS latency), can answer the next requests with KMS trouble instead (throttling, an internal
 * error, no answer in time) and counts what passed. The Host header is kept because the target's
 * requests are signed for the proxy's address.
 */
final class KmsProxy implements AutoCloseable {
    /** KMS's own error shapes (AWS KMS API Reference: Common Errors; ThrottlingException is HTTP 400 in KMS's protocol). */
    enum Trouble {
        THROTTLING, INTERNAL_ERROR, NO_ANSWER
    }

    /** One kind of trouble as a feature names it; {@code hang} only for NO_ANSWER. */
    record Injection(Trouble trouble, Duration hang) {
        static Injection parse(String phrase) {
            if (phrase.equals("throttling")) {
                return new Injection(Trouble.THROTTLING, Duration.ZERO);
            }
            if (phrase.equals("an internal error")) {
                return new Injection(Trouble.INTERNAL_ERROR, Duration.ZERO);
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("no answer for (\\d+) seconds").matcher(phrase);
            if (m.matches()) {
                return new Injection(Trouble.NO_ANSWER, Duration.ofSeconds(Integer.parseInt(m.group(1))));
            }
            throw new IllegalArgumentException("Unknown KMS trouble '" + phrase + "'");
        }
    }

    private static final String TROUBLE = "kms-trouble";
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

    /**
     * The next {@code count} requests get {@code trouble} instead of KMS's answer; the ones after are forwarded
     * again. {@code hang}: how long a NO_ANSWER request is held before KMS's answer is passed on.
     */
    void troubleNext(Injection injection, int count) {
        Trouble trouble = injection.trouble();
        Duration hang = injection.hang();
        stub();
        server.resetScenarios();
        for (int i = 0; i < count; i++) {
            server.stubFor(any(anyUrl()).atPriority(1).inScenario(TROUBLE)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "after " + i).willSetStateTo("after " + (i + 1))
                    .willReturn(answer(trouble, hang)));
        }
    }

    /** Back to forwarding every request (with the injected latency, if any). */
    void endTrouble() {
        stub();
    }

    private ResponseDefinitionBuilder answer(Trouble trouble, Duration hang) {
        return switch (trouble) {
            case THROTTLING -> error(400, "ThrottlingException", "Rate exceeded");
            case INTERNAL_ERROR -> error(500, "KMSInternalException", "An internal error occurred");
            case NO_ANSWER -> aResponse().proxiedFrom(upstream.toString()).withFixedDelay((int) hang.toMillis());
        };
    }

    private static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    int count(String operation) {
        return server.countRequestsMatching(postRequestedFor(anyUrl())
                .withHeader("X-Amz-Target", equalTo("TrentService." + operation)).build()).getCount();
    }

    private void stub() {
        server.resetMappings();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(upstream.toString()).withFixedDelay(delayMillis)));
    }

    @Override
    public void close() {
        server.stop();
    }
}

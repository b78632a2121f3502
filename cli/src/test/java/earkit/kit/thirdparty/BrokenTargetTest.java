package earkit.kit.thirdparty;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import earkit.kit.run.RunResult;
import earkit.kit.run.ScenarioOutcome;
import earkit.kit.run.SuiteRunner;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A target that misbehaves must not break the kit: with WireMock standing in for every endpoint of a remote
 * target (or nothing listening at all), each scenario fails with the cause in its message, the run ends within
 * the SDK timeouts of the profile ({@code timeout.api-call}, {@code timeout.api-call-attempt}), and the
 * reports are written.
 */
class BrokenTargetTest {
    /** Three scenarios, none of which needs a capability: each must fail, not be skipped. */
    private static final String TAGS = "@EAR-OWN-001 or @EAR-CMK-003";
    private static final int SCENARIOS = 3;
    private static final Duration CALL = Duration.ofSeconds(3);
    private static final Duration ATTEMPT = Duration.ofSeconds(2);

    static Stream<Arguments> brokenTargets() {
        return Stream.of(
                Arguments.of("refuses-connections", null, "Connection refused"),
                Arguments.of("answers-500", (Supplier<ResponseDefinitionBuilder>) () -> aResponse().withStatus(500)
                        .withHeader("Content-Type", "application/x-amz-json-1.0").withBody("{\"__type\":\"InternalServerError\"}"),
                        "500"),
                Arguments.of("answers-non-json", (Supplier<ResponseDefinitionBuilder>) () -> aResponse().withStatus(200)
                        .withHeader("Content-Type", "text/html").withBody("<html><body>Welcome to nginx!</body></html>"),
                        "Unable to"),
                Arguments.of("answers-slowly", (Supplier<ResponseDefinitionBuilder>) () -> aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.0").withBody("{}").withFixedDelay(2500),
                        "did not complete before"),
                Arguments.of("never-answers", (Supplier<ResponseDefinitionBuilder>) () -> aResponse().withStatus(200)
                        .withBody("{}").withFixedDelay(60_000),
                        "did not complete before"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenTargets")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyScenarioFailsWithItsCauseWithinTheTimeoutsAndTheReportsAreWritten(String name,
            Supplier<ResponseDefinitionBuilder> answer, String cause) throws IOException {
        WireMockServer wiremock = null;
        String endpoint;
        if (answer == null) {
            try (ServerSocket s = new ServerSocket(0)) {
                endpoint = "http://127.0.0.1:" + s.getLocalPort();
            }
        } else {
            wiremock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(20));
            wiremock.start();
            wiremock.stubFor(any(anyUrl()).willReturn(answer.get()));
            endpoint = wiremock.baseUrl();
        }
        Path reports = Path.of("target", "broken-targets", name);
        Instant start = Instant.now();
        RunResult result;
        try (KitProperties kit = new KitProperties()) {
            kit.set("kit.target", "remote").set("kit.name", "broken-" + name).set("kit.endpoint", endpoint)
                    .set("kit.access-key", "test").set("kit.secret-key", "test").set("kit.capabilities", "")
                    .set("kit.timeout.async", "PT2S")
                    .set("kit.timeout.api-call", CALL.toString()).set("kit.timeout.api-call-attempt", ATTEMPT.toString());
            result = SuiteRunner.run(new SuiteRunner.Settings(TAGS, reports, false, System.out));
        } finally {
            if (wiremock != null) {
                wiremock.stop();
            }
        }
        Duration took = Duration.between(start, Instant.now());

        assertEquals(SCENARIOS, result.scenarios().size(), "scenarios run: " + result.scenarios());
        for (ScenarioOutcome s : result.scenarios()) {
            assertEquals(ScenarioOutcome.Status.FAILED, s.status(), "a broken target fails the scenario: " + s);
            assertTrue(s.message() != null && s.message().contains(cause), "the failure names the cause '" + cause + "': " + s.message());
            assertTrue(s.message().contains("EAR-"), "the failure names the requirement: " + s.message());
        }
        assertFalse(result.success(false), "a broken target is not conformant");
        // Each scenario makes its first call and, on a shared target, one clean-up call per table it named:
        // at most two timed-out calls each, plus the run's own overhead.
        Duration bound = CALL.multipliedBy(2L * SCENARIOS).plusSeconds(20);
        assertTrue(took.compareTo(bound) < 0, "the run ended within the timeouts: took " + took + ", bound " + bound);
        for (String f : new String[] {"summary.md", "compliance.html", "summary.json", "cucumber-junit.xml", "run.json"}) {
            assertTrue(Files.size(reports.resolve(f)) > 0, f + " written");
        }
        assertTrue(Files.readString(reports.resolve("summary.md")).contains("EAR-OWN-001"), "the summary names the failed requirement");
    }
}

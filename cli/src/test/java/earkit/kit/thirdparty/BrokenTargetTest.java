package earkit.kit.thirdparty;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import earkit.kit.run.SuiteRunner;
import earkit.kit.run.Verdicts;
import earkit.reports.Compliance;
import earkit.reports.RequirementStatus;
import earkit.reports.ScenarioOutcome;
import earkit.reports.ScenarioResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A target that misbehaves after the pre-flight must not break the kit: with WireMock standing in for every endpoint
 * of a remote target (answering the pre-flight's ListTables, ListStreams and ListKeys, and breaking everything else),
 * each scenario ends failed or in a target error with the cause in its message, never passed, the run ends within
 * the SDK timeouts of the profile ({@code timeout.api-call}, {@code timeout.api-call-attempt}) as NOT CONFORMANT, and
 * the reports are written. (A target that does not answer at all is a kit error: see RunOutcomeTest.)
 */
class BrokenTargetTest {
    /** Three scenarios, none of which needs a capability: each must fail, not be skipped. */
    private static final String TAGS = "@EAR-OWN-001 or @EAR-CMK-003";
    private static final int SCENARIOS = 3;
    private static final Duration CALL = Duration.ofSeconds(3);
    private static final Duration ATTEMPT = Duration.ofSeconds(2);

    /** What the pre-flight asks, answered as a working target would (nothing listed). */
    private static final Map<String, String> PREFLIGHT = Map.of(
            "DynamoDB_20120810.ListTables", "{\"TableNames\":[]}",
            "DynamoDBStreams_20120810.ListStreams", "{\"Streams\":[]}",
            "TrentService.ListKeys", "{\"Keys\":[],\"Truncated\":false}");

    static Stream<Arguments> brokenTargets() {
        return Stream.of(
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
        WireMockServer wiremock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(20));
        wiremock.start();
        wiremock.stubFor(any(anyUrl()).atPriority(10).willReturn(answer.get()));
        PREFLIGHT.forEach((target, body) -> wiremock.stubFor(any(anyUrl()).atPriority(1)
                .withHeader("X-Amz-Target", equalTo(target)).willReturn(okForContentType("application/x-amz-json-1.0", body))));
        String endpoint = wiremock.baseUrl();
        Path reports = Path.of("target", "broken-targets", name);
        Instant start = Instant.now();
        Compliance result;
        try (KitProperties kit = new KitProperties()) {
            kit.set("kit.target", "remote").set("kit.name", "broken-" + name).set("kit.endpoint", endpoint)
                    .set("kit.access-key", "test").set("kit.secret-key", "test").set("kit.capabilities", "")
                    .set("kit.timeout.async", "PT2S")
                    .set("kit.timeout.api-call", CALL.toString()).set("kit.timeout.api-call-attempt", ATTEMPT.toString());
            result = SuiteRunner.run(new SuiteRunner.Settings(TAGS, reports, false, System.out));
        } finally {
            wiremock.stop();
        }
        Duration took = Duration.between(start, Instant.now());

        List<ScenarioResult> scenarios = Verdicts.scenarios(result);
        assertEquals(SCENARIOS, scenarios.size(), "scenarios run: " + scenarios);
        for (ScenarioResult s : scenarios) {
            // A crash, garbage or silence is the target's fault, never a refusal, a pass or "not applicable".
            assertEquals(ScenarioOutcome.TARGET_ERROR, s.status(), "a broken target is a target error: " + s);
            assertTrue(s.message() != null && s.message().contains(cause), "the failure names the cause '" + cause + "': " + s.message());
        }
        assertTrue(Verdicts.with(result, RequirementStatus.PASSED, RequirementStatus.FLAGGED_DEVIATION).isEmpty(),
                "nothing passes against a broken target: " + Verdicts.statuses(result));
        assertEquals(Set.of(), Verdicts.with(result, RequirementStatus.FAILED),
                "a crash is not evidence of a failed check: " + Verdicts.statuses(result));
        assertEquals(Set.of("EAR-CMK-003", "EAR-ENC-004", "EAR-OWN-001"), Verdicts.with(result, RequirementStatus.TARGET_ERROR),
                "every requirement of the crashed scenarios is a target error: " + Verdicts.statuses(result));
        assertEquals("not-conformant", result.verdict().result(), "a broken target is not conformant");
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

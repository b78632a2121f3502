package earkit.kit.thirdparty;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import earkit.kit.run.SuiteRunner;
import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Wrong verdicts of issue 16 on the step glue's side, reproduced with peers that misbehave the way real ones did: a
 * WireMock proxy in front of the reference ({@link ReferenceServer}, in-process) that ignores key switches, turns the
 * documented refusal of an inaccessible table into a crash, or answers as if the table had been deleted. Each run's
 * Cucumber messages must show the failure of the right kind (the exception's class) naming the right requirement.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MisbehavingPeerTest {
    private static final Set<String> DATA_PLANE = Set.of("DynamoDB_20120810.GetItem", "DynamoDB_20120810.PutItem");
    /** The GetItem/PutItem scenarios of key loss; the data-path rows need clock control, which these peers lack. */
    private static final String INA_001_KEY_LOSS = "@EAR-INA-001 and not @needs-clock-control";
    private static ReferenceServer reference;

    @BeforeAll
    static void startReference() {
        reference = ReferenceServer.start(ServerOptions.defaults().withPort(0));
    }

    @AfterAll
    static void stopReference() {
        reference.close();
    }

    /** Rewrites the reference's answers on their way back, as the peer under test would have answered. */
    private static final class Rewrite implements ResponseTransformerV2 {
        private final java.util.function.BiFunction<Response, ServeEvent, Response> rewrite;

        Rewrite(java.util.function.BiFunction<Response, ServeEvent, Response> rewrite) {
            this.rewrite = rewrite;
        }

        @Override
        public Response transform(Response response, ServeEvent event) {
            return rewrite.apply(response, event);
        }

        @Override
        public String getName() {
            return "earkit-rewrite";
        }
    }

    /** An AWS JSON error with fresh headers (the reference's x-amzn-ErrorType would name the old code). */
    private static Response error(Response original, int status, String code, String message) {
        String requestId = original.getHeaders().getHeader("x-amzn-RequestId").firstValue();
        return Response.Builder.like(original).but().status(status)
                .headers(new HttpHeaders(new HttpHeader("Content-Type", "application/x-amz-json-1.0"),
                        new HttpHeader("x-amzn-RequestId", requestId), new HttpHeader("x-amzn-ErrorType", code)))
                .body("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + code + "\",\"message\":\"" + message + "\"}").build();
    }

    private static boolean accessDeniedOnDataPlane(Response response, ServeEvent event) {
        return response.getStatus() == 400 && DATA_PLANE.contains(event.getRequest().getHeader("X-Amz-Target"))
                && response.getBodyAsString().contains("AccessDeniedException");
    }

    private static List<ScenarioMessages.Scenario> runThroughPeer(String name, String tags, Rewrite rewrite,
            Consumer<WireMockServer> stubs) throws IOException {
        var options = options().dynamicPort().bindAddress("127.0.0.1").preserveHostHeader(true);
        WireMockServer peer = new WireMockServer(rewrite == null ? options : options.extensions(rewrite));
        peer.start();
        Path reports = Path.of("target", "misbehaving-peers", name);
        try (KitProperties kit = new KitProperties()) {
            peer.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(reference.endpoint().toString())));
            stubs.accept(peer);
            kit.set("kit.target", "remote").set("kit.name", "peer-" + name).set("kit.endpoint", peer.baseUrl())
                    .set("kit.control", reference.endpoint().toString()).set("kit.access-key", "test").set("kit.secret-key", "test")
                    .set("kit.capabilities", "").set("kit.timeout.async", "PT2S");
            SuiteRunner.run(new SuiteRunner.Settings(tags, reports, false, null));
        } finally {
            peer.stop();
        }
        List<ScenarioMessages.Scenario> scenarios = ScenarioMessages.read(reports);
        assertFalse(scenarios.isEmpty(), "scenarios ran for " + tags);
        return scenarios;
    }

    @Test
    void throughAFaithfulProxyTheInaccessibleTableScenariosPass() throws IOException {
        for (var s : runThroughPeer("faithful", INA_001_KEY_LOSS, null, peer -> { })) {
            assertEquals(null, s.failed(), "the proxy alone changes nothing: " + s.name());
        }
    }

    /** Issue 16: a peer that ignores key switches had EAR-ENC-004 FAILED although every read-back passed. */
    @Test
    void aPeerIgnoringKeySwitchesFailsTheSwitchRequirementOnlyAndNeverReachesTheReadBack() throws IOException {
        List<ScenarioMessages.Scenario> scenarios = runThroughPeer("ignores-key-switches", "@EAR-SSE-001 and @EAR-ENC-004", null,
                peer -> peer.stubFor(post(anyUrl()).atPriority(1)
                        .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.UpdateTable"))
                        .withRequestBody(containing("SSESpecification"))
                        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.0")
                                .withBody("{\"TableDescription\":{\"TableStatus\":\"UPDATING\"}}"))));
        assertEquals(6, scenarios.size(), "one scenario per change of key kind");
        for (var s : scenarios) {
            var failed = s.failed();
            assertNotNull(failed, "a switch that never happens fails: " + s.name());
            assertEquals("earkit.kit.steps.RequirementViolation", failed.exceptionType(), s.name() + ": " + failed);
            assertTrue(failed.message().startsWith("[EAR-SSE-001] "), "judged as the key switch: " + failed.message());
            assertFalse(failed.message().contains("EAR-ENC-004"), failed.message());
            assertEquals("SKIPPED", s.step("read back unchanged").status(), "EAR-ENC-004's check is not reached: " + s.name());
        }
    }

    /** Issue 16: a proxy turning each AccessDeniedException of the inaccessible table into HTTP 500 still got EAR-INA-001 PASSED. */
    @Test
    void aCrashInsteadOfTheRefusalIsATargetErrorNeverAPass() throws IOException {
        Rewrite crash = new Rewrite((response, event) -> accessDeniedOnDataPlane(response, event)
                ? error(response, 500, "InternalServerError", "Internal error") : response);
        List<ScenarioMessages.Scenario> scenarios = runThroughPeer("crashes-instead-of-refusing", INA_001_KEY_LOSS, crash, peer -> { });
        for (var s : scenarios) {
            var failed = s.failed();
            assertNotNull(failed, "a crash is not a refusal: " + s.name());
            assertEquals("earkit.kit.steps.TargetFault", failed.exceptionType(), s.name() + ": " + failed);
            assertTrue(failed.message().startsWith("[TARGET ERROR] dynamodb GetItem: HTTP 500 InternalServerError"), failed.message());
            assertNotNull(s.history(), "the request history is attached");
            assertTrue(StreamSupport.stream(s.history().spliterator(), false).anyMatch(c -> c.path("httpStatus").asInt() == 500
                    && "InternalServerError".equals(c.path("errorCode").asText()) && "GetItem".equals(c.path("operation").asText())),
                    "the crash is in the history: " + s.history());
        }
    }

    /** Issue 16: ResourceNotFoundException (a table that is gone: data loss) must not count as "inaccessible". */
    @Test
    void aTableThatLooksDeletedIsNotAnInaccessibleOne() throws IOException {
        Rewrite gone = new Rewrite((response, event) -> accessDeniedOnDataPlane(response, event)
                ? error(response, 400, "ResourceNotFoundException", "Requested resource not found") : response);
        List<ScenarioMessages.Scenario> scenarios = runThroughPeer("answers-not-found", INA_001_KEY_LOSS, gone, peer -> { });
        for (var s : scenarios) {
            var failed = s.failed();
            assertNotNull(failed, "not found is not inaccessible: " + s.name());
            assertEquals("earkit.kit.steps.RequirementViolation", failed.exceptionType(), s.name() + ": " + failed);
            assertTrue(failed.message().startsWith("[EAR-INA-001] GetItem on "), failed.message());
            assertTrue(failed.message().contains("expected a refusal with HTTP 400 and AccessDeniedException, observed HTTP 400 "
                    + "ResourceNotFoundException"), failed.message());
        }
    }
}

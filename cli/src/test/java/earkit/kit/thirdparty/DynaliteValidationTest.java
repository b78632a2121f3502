package earkit.kit.thirdparty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import earkit.kit.run.SuiteRunner;
import earkit.kit.run.Verdicts;
import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import earkit.reports.Compliance;
import earkit.reports.ScenarioOutcome;
import earkit.reports.ScenarioResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * dynalite, a real third-party DynamoDB implementation, validated by the whole suite through its committed
 * profile ({@code fixtures/targets/dynalite/}), with the reference's mock KMS as the KMS the kit uses. The
 * per-requirement verdicts must equal the golden list {@code fixtures/targets/dynalite/expected-verdicts.json}:
 * a change in the kit's judgement of a peer it did not write (a scenario that starts passing against an
 * implementation that drops SSE settings, say) fails the build. The report stays in target/dynalite-report.
 */
class DynaliteValidationTest {
    static final Path REPORT = Path.of("target", "dynalite-report");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void dynaliteGetsTheExpectedVerdictOnEveryRequirement() throws IOException {
        Compliance result;
        try (DynaliteProcess dynalite = DynaliteProcess.start();
             ReferenceServer kms = ReferenceServer.start(ServerOptions.defaults());
             KitProperties kit = new KitProperties()) {
            kit.set("kit.target", "dynalite")
                    .set("kit.endpoint.dynamodb", dynalite.endpoint().toString())
                    .set("kit.endpoint.streams", dynalite.endpoint().toString())
                    .set("kit.endpoint.kms", kms.endpoint().toString())
                    .set("kit.endpoint.cloudtrail", kms.endpoint().toString());
            result = SuiteRunner.run(new SuiteRunner.Settings(null, REPORT, false, System.out));
        }

        for (ScenarioResult s : Verdicts.scenarios(result)) {
            assertTrue(s.status() != null, "every scenario ends passed, failed, target error or not applicable: " + s);
            String why = s.status() == ScenarioOutcome.NOT_APPLICABLE ? s.skipReason() : s.message();
            if (s.status() != ScenarioOutcome.PASSED) {
                assertTrue(why != null && !why.isBlank(), "a scenario that did not pass says why: " + s);
            }
        }
        Map<String, String> observed = Verdicts.statuses(result);
        assertEquals(expected(), observed, "per-requirement verdicts of dynalite (report: " + REPORT.toAbsolutePath() + ")");
        String summary = Files.readString(REPORT.resolve("summary.md"));
        // dynalite accepts SSESpecification and drops it: the report must say so in those words.
        assertTrue(summary.contains("EAR-MAN-001") && summary.contains("observed no SSEDescription"),
                "the compliance summary names what dynalite does not do:\n" + summary);
    }

    static Map<String, String> expected() throws IOException {
        try (InputStream in = DynaliteValidationTest.class.getClassLoader()
                .getResourceAsStream("fixtures/targets/dynalite/expected-verdicts.json")) {
            Map<String, String> m = new TreeMap<>();
            if (in != null) {
                JsonNode root = JSON.readTree(in);
                root.path("verdicts").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
            }
            return m;
        }
    }
}

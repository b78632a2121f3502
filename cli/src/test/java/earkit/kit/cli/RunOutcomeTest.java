package earkit.kit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import earkit.kit.spi.Capability;
import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The wrong verdicts of issue 16 that were the command line's, each typed as a user would: a profile alone, an
 * endpoint nothing listens on, a misspelt capability, a tag that matches nothing, no credentials, the control API
 * behind {@code --endpoint URL}, too little judged. A kit error is exit 2 and one line on stderr with no verdict;
 * too little judged is INCONCLUSIVE, exit 3, never "conformant".
 */
class RunOutcomeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> systemBefore = new HashMap<>();

    private int kit(String... args) {
        return Kit.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    private Path reports() {
        return dir.resolve("reports");
    }

    /** A kit error: exit 2, one line starting "kit: error: " that contains {@code expected}, no stack trace, no verdict. */
    private void assertKitError(int exit, String expected) {
        String text = err.toString();
        assertEquals(2, exit, "exit status of a kit error; stderr: " + text + " stdout: " + out);
        assertEquals(1, text.lines().count(), "one line: " + text);
        assertTrue(text.startsWith("kit: error: "), text);
        assertTrue(text.contains(expected), "the line says '" + expected + "': " + text);
        assertFalse(text.contains("\tat ") || text.contains("Exception:"), "no stack trace: " + text);
        assertFalse(Files.exists(reports().resolve("summary.json")), "no requirement verdicts are written");
    }

    private JsonNode file(String name) throws IOException {
        return JSON.readTree(reports().resolve(name).toFile());
    }

    private void setSystem(String key, String value) {
        systemBefore.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    @AfterEach
    void restoreSystemProperties() {
        systemBefore.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    @Test
    void aProfileAloneSelectsTheRemoteTargetItDescribesNeverTheReference() throws IOException {
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults())) {
            Path profile = Files.writeString(dir.resolve("my-store.properties"), """
                    endpoint=%s
                    access-key=test
                    secret-key=test
                    capabilities=
                    """.formatted(server.endpoint()));
            int exit = kit("run", "--profile", profile.toString(), "--tags", "@EAR-OWN-001", "--report-dir", reports().toString());

            JsonNode run = file("run.json");
            assertEquals("remote", run.path("target").asText(), "the profile's target, not the bundled reference");
            assertEquals(profile.toAbsolutePath().normalize().toString(),
                    run.path("profile").path("path").asText(), "provenance names the profile file");
            assertTrue(run.path("profile").path("sha256").asText().matches("[0-9a-f]{64}"), run.toString());
            assertTrue(run.path("featureSha256").size() > 5, "every feature file is hashed: " + run.path("featureSha256"));
            assertTrue(run.path("kitCommit").asText().matches("[0-9a-f]{7,40}(-dirty)?|unknown"), run.path("kitCommit").asText());
            assertTrue(run.path("sdkVersion").asText().startsWith("AWS SDK for Java 2."), run.path("sdkVersion").asText());
            assertTrue(run.path("httpClient").asText().startsWith("apache (Apache HttpClient"), run.path("httpClient").asText());
            assertEquals(0, kit("report", "--verify", reports().toString()), "a fresh run verifies: " + out);
            assertEquals(server.endpoint().toString(), run.path("endpoints").path("endpoint.dynamodb").asText());
            assertEquals(file("summary.json").path("verdict").path("result").asText().equals("conformant") ? 0 : 1, exit);
        }
    }

    @Test
    void aProfileThatCannotBeReadIsAKitError() {
        assertKitError(kit("run", "--profile", dir.resolve("no-such.properties").toString(), "--report-dir", reports().toString()),
                "cannot read the profile " + dir.resolve("no-such.properties") + ": no such file");
    }

    @Test
    void anEndpointNothingListensOnIsAKitErrorFromThePreflight() {
        assertFalse(Files.exists(reports()));
        assertKitError(kit("run", "--target", "remote", "--endpoint", "http://127.0.0.1:1", "--access-key", "test",
                        "--secret-key", "test", "--capabilities", "clock-control", "--tags", "@EAR-INA-005",
                        "--report-dir", reports().toString()),
                "pre-flight: dynamodb ListTables at http://127.0.0.1:1 failed: connection refused");
        assertFalse(Files.exists(reports()), "a kit error leaves no report directory it made");
    }

    @Test
    void aMisspeltCapabilityIsRefusedWithTheKnownOnes() throws IOException {
        assertKitError(kit("run", "--target", "remote", "--endpoint", "http://127.0.0.1:1", "--capabilities", "clock-contol",
                "--tags", "@EAR-INA-005", "--report-dir", reports().toString()),
                "unknown capability clock-contol; known: " + Capability.known());

        Path profile = Files.writeString(dir.resolve("typo.properties"), "endpoint=http://127.0.0.1:1\ncapabilities=kms-audt\n");
        err.getBuffer().setLength(0);
        assertKitError(kit("run", "--profile", profile.toString(), "--report-dir", reports().toString()),
                "unknown capability kms-audt of target 'remote'; known: " + Capability.known());
    }

    @Test
    void aTagExpressionMatchingNoScenarioIsOneLineNotAStackTrace() {
        assertKitError(kit("run", "--tags", "@no-such-tag", "--report-dir", reports().toString()),
                "the tag expression '@no-such-tag' matches no scenario");
    }

    @Test
    void missingCredentialsAreAKitErrorNotAFailedRequirement() {
        assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") == null
                && System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == null, "the environment holds AWS credentials");
        setSystem("aws.sharedCredentialsFile", dir.resolve("no-credentials").toString());
        setSystem("aws.configFile", dir.resolve("no-config").toString());
        setSystem("aws.disableEc2Metadata", "true");
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults())) {
            assertKitError(kit("run", "--endpoint", server.endpoint().toString(), "--capabilities", "clock-control",
                    "--tags", "@EAR-OWN-001", "--report-dir", reports().toString()), "no AWS credentials for target 'remote'");
        }
    }

    @Test
    void endpointUrlServesTheControlApiToo() throws IOException {
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.defaults())) {
            int exit = kit("run", "--endpoint", server.endpoint().toString(), "--access-key", "test", "--secret-key", "test",
                    "--capabilities", "clock-control", "--tags", "@EAR-INA-005 and not @EAR-INA-006",
                    "--report-dir", reports().toString());
            JsonNode summary = file("summary.json");
            JsonNode ina = null;
            for (JsonNode r : summary.path("requirements")) {
                if (r.path("id").asText().equals("EAR-INA-005")) {
                    ina = r;
                }
            }
            assertEquals("passed", ina.path("status").asText(), "no 'has no control API': " + ina);
            assertEquals(server.endpoint().toString(), file("run.json").path("endpoints").path("control").asText());
            assertEquals(0, exit, out.toString());
        }
    }

    @Test
    void fewerJudgedRequirementsThanMinJudgedIsInconclusiveAndNameNamesTheTarget() throws IOException {
        // The scenarios of EAR-OWN-001 also judge EAR-ENC-004: two MUST requirements pass against the reference.
        int exit = kit("run", "--tags", "@EAR-OWN-001", "--min-judged", "3", "--report-dir", reports().toString());
        assertEquals(3, exit, err.toString());
        JsonNode verdict = file("summary.json").path("verdict");
        assertEquals("inconclusive", verdict.path("result").asText());
        assertEquals(2, verdict.path("judged").asInt());
        assertEquals(3, file("run.json").path("minJudged").asInt());
        assertTrue(out.toString().contains("RESULT: INCONCLUSIVE: Only 2 of"), out.toString());

        out.getBuffer().setLength(0);
        assertEquals(0, kit("run", "--tags", "@EAR-OWN-001", "--min-judged", "2", "--name", "My store",
                "--report-dir", reports().toString()), "two judged meet --min-judged 2: " + out);
        // --name is the target's display name in every report.
        assertEquals("My store", file("run.json").path("target").asText());
        assertEquals("My store", file("summary.json").path("run").path("target").asText());
        assertTrue(Files.readString(reports().resolve("summary.md")).startsWith("# earkit compliance: My store — CONFORMANT"));
        assertTrue(Files.readString(reports().resolve("compliance.html")).contains("<title>Compliance of My store: CONFORMANT"));
        assertTrue(Files.readString(reports().resolve("compliance-junit.xml")).contains("name=\"earkit compliance of My store\""));
    }

    @Test
    void nothingApplicableIsInconclusiveAndNeedsNoPreflight() throws IOException {
        // No capability declared: every clock scenario is skipped, so the run sends nothing to the (absent) target.
        int exit = kit("run", "--target", "remote", "--endpoint", "http://127.0.0.1:1", "--tags", "@needs-clock-control",
                "--report-dir", reports().toString());
        assertEquals(3, exit, err.toString() + out);
        JsonNode verdict = file("summary.json").path("verdict");
        assertEquals("inconclusive", verdict.path("result").asText());
        assertEquals(0, verdict.path("judged").asInt());
        assertTrue(out.toString().contains("RESULT: INCONCLUSIVE"), out.toString());
        assertFalse(out.toString().contains("CONFORMANT:") && !out.toString().contains("INCONCLUSIVE"), out.toString());
    }

    @Test
    void anUnknownOptionIsOneLine() {
        int exit = kit("run", "--capabilties", "x");
        assertEquals(2, exit);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("kit: error: Unknown option"), err.toString());
    }

    @Test
    void anEndpointWithoutItsSchemeIsRefusedBeforeAnyCall() {
        assertKitError(kit("run", "--endpoint", "localhost:4566", "--access-key", "test", "--secret-key", "test",
                "--report-dir", reports().toString()), "--endpoint localhost:4566: not an http:// or https:// URL");
        err.getBuffer().setLength(0);
        assertKitError(kit("run", "--endpoint", "dynamodb=127.0.0.1:4567", "--access-key", "test", "--secret-key", "test",
                "--report-dir", reports().toString()), "--endpoint dynamodb=127.0.0.1:4567: not an http:// or https:// URL");
    }

    /** An access key alone would otherwise go unused against the reference, or fail later as a missing profile key. */
    @Test
    void anAccessKeyWithoutItsSecretIsRefused() {
        assertKitError(kit("run", "--access-key", "test", "--report-dir", reports().toString()), "--access-key needs --secret-key");
    }

    @Test
    void aReportDirThatIsAFileIsRefusedBeforeTheRun() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertKitError(kit("run", "--report-dir", file.toString()), "--report-dir " + file + ": a file of that name exists");
        assertEquals("x", Files.readString(file), "the file is left as it was");
    }

    @Test
    void anUnknownServiceInEndpointIsRefused() {
        assertKitError(kit("run", "--endpoint", "dynamo=http://127.0.0.1:1", "--report-dir", reports().toString()),
                "unknown service 'dynamo'");
    }
}

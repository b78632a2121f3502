package earkit.kit.thirdparty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import earkit.kit.cli.Kit;
import earkit.kit.run.SuiteRunner;
import earkit.reports.Compliance;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The remote path proven on the reference itself: {@code kit serve} in a JVM of its own, {@code kit run --target
 * remote --endpoint URL} against it, and the same requirement-by-requirement result as the embedded reference
 * declaring the same capabilities, although the remote run shares one server between two threads of scenarios
 * ({@code --threads 2}: unique names per scenario, clock and meter scenarios alone). One shared server cannot offer what needs a fresh server per scenario
 * (historic-clock, fresh-account, kms-proxy); both runs leave those out.
 */
class RemoteReferenceTest {
    static final String SHARED_SERVER_CAPABILITIES = "clock-control,kms-audit,cloudwatch-logs,kms-meter,notifications,global-tables,storage-inspection";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void kitRunInParallelAgainstKitServeGivesTheEmbeddedResult() throws Exception {
        Path remoteReports = Path.of("target", "remote-reference-report");
        int exit;
        try (KitServeProcess serve = KitServeProcess.start(); RestoredKitProperties restore = new RestoredKitProperties()) {
            // The embedded reference's wait for asynchronous transitions, so that a failing scenario costs the same.
            System.setProperty("kit.timeout.async", "PT2S");
            exit = new CommandLine(new Kit()).execute("run", "--target", "remote", "--endpoint", serve.endpoint().toString(),
                    "--endpoint", "control=" + serve.endpoint(), "--access-key", "test", "--secret-key", "test",
                    "--capabilities", SHARED_SERVER_CAPABILITIES, "--threads", "2", "--report-dir", remoteReports.toString());
        }
        Map<String, String> remote = verdicts(remoteReports);

        Path embeddedReports = Path.of("target", "embedded-reference-report");
        Compliance embedded;
        try (KitProperties kit = new KitProperties().set("kit.capabilities", SHARED_SERVER_CAPABILITIES)) {
            embedded = SuiteRunner.run(new SuiteRunner.Settings(null, embeddedReports, false, null));
        }
        Map<String, String> local = verdicts(embeddedReports);

        assertFalse(local.isEmpty());
        assertEquals(local, remote, "per-requirement verdicts: embedded reference vs kit serve + kit run --target remote");
        assertEquals(embedded.verdict().exitCode(), exit, "kit run's exit status follows the verdicts");
    }

    /** The verdicts the compliance summary of a report directory records. */
    static Map<String, String> verdicts(Path reportDir) throws Exception {
        JsonNode summary = JSON.readTree(reportDir.resolve("summary.json").toFile());
        Map<String, String> m = new TreeMap<>();
        for (JsonNode r : summary.path("requirements")) {
            m.put(r.path("id").asText(), r.path("status").asText());
        }
        return m;
    }

    /** kit run sets kit.* system properties for its target; put them back as they were. */
    static final class RestoredKitProperties implements AutoCloseable {
        private final Properties before = (Properties) System.getProperties().clone();

        @Override
        public void close() {
            System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("kit.")).toList()
                    .forEach(System::clearProperty);
            before.stringPropertyNames().stream().filter(k -> k.startsWith("kit."))
                    .forEach(k -> System.setProperty(k, before.getProperty(k)));
        }
    }
}

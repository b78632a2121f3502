package earkit.kit.thirdparty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import earkit.kit.run.SuiteRunner;
import earkit.kit.run.Verdicts;
import earkit.reports.Compliance;
import earkit.kit.spi.ClientSettings.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SDK compatibility matrix: the whole suite against the reference with the DynamoDB client on each HTTP
 * client the SDK v2 ships (sync Apache, sync URL-connection, async Netty; profile key {@code http-client}).
 * The kit's judgement must not depend on the client: every requirement gets the Apache run's verdict. The
 * matrix is written to target/sdk-matrix.md (docs/sdk-matrix.md is its committed copy).
 *
 * <p>By default a cross-section of the suite runs (key kinds, switching, envelope, key loss, connection reuse
 * and refresh: what an HTTP client can change), about 25 s per client; {@code -Dearkit.sdkMatrix=full} runs
 * every scenario (about 90 s per client).
 *
 * <p>The URL-connection client cannot give a scenario "a new connection for each request": the JDK's
 * HttpURLConnection silently drops the restricted {@code Connection: close} header and keeps connections in a
 * JVM-wide pool. The requirements observed through connection identity are therefore not judged on it.
 */
class SdkMatrixTest {
    static final String CROSS_SECTION = "(@EAR-OWN-001 or @EAR-MAN-001 or @EAR-CMK-001 or @EAR-SSE-001 or @EAR-ENC-004 "
            + "or @EAR-ENC-003 or @EAR-INA-001 or @EAR-CON-001 or @EAR-CON-002 or @EAR-REF-001 or @EAR-REF-002 or @EAR-AUD-001)"
            // every data path is the same HTTP exchange as GetItem's for a client; their rows would only add minutes
            + " and not @data-paths";
    /** Requirements whose scenarios need a new connection per request or one connection per client. */
    static final java.util.Set<String> CONNECTION_IDENTITY = java.util.Set.of("EAR-AUD-001", "EAR-AUD-002", "EAR-CON-001",
            "EAR-CON-002", "EAR-INA-001", "EAR-INA-002", "EAR-INA-004", "EAR-REF-002", "EAR-REF-003");

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void everyHttpClientGetsTheSameVerdicts() throws Exception {
        String tags = "full".equals(System.getProperty("earkit.sdkMatrix")) ? null : CROSS_SECTION;
        Map<HttpClient, Map<String, String>> verdicts = new LinkedHashMap<>();
        Map<HttpClient, String> rows = new LinkedHashMap<>();
        for (HttpClient client : HttpClient.values()) {
            Instant start = Instant.now();
            Compliance r;
            try (KitProperties kit = new KitProperties().set("kit.http-client", client.label())) {
                r = SuiteRunner.run(new SuiteRunner.Settings(tags, Path.of("target", "sdk-matrix", client.label()), false, null));
            }
            verdicts.put(client, Verdicts.statuses(r));
            rows.put(client, String.format("| %s | %d | %d | %d | %d | %.0f s |", client.label(), Verdicts.scenarios(r).size(),
                    r.counts().get("passed"), r.counts().get("failed"), r.counts().get("not-applicable"),
                    Duration.between(start, Instant.now()).toMillis() / 1000.0));
        }
        StringBuilder md = new StringBuilder("| DynamoDB client (SDK v2) | Scenarios | Requirements passed | failed | not applicable | Time |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        rows.values().forEach(r -> md.append(r).append('\n'));
        Map<String, String> apache = verdicts.get(HttpClient.APACHE);
        for (HttpClient c : HttpClient.values()) {
            Map<String, String> diff = new TreeMap<>();
            for (String id : new TreeSet<>(apache.keySet())) {
                if (!apache.get(id).equals(verdicts.get(c).get(id))) {
                    diff.put(id, apache.get(id) + " -> " + verdicts.get(c).get(id));
                }
            }
            md.append("\n").append(c.label()).append(": ").append(diff.isEmpty() ? "same verdicts as apache" : "differs " + diff);
        }
        Files.writeString(Path.of("target", "sdk-matrix.md"), md.append('\n'));
        assertEquals(apache, verdicts.get(HttpClient.NETTY), "verdicts with the async Netty client\n" + md);
        // The URL-connection client cannot give a client or a request a connection of its own, so the scenarios
        // tagged @needs-distinct-connections are not applicable with it; every other verdict must be the same.
        Map<String, String> expected = new TreeMap<>(apache);
        CONNECTION_IDENTITY.forEach(id -> expected.computeIfPresent(id, (k, v) -> "NOT_RUN".equals(v) ? v : "NOT_APPLICABLE"));
        assertEquals(expected, verdicts.get(HttpClient.URL_CONNECTION),
                "verdicts with the URL-connection client (connection-identity requirements not applicable)\n" + md);
    }
}

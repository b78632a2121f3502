package earkit.kit.thirdparty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import earkit.kit.run.SuiteRunner;
import earkit.kit.run.Verdicts;
import earkit.reports.Compliance;
import earkit.reports.ScenarioOutcome;
import earkit.reports.ScenarioResult;
import earkit.kit.steps.KitRun;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * KMS traffic of a target the kit did not start: the reference runs standalone ({@code kit serve --kms-endpoint}),
 * told to send its KMS requests to a fixed port where the kit keeps a relay ({@code kms-proxy.port}); in a
 * {@code @needs-kms-proxy} scenario the relay passes them through the scenario's recording WireMock proxy. The
 * connection-reuse and key-refresh scenarios, and those that inject KMS trouble at a refresh, then run, and pass,
 * against it as against the embedded reference.
 */
class RemoteKmsProxyTest {
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void connectionReuseAndRefreshScenariosRunAgainstAStandaloneTargetThroughTheRelay() throws Exception {
        int relayPort;
        try (ServerSocket s = new ServerSocket(0)) {
            relayPort = s.getLocalPort();
        }
        Compliance result;
        try (KitServeProcess serve = KitServeProcess.start("--kms-endpoint", "http://127.0.0.1:" + relayPort);
             KitProperties kit = new KitProperties()) {
            String url = serve.endpoint().toString();
            kit.set("kit.target", "remote").set("kit.name", "kit-serve-with-kms-relay").set("kit.endpoint", url)
                    .set("kit.control", url).set("kit.access-key", "test").set("kit.secret-key", "test")
                    .set("kit.capabilities", "kms-proxy,kms-audit,clock-control")
                    .set("kit.kms-proxy.port", String.valueOf(relayPort)).set("kit.kms-proxy.upstream", url)
                    .set("kit.timeout.async", "PT2S");
            result = SuiteRunner.run(new SuiteRunner.Settings("@needs-kms-proxy or @EAR-CON-001 or @EAR-REF-001 or @EAR-REF-002",
                    Path.of("target", "remote-kms-proxy-report"), false, System.out));
        } finally {
            KitRun.target(); // the kit.* properties are back: the remote target and its relay are closed
        }
        List<ScenarioResult> scenarios = Verdicts.scenarios(result);
        assertEquals(11, scenarios.size(), "CON-001 (2 rows), CON-002, REF-001, REF-002 (4 scenarios), KMS trouble at a refresh (3 rows): " + scenarios);
        for (ScenarioResult s : scenarios) {
            assertEquals(ScenarioOutcome.PASSED, s.status(), s.name() + ": " + s.message());
        }
    }
}

package earkit.kit.thirdparty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import earkit.kit.run.SuiteRunner;
import earkit.kit.run.Verdicts;
import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * dynalite is a target shared by the whole run: scenarios there leave no trace (the glue's clean-up), so the suite
 * in a random order gives dynalite the golden verdicts of {@link DynaliteValidationTest}. One seed, to keep the
 * build's time; {@code ScenarioOrderTest} runs three against the reference.
 */
class DynaliteRandomOrderTest {
    private static final Path REPORT = Path.of("target", "dynalite-random-order-report");

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aRandomOrderGivesDynaliteTheExpectedVerdicts() throws IOException {
        try (DynaliteProcess dynalite = DynaliteProcess.start();
             ReferenceServer kms = ReferenceServer.start(ServerOptions.defaults());
             KitProperties kit = new KitProperties()) {
            kit.set("kit.target", "dynalite")
                    .set("kit.endpoint.dynamodb", dynalite.endpoint().toString())
                    .set("kit.endpoint.streams", dynalite.endpoint().toString())
                    .set("kit.endpoint.kms", kms.endpoint().toString())
                    .set("kit.endpoint.cloudtrail", kms.endpoint().toString())
                    .set(SuiteRunner.ORDER_SEED_PROPERTY, "20261205");
            assertEquals(DynaliteValidationTest.expected(), Verdicts.statuses(SuiteRunner.run(new SuiteRunner.Settings(null, REPORT, false, System.out))),
                    "per-requirement verdicts of dynalite in random order, seed 20261205 (report: " + REPORT.toAbsolutePath() + ")");
        }
    }
}

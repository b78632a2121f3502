package earkit.kit.run;

import java.util.LinkedHashMap;
import java.util.Map;


/**
 * The JUnit Platform configuration that runs scenarios on several threads (Cucumber's
 * {@code cucumber.execution.parallel.*}). Scenarios isolate their data (unique table, key and alias names per
 * scenario); what a shared target holds globally (its clock, KMS meter, KMS relay, the account's key list) is guarded
 * per scenario by the glue ({@code SharedState}), not declared here as exclusive resources: the platform would extend
 * such a lock from a scenario to its whole feature file.
 */
public final class ParallelRun {
    private ParallelRun() {
    }

    public static Map<String, String> configuration(int threads) {
        Map<String, String> c = new LinkedHashMap<>();
        if (threads <= 1) {
            return c;
        }
        c.put("cucumber.execution.parallel.enabled", "true");
        c.put("cucumber.execution.parallel.config.strategy", "fixed");
        c.put("cucumber.execution.parallel.config.fixed.parallelism", String.valueOf(threads));
        c.put("cucumber.execution.parallel.config.fixed.max-pool-size", String.valueOf(threads));
        return c;
    }
}

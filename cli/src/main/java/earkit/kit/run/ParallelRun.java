package earkit.kit.run;

import earkit.kit.spi.Target;
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
    /**
     * The threads of a run that does not say ({@code --threads} absent) against a target whose scenarios share nothing.
     * The scenarios mostly wait (on the target's server, on KMS held or late in real time): measured on the 2-core
     * machine, the suite's CPU time is about a third of its one-thread wall time, so more threads than cores still help.
     */
    public static final int ISOLATED_DEFAULT = 4;

    private ParallelRun() {
    }

    /**
     * {@code requested} when it is 1 or more; when 0 (not said), {@link #ISOLATED_DEFAULT} against a target that
     * isolates its scenarios (the bundled reference), else 1: scenarios on a shared target or in a random order that
     * {@code --seed} must repeat run one after the other unless the user asks otherwise.
     */
    public static int threads(int requested, Target target, boolean randomOrder) {
        if (requested >= 1) {
            return requested;
        }
        return target.isolatesScenarios() && !randomOrder ? ISOLATED_DEFAULT : 1;
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

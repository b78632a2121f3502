package earkit.kit.run;

import earkit.kit.spi.Capability;
import earkit.kit.spi.Target;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The JUnit Platform configuration that runs scenarios on several threads (Cucumber's
 * {@code cucumber.execution.parallel.*}). Scenarios already isolate their data (unique table, key and alias
 * names per scenario), but on a target shared by the whole run some state is global: the virtual clock, the account's
 * KMS meter, a remote target's KMS relay, the account's list of keys. A scenario that moves the clock, reads the
 * meter, proxies KMS or compares the account's whole key list ({@code @account-wide}) therefore holds that
 * resource exclusively, and every other scenario holds it for reading (through its requirement tag), so none
 * runs while the clock jumps or a key list is being compared.
 *
 * <p>Only scenarios that will run take an exclusive lock: a scenario whose capability the target does not declare is
 * skipped at once, and its lock would only stop every other thread while it skips. A target that gives every scenario
 * an environment of its own ({@link Target#isolatesScenarios()}, the bundled reference) shares nothing, so nothing is
 * locked at all.
 */
public final class ParallelRun {
    static final String CLOCK = "earkit-clock";
    static final String METER = "earkit-kms-meter";
    /** A remote target's KMS relay serves one recording proxy at a time. */
    static final String KMS_PROXY = "earkit-kms-proxy";
    static final String ACCOUNT = "earkit-account-keys";
    private static final String RESOURCES = "cucumber.execution.exclusive-resources.";

    private ParallelRun() {
    }

    /**
     * @param isolated     whether every scenario has an environment of its own (then nothing is shared)
     * @param capabilities what the target declares: a {@code @needs-} scenario of any other capability is skipped
     */
    public static Map<String, String> configuration(int threads, Set<String> requirementIds, boolean isolated,
                                                    Set<String> capabilities) {
        Map<String, String> c = new LinkedHashMap<>();
        if (threads <= 1) {
            return c;
        }
        c.put("cucumber.execution.parallel.enabled", "true");
        c.put("cucumber.execution.parallel.config.strategy", "fixed");
        c.put("cucumber.execution.parallel.config.fixed.parallelism", String.valueOf(threads));
        c.put("cucumber.execution.parallel.config.fixed.max-pool-size", String.valueOf(threads));
        if (isolated) {
            return c;
        }
        Map<String, String> exclusive = new LinkedHashMap<>();
        exclusiveIfDeclared(exclusive, capabilities, Capability.CLOCK_CONTROL, CLOCK);
        exclusiveIfDeclared(exclusive, capabilities, Capability.HISTORIC_CLOCK, CLOCK);
        exclusiveIfDeclared(exclusive, capabilities, Capability.KMS_METER, METER);
        exclusiveIfDeclared(exclusive, capabilities, Capability.KMS_PROXY, KMS_PROXY);
        exclusive.put("account-wide", ACCOUNT);
        for (String id : requirementIds) {
            c.put(RESOURCES + id + ".read", String.join(",", new LinkedHashSet<>(exclusive.values())));
        }
        exclusive.forEach((tag, resource) -> c.put(RESOURCES + tag + ".read-write", resource));
        return c;
    }

    private static void exclusiveIfDeclared(Map<String, String> exclusive, Set<String> capabilities, Capability capability,
                                            String resource) {
        if (capabilities.contains(capability.wireName())) {
            exclusive.put("needs-" + capability.wireName(), resource);
        }
    }
}

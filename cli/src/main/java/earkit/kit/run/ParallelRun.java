package earkit.kit.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The JUnit Platform configuration that runs scenarios on several threads (Cucumber's
 * {@code cucumber.execution.parallel.*}). Scenarios already isolate their data (unique table, key and alias
 * names per scenario), but on a shared target some state is global: the virtual clock, the account's KMS
 * meter, a remote target's KMS relay, the account's list of keys. A scenario that moves the clock, reads the
 * meter, proxies KMS or compares the account's whole key list ({@code @account-wide}) therefore holds that
 * resource exclusively, and every other scenario holds it for reading (through its requirement tag), so none
 * runs while the clock jumps or a key list is being compared.
 */
public final class ParallelRun {
    static final String CLOCK = "earkit-clock";
    static final String METER = "earkit-kms-meter";
    /** A remote target's KMS relay serves one recording proxy at a time. */
    static final String KMS_PROXY = "earkit-kms-proxy";
    static final String ACCOUNT = "earkit-account-keys";

    private ParallelRun() {
    }

    public static Map<String, String> configuration(int threads, Set<String> requirementIds) {
        Map<String, String> c = new LinkedHashMap<>();
        if (threads <= 1) {
            return c;
        }
        c.put("cucumber.execution.parallel.enabled", "true");
        c.put("cucumber.execution.parallel.config.strategy", "fixed");
        c.put("cucumber.execution.parallel.config.fixed.parallelism", String.valueOf(threads));
        c.put("cucumber.execution.parallel.config.fixed.max-pool-size", String.valueOf(threads));
        for (String id : requirementIds) {
            c.put("cucumber.execution.exclusive-resources." + id + ".read", CLOCK + "," + METER + "," + KMS_PROXY + "," + ACCOUNT);
        }
        c.put("cucumber.execution.exclusive-resources.needs-clock-control.read-write", CLOCK);
        c.put("cucumber.execution.exclusive-resources.needs-historic-clock.read-write", CLOCK);
        c.put("cucumber.execution.exclusive-resources.needs-kms-meter.read-write", METER);
        c.put("cucumber.execution.exclusive-resources.needs-kms-proxy.read-write", KMS_PROXY);
        c.put("cucumber.execution.exclusive-resources.account-wide.read-write", ACCOUNT);
        return c;
    }
}

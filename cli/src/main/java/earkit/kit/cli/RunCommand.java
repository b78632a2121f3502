package earkit.kit.cli;

import earkit.kit.run.KitError;
import earkit.kit.run.SdkRuns;
import earkit.kit.run.SuiteRunner;
import earkit.kit.spi.Capability;
import earkit.kit.spi.Targets;
import earkit.reports.Compliance;
import earkit.reports.ComplianceReport;
import earkit.sdkcompat.SdkConfiguration;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kit run}: the conformance suite against a target, with a summary by requirement. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the conformance suite against a target and write the report directory.",
                "Exit status: 0 CONFORMANT (every applicable MUST requirement passed, and at least --min-judged of them "
                        + "were judged); 1 NOT CONFORMANT (a MUST requirement failed or met a target error); "
                        + "2 KIT ERROR (the kit could not run: options, credentials, unreachable endpoints); "
                        + "3 INCONCLUSIVE (too little was judged). See docs/running.md."})
final class RunCommand implements Callable<Integer> {
    private static final List<String> SERVICES = List.of("dynamodb", "streams", "kms", "cloudtrail", "logs", "control");

    @Spec
    CommandSpec spec;

    @Option(names = "--target", description = "Target name: reference (default), remote, or a profile under fixtures/targets/")
    String target;

    @Option(names = "--endpoint", description = "Endpoint of the target: URL for every service and the control API, or "
            + "SERVICE=URL (dynamodb, streams, kms, cloudtrail, logs, control). Implies --target remote.")
    List<String> endpoints = new ArrayList<>();

    @Option(names = "--profile", description = "A target profile file (properties): the target it describes "
            + "(its provider= or target= key, else remote) instead of fixtures/targets/<name>/profile.properties")
    Path profile;

    @Option(names = "--capabilities", description = "Comma-separated capabilities the target offers (overrides its profile)")
    String capabilities;

    @Option(names = "--name", description = "The target's display name in the console and every report")
    String name;

    @Option(names = "--region", description = "The target's Region (default from the profile, else us-east-1)")
    String region;

    @Option(names = "--access-key", description = "Access key of the target's account (default: profile, else the SDK's chain)")
    String accessKey;

    @Option(names = "--secret-key", description = "Secret key that goes with --access-key")
    String secretKey;

    @Option(names = "--tags", description = "Cucumber tag expression, e.g. '@EAR-INA-005 or @EAR-REF-003'")
    String tags;

    @Option(names = "--report-dir", description = "Where the reports go (default: ${DEFAULT-VALUE})", defaultValue = "target/kit-report")
    Path reportDir;

    @Option(names = "--threads", description = "Scenarios run in parallel on N threads (default: 4 against a target that "
            + "gives each scenario an environment of its own, as the bundled reference does, unless --order random; else 1); "
            + "on a shared target, scenarios that move the clock or read the KMS meter still run alone")
    Integer threads;

    @Option(names = "--order", description = "Order of the scenarios: defined (default: feature files and scenarios as "
            + "written) or random (shuffled by Cucumber; the seed is printed so that the run can be repeated)", defaultValue = "defined")
    String order;

    @Option(names = "--seed", description = "Seed of --order random (a whole number); without it a seed is drawn")
    String seed;

    @Option(names = "--strict", description = "Anything that did not pass (not applicable, known deviations, SHOULDs) fails the run")
    boolean strict;

    @Option(names = "--min-judged", paramLabel = "N", description = "A run is CONFORMANT only if at least N applicable MUST "
            + "requirements were judged to hold, else INCONCLUSIVE (default: ${DEFAULT-VALUE})", defaultValue = "1")
    int minJudged;

    @Option(names = "--sdk", split = ",", paramLabel = "SDK", description = "Also run the client-observable scenarios "
            + "(@sdk-matrix) through these SDKs, each a column of the report: node-v3-keepalive, node-v3-no-keepalive, boto3, "
            + "java-v1, java-v2-apache, java-v2-url-connection, java-v2-netty, java-v2-crt, aws-cli, or all")
    List<String> sdks = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        Map<String, String> before = kitProperties();
        Path made = outermostMissing(reportDir.toAbsolutePath().normalize()); // what the option check will make, or null
        try {
            configure();
            List<SdkConfiguration> through = sdks.isEmpty() ? List.of() : SdkRuns.parse(sdks);
            if (!through.isEmpty()) {
                SdkRuns.requireScenarios(tags);
            }
            PrintWriter out = spec.commandLine().getOut();
            SuiteRunner.Settings settings = new SuiteRunner.Settings(tags, reportDir, strict, System.out,
                    threads == null ? 0 : threads, minJudged, name);
            Compliance compliance = SuiteRunner.run(settings);
            if (!through.isEmpty()) {
                SdkRuns.run(through, settings);
                // The kit's run again, now with a column per SDK and the worst verdict across them.
                compliance = ComplianceReport.write(reportDir);
            }
            out.println();
            out.print(ComplianceReport.terminalSummary(compliance));
            out.println("Reports: " + reportDir.toAbsolutePath().normalize());
            out.flush();
            if (Compliance.Verdict.KIT_ERROR.equals(compliance.verdict().result())) {
                // The kit failed mid-run (an SDK driver died): said as every kit error is, the reports saying the same.
                Kit.error(spec.commandLine().getErr(), compliance.verdict().headline(), null);
            }
            return compliance.verdict().exitCode();
        } catch (KitError e) {
            Kit.error(spec.commandLine().getErr(), e.getMessage(), e);
            removeEmpty(reportDir.toAbsolutePath().normalize(), made);
            return Kit.KIT_ERROR;
        } finally {
            restore(before);
        }
    }

    private void configure() {
        if (threads != null && threads < 1) {
            throw new KitError("--threads must be at least 1, not " + threads);
        }
        configureOrder();
        if (minJudged < 1) {
            throw new KitError("--min-judged must be at least 1, not " + minJudged);
        }
        if (secretKey != null && accessKey == null) {
            throw new KitError("--secret-key needs --access-key");
        }
        if (accessKey != null && secretKey == null) {
            throw new KitError("--access-key needs --secret-key");
        }
        fail(OptionChecks.directoryProblem("--report-dir", reportDir));
        if (profile != null) {
            Properties p = readProfile(profile);
            if (target == null) {
                // A profile describes one target: the provider it names, else the built-in remote target.
                target = firstNonBlank(p.getProperty("provider"), p.getProperty("target"), "remote");
            }
            System.setProperty("kit.profile", profile.toString());
        }
        if (!endpoints.isEmpty() && target == null) {
            target = "remote";
        }
        if (target != null) {
            System.setProperty(Targets.PROPERTY, target);
        }
        boolean controlGiven = endpoints.stream().anyMatch(e -> e.startsWith("control="));
        for (String e : endpoints) {
            int eq = e.indexOf('=');
            if (eq > 0 && !e.substring(0, eq).contains(":")) {
                String service = e.substring(0, eq);
                if (!SERVICES.contains(service)) {
                    throw new KitError("--endpoint " + e + ": unknown service '" + service + "'; known: "
                            + String.join(", ", SERVICES));
                }
                fail(OptionChecks.httpUrlProblem("--endpoint " + e, e.substring(eq + 1)));
                System.setProperty(service.equals("control") ? "kit.control" : "kit.endpoint." + service, e.substring(eq + 1));
            } else {
                fail(OptionChecks.httpUrlProblem("--endpoint " + e, e));
                System.setProperty("kit.endpoint", e);
                if (!controlGiven) {
                    // "URL for every service" includes the control API: the reference serves it on the same port.
                    System.setProperty("kit.control", e);
                }
            }
        }
        if (capabilities != null) {
            List<String> unknown = Arrays.stream(capabilities.split(",")).map(String::trim).filter(c -> !c.isEmpty())
                    .filter(c -> Capability.byWireName(c).isEmpty()).toList();
            if (!unknown.isEmpty()) {
                throw new KitError("--capabilities: unknown capabilit" + (unknown.size() == 1 ? "y " : "ies ")
                        + String.join(", ", unknown) + "; known: " + Capability.known());
            }
            System.setProperty("kit.capabilities", capabilities);
        }
        if (accessKey != null) {
            System.setProperty("kit.access-key", accessKey);
            System.setProperty("kit.secret-key", secretKey == null ? "" : secretKey);
        }
        if (region != null) {
            System.setProperty("kit.region", region);
        }
        if (name != null) {
            System.setProperty("kit.name", name);
        }
    }

    private static Path outermostMissing(Path dir) {
        Path missing = null;
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /**
     * The directories the option check made for the reports, from {@code dir} up to {@code made}, while empty: a kit
     * error writes no reports, so it leaves no empty directories either.
     */
    private static void removeEmpty(Path dir, Path made) {
        if (made == null) {
            return;
        }
        for (Path p = dir; p != null && p.startsWith(made); p = p.getParent()) {
            try {
                Files.deleteIfExists(p); // refused when something was written into it: left as it is
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void fail(String problem) {
        if (problem != null) {
            throw new KitError(problem);
        }
    }

    /** {@code --order}, {@code --seed}: Cucumber's random order with a known seed, so that a differing run can be repeated. */
    private void configureOrder() {
        if (!order.equals("defined") && !order.equals("random")) {
            throw new KitError("--order must be defined or random, not '" + order + "'");
        }
        if (seed != null && order.equals("defined")) {
            throw new KitError("--seed " + seed + " needs --order random");
        }
        if (order.equals("random")) {
            long chosen;
            try {
                chosen = seed == null ? new java.security.SecureRandom().nextLong() & Long.MAX_VALUE : Long.parseLong(seed.trim());
            } catch (NumberFormatException e) {
                throw new KitError("--seed must be a whole number, not '" + seed + "'");
            }
            System.setProperty(SuiteRunner.ORDER_SEED_PROPERTY, Long.toString(chosen));
            spec.commandLine().getOut().println("Scenario order: random, seed " + chosen + " (repeat it with --order random --seed "
                    + chosen + ")");
        }
    }

    private static Properties readProfile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new KitError("cannot read the profile " + file + ": " + (Files.exists(file) ? "not a file" : "no such file"));
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new KitError("cannot read the profile " + file + ": " + e.getMessage(), e);
        }
        return p;
    }

    private static String firstNonBlank(String... values) {
        return Arrays.stream(values).filter(v -> v != null && !v.isBlank()).map(String::trim).findFirst().orElseThrow();
    }

    /** The run's options live in {@code kit.*} system properties; a later run in the same JVM must not inherit them. */
    private static Map<String, String> kitProperties() {
        Map<String, String> m = new HashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("kit.")) {
                m.put(k.toString(), v.toString());
            }
        });
        return m;
    }

    private static void restore(Map<String, String> before) {
        kitProperties().keySet().forEach(k -> {
            if (!before.containsKey(k)) {
                System.clearProperty(k);
            }
        });
        before.forEach(System::setProperty);
    }
}

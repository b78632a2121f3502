package earkit.kit.cli;

import earkit.kit.run.RunResult;
import earkit.kit.run.SuiteRunner;
import earkit.kit.run.Verdict;
import earkit.kit.spi.Targets;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kit run}: the conformance suite against a target, with a summary by requirement. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the conformance suite against a target and write the report directory.",
                "Exit status 0 only if every applicable MUST requirement passed (--strict: every requirement)."})
final class RunCommand implements Callable<Integer> {
    @Option(names = "--target", description = "Target name: reference (default), remote, or a profile under fixtures/targets/")
    String target;

    @Option(names = "--endpoint", description = "Endpoint of the target: URL for every service, or SERVICE=URL "
            + "(dynamodb, streams, kms, cloudtrail, control). Implies --target remote.")
    List<String> endpoints = new ArrayList<>();

    @Option(names = "--profile", description = "A target profile file (properties) instead of fixtures/targets/<name>/profile.properties")
    Path profile;

    @Option(names = "--capabilities", description = "Comma-separated capabilities the target offers (overrides its profile)")
    String capabilities;

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

    @Option(names = "--threads", description = "Scenarios run in parallel on N threads (default: ${DEFAULT-VALUE}); "
            + "scenarios that move the clock or read the KMS meter still run alone", defaultValue = "1")
    int threads;

    @Option(names = "--strict", description = "Anything that did not pass (not applicable, known deviations, SHOULDs) fails the run")
    boolean strict;

    @Override
    public Integer call() throws Exception {
        configure();
        PrintStream out = System.out;
        RunResult result = SuiteRunner.run(new SuiteRunner.Settings(tags, reportDir, strict, out, threads));
        printSummary(out, result);
        boolean ok = result.success(strict);
        out.println(ok ? "RESULT: conformant (" + (strict ? "strict" : "every applicable MUST passed") + ")"
                : "RESULT: not conformant");
        out.println("Reports: " + reportDir.toAbsolutePath());
        return ok ? 0 : 1;
    }

    private void configure() {
        if (!endpoints.isEmpty() && target == null) {
            target = "remote";
        }
        if (target != null) {
            System.setProperty(Targets.PROPERTY, target);
        }
        if (profile != null) {
            System.setProperty("kit.profile", profile.toString());
        }
        for (String e : endpoints) {
            int eq = e.indexOf('=');
            if (eq > 0 && !e.substring(0, eq).contains(":")) {
                String service = e.substring(0, eq);
                System.setProperty(service.equals("control") ? "kit.control" : "kit.endpoint." + service, e.substring(eq + 1));
            } else {
                System.setProperty("kit.endpoint", e);
            }
        }
        if (capabilities != null) {
            System.setProperty("kit.capabilities", capabilities);
        }
        if (accessKey != null) {
            System.setProperty("kit.access-key", accessKey);
            System.setProperty("kit.secret-key", secretKey == null ? "" : secretKey);
        }
        if (region != null) {
            System.setProperty("kit.region", region);
        }
    }

    private static void printSummary(PrintStream out, RunResult result) {
        out.println();
        out.println("Requirements:");
        for (Map.Entry<String, Verdict> e : result.verdicts().entrySet()) {
            String id = e.getKey();
            if (e.getValue() == Verdict.NOT_RUN) {
                continue;
            }
            long passed = result.scenarios().stream().filter(s -> s.requirements().contains(id)
                    && s.status() == earkit.kit.run.ScenarioOutcome.Status.PASSED).count();
            long all = result.scenarios().stream().filter(s -> s.requirements().contains(id)).count();
            out.printf("  %-12s %-6s %-16s %d/%d scenarios passed%n", id, result.levels().get(id), e.getValue(), passed, all);
        }
        out.printf("%d passed, %d failed, %d known deviations, %d not applicable, %d not run%n",
                result.with(Verdict.PASSED).size(), result.with(Verdict.FAILED).size(), result.with(Verdict.KNOWN_DEVIATION).size(),
                result.with(Verdict.NOT_APPLICABLE).size(), result.with(Verdict.NOT_RUN).size());
        if (!result.passingDeviations().isEmpty()) {
            out.println("Known deviations that now pass (update the deviation file): " + result.passingDeviations());
        }
    }
}

package earkit.kit.run;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import earkit.kit.spi.Capability;
import earkit.kit.spi.Target;
import earkit.kit.steps.KitRun;
import earkit.reports.Compliance;
import earkit.reports.ComplianceReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.commons.PreconditionViolationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the features through the JUnit Platform Launcher and the Cucumber engine, reports progress as
 * scenarios finish, and writes the report directory:
 * <pre>
 *   cucumber-messages.ndjson  cucumber.html  cucumber-junit.xml  cucumber.json   (Cucumber's own outputs)
 *   catalogue.json            (the requirement catalogue the run was checked against)
 *   run.json                  (target, capabilities, endpoints, kit version and commit, start and end, tags, strict,
 *                              SDK and HTTP client, SHA-256 of the catalogue, every feature and the profile)
 *   deviations.json           (the target's known deviations, when it has any)
 *   compliance.html  summary.json  compliance-junit.xml  summary.md   (the reports module's compliance reports)
 *   manifest.json             (the SHA-256 of every file above, for kit report --verify)
 * </pre>
 * The verdict it returns is the reports' own assessment of that directory: the console, the exit code and every
 * report come from the one {@link Compliance}. Before any scenario it checks what would make the run say nothing
 * about the target (unknown capabilities, a tag expression that selects nothing, a failed {@link Preflight}) and
 * throws a {@link KitError} instead.
 */
public final class SuiteRunner {
    public static final String VERSION = "0.1.0";
    /** The seed of a random scenario order ({@code kit run --order random}); absent, the order is the one written. */
    public static final String ORDER_SEED_PROPERTY = "kit.order.seed";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What to run: tag expression (may be null), report directory, strictness, where progress goes (may be null),
     * threads, the MUST requirements a conformant run must show to hold ({@code --min-judged}), and the target's
     * display name in the reports (null: the target's own). Threads 0: {@link ParallelRun#threads}'s choice.
     */
    public record Settings(String tags, Path reportDir, boolean strict, PrintStream progress, int threads, int minJudged,
                           String displayName) {
        public Settings(String tags, Path reportDir, boolean strict, PrintStream progress) {
            this(tags, reportDir, strict, progress, 1, 1, null);
        }
    }

    private SuiteRunner() {
    }

    public static Compliance run(Settings settings) throws IOException {
        byte[] catalogue = catalogue();
        Target target = target();
        requireKnownCapabilities(target);
        Path dir = settings.reportDir().toAbsolutePath();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("cucumber.glue", "earkit.kit.steps");
        config.put("cucumber.publish.quiet", "true");
        config.put("cucumber.plugin", String.join(",", "message:" + dir.resolve(ComplianceReport.MESSAGES),
                "html:" + dir.resolve("cucumber.html"), "junit:" + dir.resolve("cucumber-junit.xml"),
                "json:" + dir.resolve("cucumber.json")));
        String seed = System.getProperty(ORDER_SEED_PROPERTY);
        int threads = ParallelRun.threads(settings.threads(), target, seed != null);
        config.putAll(ParallelRun.configuration(threads));
        // A random order is Cucumber's to keep; only the order as written is rearranged.
        Optional<RealTimeFirst> realTimeFirst = threads > 1 && seed == null ? Optional.of(new RealTimeFirst()) : Optional.empty();
        if (seed != null) {
            config.put("cucumber.execution.order", "random");
            config.put("cucumber.execution.order.random.seed", seed);
        }
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("features"))
                .filters(EngineFilter.includeEngines("cucumber"))
                .configurationParameters(config);
        realTimeFirst.ifPresent(builder::filters);
        if (settings.tags() != null && !settings.tags().isBlank()) {
            // Filtering at discovery leaves unselected scenarios out of the plan instead of reporting them skipped.
            try {
                builder.filters(TagFilter.includeTags(junitTagExpression(settings.tags())));
            } catch (PreconditionViolationException e) {
                throw new KitError("the tag expression '" + settings.tags() + "' is not valid: " + e.getMessage());
            }
        }
        LauncherDiscoveryRequest request = builder.build();
        Launcher launcher = LauncherFactory.create();
        // Every feature of the suite, selected or not, for the hashes in run.json.
        LauncherDiscoveryRequestBuilder every = LauncherDiscoveryRequestBuilder.request().selectors(selectPackage("features"))
                .filters(EngineFilter.includeEngines("cucumber")).configurationParameters(config);
        realTimeFirst.ifPresent(every::filters);
        TestPlan allFeatures = launcher.discover(every.build());
        TestPlan plan;
        try {
            // Without tags the plan is every feature: parsing the features a second time would cost JVM start-up time.
            plan = settings.tags() == null || settings.tags().isBlank() ? allFeatures : launcher.discover(request);
        } catch (PreconditionViolationException e) {
            throw new KitError("the tag expression '" + settings.tags() + "' is not valid: " + e.getMessage());
        }
        if (plan.countTestIdentifiers(TestIdentifier::isTest) == 0) {
            throw new KitError(settings.tags() == null || settings.tags().isBlank() ? "no scenario found on the classpath"
                    : "the tag expression '" + settings.tags() + "' matches no scenario");
        }
        if (new Applicability(target, KitRun.deviations()).anyApplies(plan)) {
            // A run whose every scenario is skipped sends no request: nothing to check, and it ends inconclusive.
            Preflight.check(target);
        }

        Files.createDirectories(settings.reportDir());
        SdkRuns.clear(settings.reportDir());
        Files.write(settings.reportDir().resolve(ComplianceReport.CATALOGUE), catalogue);
        Files.deleteIfExists(settings.reportDir().resolve(ComplianceReport.DEVIATIONS));
        Instant start = Instant.now();
        launcher.execute(plan, new Progress(settings.progress(), displayName(settings, target)));
        Instant end = Instant.now();
        writeRunJson(settings, target, start, end, Provenance.of(allFeatures, catalogue, target, Provenance.profileFile()));
        Optional<byte[]> deviations = KitRun.deviationsFile();
        if (deviations.isPresent()) {
            Files.write(settings.reportDir().resolve(ComplianceReport.DEVIATIONS), deviations.get());
        }
        return ComplianceReport.write(settings.reportDir());
    }

    /** Whether the tag expression selects at least one scenario of the suite (discovery only, nothing runs). */
    public static boolean selectsAny(String tags) {
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request().selectors(selectPackage("features"))
                .filters(EngineFilter.includeEngines("cucumber")).configurationParameters(Map.of("cucumber.glue", "earkit.kit.steps"));
        try {
            builder.filters(TagFilter.includeTags(junitTagExpression(tags)));
            return LauncherFactory.create().discover(builder.build()).countTestIdentifiers(TestIdentifier::isTest) > 0;
        } catch (PreconditionViolationException e) {
            throw new KitError("the tag expression '" + tags + "' is not valid: " + e.getMessage());
        }
    }

    /** The target the {@code kit.*} properties describe; a profile or provider that cannot be read is a kit error. */
    private static Target target() {
        try {
            return KitRun.target();
        } catch (RuntimeException e) {
            throw new KitError(e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** A misspelt capability would silently make its scenarios "not applicable": refuse it. */
    static void requireKnownCapabilities(Target target) {
        Set<String> unknown = new TreeSet<>();
        for (String c : target.capabilities()) {
            if (Capability.byWireName(c).isEmpty()) {
                unknown.add(c);
            }
        }
        if (!unknown.isEmpty()) {
            throw new KitError("unknown capabilit" + (unknown.size() == 1 ? "y " : "ies ") + String.join(", ", unknown)
                    + " of target '" + target.name() + "'; known: " + Capability.known());
        }
    }

    private static byte[] catalogue() {
        try (InputStream in = SuiteRunner.class.getClassLoader().getResourceAsStream("features/catalogue.json")) {
            if (in == null) {
                throw new KitError("features/catalogue.json is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new KitError("cannot read features/catalogue.json: " + e.getMessage(), e);
        }
    }

    /** A Cucumber tag expression ({@code @a and not (@b or @c)}) in JUnit's syntax ({@code a & !(b | c)}). */
    static String junitTagExpression(String cucumber) {
        return cucumber.replace("@", "").replaceAll("\\band\\b", "&").replaceAll("\\bor\\b", "|")
                .replaceAll("\\bnot\\b\\s*", "!");
    }

    private static String displayName(Settings settings, Target target) {
        return settings.displayName() == null || settings.displayName().isBlank() ? target.name() : settings.displayName();
    }

    private static void writeRunJson(Settings settings, Target target, Instant start, Instant end,
                                     Map<String, Object> provenance) throws IOException {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("target", displayName(settings, target));
        run.put("capabilities", new TreeSet<>(target.capabilities()));
        run.put("endpoints", new TreeMap<>(target.describe()));
        run.put("kitVersion", VERSION);
        run.put("start", start.toString());
        run.put("end", end.toString());
        run.put("tags", Optional.ofNullable(settings.tags()).orElse(""));
        run.put("strict", settings.strict());
        run.put("minJudged", Math.max(1, settings.minJudged()));
        run.putAll(provenance);
        JSON.writeValue(settings.reportDir().resolve(ComplianceReport.RUN).toFile(), run);
    }

    /** Prints one line per finished scenario with a running count. */
    private static final class Progress implements TestExecutionListener {
        private final PrintStream out;
        private final String target;
        private final AtomicInteger done = new AtomicInteger();
        private long total;

        Progress(PrintStream out, String target) {
            this.out = out;
            this.target = target;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan plan) {
            total = plan.countTestIdentifiers(TestIdentifier::isTest);
            print("Running " + total + " scenarios against target '" + target + "'");
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                line(id, "NOT_APPLICABLE", reason);
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest()) {
                return;
            }
            String message = result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse(null);
            String status = switch (result.getStatus()) {
                case SUCCESSFUL -> "PASSED";
                case ABORTED -> "NOT_APPLICABLE";
                // The reports' words for what the suite threw: the target's fault or the kit's own, never a failed check.
                case FAILED -> message == null ? "FAILED" : message.startsWith("[TARGET ERROR]") ? "TARGET_ERROR"
                        : message.startsWith("[KIT ERROR]") ? "KIT_ERROR" : "FAILED";
            };
            line(id, status, message);
        }

        private void line(TestIdentifier id, String status, String message) {
            String text = String.format("[%d/%d] %-14s %s", done.incrementAndGet(), total, status, id.getDisplayName());
            if (!"PASSED".equals(status) && message != null) {
                text += System.lineSeparator() + "        "
                        + message.replaceFirst("^Assumption failed: ", "").lines().findFirst().orElse("");
            }
            print(text);
        }

        private void print(String line) {
            if (out != null) {
                out.println(line);
                out.flush();
            }
        }
    }
}

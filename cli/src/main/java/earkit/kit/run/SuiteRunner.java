package earkit.kit.run;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import earkit.kit.steps.KitRun;
import earkit.kit.spi.Target;
import earkit.reports.ComplianceReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the features through the JUnit Platform Launcher and the Cucumber engine, reports progress as
 * scenarios finish, and writes the report directory:
 * <pre>
 *   cucumber-messages.ndjson  cucumber.html  cucumber-junit.xml  cucumber.json   (Cucumber's own outputs)
 *   catalogue.json            (the requirement catalogue the run was checked against)
 *   run.json                  (target, capabilities, endpoints, kit version, start and end, tags, strict)
 *   deviations.json           (the target's known deviations, when it has any)
 *   compliance.html  summary.json  compliance-junit.xml  summary.md   (the reports module's compliance reports)
 * </pre>
 */
public final class SuiteRunner {
    public static final String VERSION = "0.1.0";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What to run: tag expression (may be null), report directory, strictness. */
    public record Settings(String tags, Path reportDir, boolean strict, PrintStream progress, int threads) {
        public Settings(String tags, Path reportDir, boolean strict, PrintStream progress) {
            this(tags, reportDir, strict, progress, 1);
        }
    }

    private SuiteRunner() {
    }

    public static RunResult run(Settings settings) throws IOException {
        Files.createDirectories(settings.reportDir());
        Catalogue catalogue = Catalogue.load();
        Files.write(settings.reportDir().resolve("catalogue.json"), catalogue.json());
        Target target = KitRun.target();
        Instant start = Instant.now();
        KitRun.PASSING_DEVIATIONS.clear();

        Path dir = settings.reportDir().toAbsolutePath();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("cucumber.glue", "earkit.kit.steps");
        config.put("cucumber.publish.quiet", "true");
        config.put("cucumber.plugin", String.join(",", "message:" + dir.resolve("cucumber-messages.ndjson"),
                "html:" + dir.resolve("cucumber.html"), "junit:" + dir.resolve("cucumber-junit.xml"),
                "json:" + dir.resolve("cucumber.json")));
        config.putAll(ParallelRun.configuration(settings.threads(), catalogue.levels().keySet()));
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("features"))
                .filters(EngineFilter.includeEngines("cucumber"))
                .configurationParameters(config);
        if (settings.tags() != null && !settings.tags().isBlank()) {
            // Filtering at discovery leaves unselected scenarios out of the plan instead of reporting them skipped.
            builder.filters(TagFilter.includeTags(junitTagExpression(settings.tags())));
        }
        LauncherDiscoveryRequest request = builder.build();
        Progress listener = new Progress(settings.progress());
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, listener);

        RunResult result = RunResult.of(listener.outcomes, catalogue, KitRun.deviations());
        Instant end = Instant.now();
        writeRunJson(settings, target, start, end);
        Optional<byte[]> deviations = KitRun.deviationsFile();
        if (deviations.isPresent()) {
            Files.write(settings.reportDir().resolve(ComplianceReport.DEVIATIONS), deviations.get());
        }
        ComplianceReport.write(settings.reportDir());
        return result;
    }

    /** A Cucumber tag expression ({@code @a and not (@b or @c)}) in JUnit's syntax ({@code a & !(b | c)}). */
    static String junitTagExpression(String cucumber) {
        return cucumber.replace("@", "").replaceAll("\\band\\b", "&").replaceAll("\\bor\\b", "|")
                .replaceAll("\\bnot\\b\\s*", "!");
    }

    private static void writeRunJson(Settings settings, Target target, Instant start, Instant end) throws IOException {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("target", target.name());
        run.put("capabilities", new TreeSet<>(target.capabilities()));
        run.put("endpoints", target.describe());
        run.put("kitVersion", VERSION);
        run.put("start", start.toString());
        run.put("end", end.toString());
        run.put("tags", Optional.ofNullable(settings.tags()).orElse(""));
        run.put("strict", settings.strict());
        JSON.writeValue(settings.reportDir().resolve("run.json").toFile(), run);
    }

    /** Prints one line per finished scenario with a running count, and keeps every outcome. */
    private static final class Progress implements TestExecutionListener {
        private final PrintStream out;
        private final List<ScenarioOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger done = new AtomicInteger();
        private long total;

        Progress(PrintStream out) {
            this.out = out;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan plan) {
            total = plan.countTestIdentifiers(TestIdentifier::isTest);
            print("Running " + total + " scenarios against target '" + KitRun.target().name() + "'");
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                record(id, ScenarioOutcome.Status.NOT_APPLICABLE, reason);
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest()) {
                return;
            }
            String message = result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse(null);
            if (result.getStatus() == TestExecutionResult.Status.FAILED && message != null && !message.contains("EAR-")) {
                // Unexpected errors (an SDK exception, say) get the scenario's requirements, like assertion failures.
                message = id.getTags().stream().map(TestTag::getName).filter(t -> t.startsWith("EAR-")).sorted()
                        .collect(Collectors.joining(", ", "[", "] ")) + message;
            }
            ScenarioOutcome.Status status = switch (result.getStatus()) {
                case SUCCESSFUL -> ScenarioOutcome.Status.PASSED;
                case ABORTED -> ScenarioOutcome.Status.NOT_APPLICABLE;
                case FAILED -> ScenarioOutcome.Status.FAILED;
            };
            record(id, status, message);
        }

        private void record(TestIdentifier id, ScenarioOutcome.Status status, String message) {
            Set<String> tags = id.getTags().stream().map(TestTag::getName).collect(Collectors.toCollection(TreeSet::new));
            String source = id.getSource().filter(ClasspathResourceSource.class::isInstance)
                    .map(s -> ((ClasspathResourceSource) s).getClasspathResourceName()).orElse("");
            outcomes.add(new ScenarioOutcome(id.getDisplayName(), source, status, message, tags));
            String line = String.format("[%d/%d] %-14s %s", done.incrementAndGet(), total, status, id.getDisplayName());
            if (status != ScenarioOutcome.Status.PASSED && message != null) {
                line += System.lineSeparator() + "        " + message.lines().findFirst().orElse("");
            }
            print(line);
        }

        private void print(String line) {
            if (out != null) {
                out.println(line);
                out.flush();
            }
        }
    }
}

package earkit.reports;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import earkit.reports.Compliance.RequirementResult;
import earkit.reports.Compliance.SentenceTrace;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * compliance.html: one self-contained page (styles, data and chart library inline) that opens offline.
 *
 * <p>The chart is drawn by Chart.js, whose UMD build comes from the WebJars packaging of the npm package
 * {@code chart.js} (version pinned in the parent POM) and is inlined with its MIT licence notice. Chosen over a
 * server-side renderer such as JFreeChart because it needs no fonts or AWT on the machine that builds the report,
 * it is the most widely used charting library for HTML, and the reader gets tooltips; the same numbers stand in a
 * table beside the chart for readers without JavaScript.
 */
final class HtmlReport {
    private static final String WEBJAR = "META-INF/resources/webjars/chart.js/";
    private static final Mustache TEMPLATE = new DefaultMustacheFactory("earkit/reports")
            .compile("compliance.html.mustache");
    /** JSON placed inside a script element must not contain "</script>" or "<!--". */
    private static final ObjectMapper SCRIPT_JSON = JsonMapper.builder().build();

    static {
        SCRIPT_JSON.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    }

    private HtmlReport() {
    }

    static String render(Compliance compliance) {
        StringWriter out = new StringWriter();
        TEMPLATE.execute(out, new View(compliance));
        return out.toString();
    }

    record Badge(String code, String label, String shortLabel) {
        static Badge of(RequirementStatus status) {
            return new Badge(status.code(), status.label(), status.shortLabel());
        }
    }

    record Endpoint(String name, String url) {
    }

    /** A requirement that decides the verdict, linked to its detail. */
    record Culprit(String id, String level, Badge status) {
    }

    record Tile(Badge status, int count) {
    }

    record AreaRow(String area, int total, List<Integer> counts) {
    }

    record ScenarioLine(String name, String example, String location, Badge status) {
    }

    record MatrixRow(boolean first, int rowspan, SentenceTrace sentence, String id, String level, String statement,
                     Badge status, boolean hasDetail, List<ScenarioLine> scenarios) {
    }

    record MatrixGroup(SentenceTrace sentence, boolean context, boolean untraced, List<MatrixRow> rows) {
    }

    record FailureDetail(String name, String example, String location, String failedStep, String expected,
                         String observed, boolean hasValues, String message, List<String> log,
                         RequestHistoryTable.View history) {
        public String logLabel() {
            return log.size() == 1 ? "1 line" : log.size() + " lines";
        }

        public boolean hasLog() {
            return !log.isEmpty();
        }
    }

    record RequirementDetail(String id, String level, String statement, String area, Badge status, String reason,
                             List<FailureDetail> scenarios) {
    }

    /** What the template reads; everything it shows is computed here, the template only lays it out. */
    static final class View {
        final Compliance compliance;
        final Compliance.Run run;
        final Compliance.Verdict verdict;
        final boolean passed;
        final String started;
        final String finished;
        final String duration;
        final List<Endpoint> endpoints = new ArrayList<>();
        /** Feature file and SHA-256, in the same name/value shape as the endpoints. */
        final List<Endpoint> features = new ArrayList<>();
        final int featureCount;
        final boolean hasFeatures;
        final String profilePath;
        final String profileHash;
        final List<Tile> tiles = new ArrayList<>();
        final List<Badge> statuses = new ArrayList<>();
        final List<AreaRow> areas = new ArrayList<>();
        final List<MatrixGroup> matrix = new ArrayList<>();
        final List<RequirementDetail> failures = new ArrayList<>();
        final List<RequirementDetail> notApplicable = new ArrayList<>();
        final List<RequirementDetail> flagged = new ArrayList<>();
        final List<RequirementDetail> notReached = new ArrayList<>();
        final List<RequirementDetail> notRun = new ArrayList<>();
        final List<String> warnings;
        /** The SDK columns of a {@code kit run --sdk}; null for a run through the kit's own SDK alone. */
        final SdkMatrix.Table sdks;
        final String chartData;
        final int chartHeight;
        final String chartVersion;
        final String chartScript;
        final String chartLicence;
        final int requirementCount;
        final boolean hasReasons;
        final List<Culprit> culprits = new ArrayList<>();
        final boolean noScenario;
        final boolean hasCapabilities;
        boolean hasFailures;
        boolean hasNotApplicable;
        boolean hasFlagged;
        boolean hasNotReached;
        boolean hasNotRun;
        final boolean hasWarnings;

        View(Compliance compliance) {
            this.compliance = compliance;
            this.run = compliance.run();
            this.verdict = compliance.verdict();
            this.passed = verdict.passed();
            this.started = Presentation.dateTime(run.startedAt());
            this.finished = Presentation.dateTime(run.finishedAt());
            this.duration = Presentation.duration(run.durationSeconds());
            this.warnings = compliance.warnings();
            this.sdks = compliance.sdks() == null ? null : SdkMatrix.table(compliance);
            this.requirementCount = compliance.requirements().size();
            this.hasReasons = !verdict.reasons().isEmpty();
            this.noScenario = run.scenarios() == 0;
            for (RequirementResult r : compliance.requirements()) {
                boolean mustFailed = "MUST".equals(r.level())
                        && (r.status() == RequirementStatus.FAILED || r.status() == RequirementStatus.TARGET_ERROR);
                boolean strictMiss = verdict.strict() && r.status() != RequirementStatus.PASSED
                        && r.status() != RequirementStatus.NOT_RUN;
                if (mustFailed || strictMiss) {
                    culprits.add(new Culprit(r.id(), r.level(), Badge.of(r.status())));
                }
            }
            this.hasCapabilities = run.capabilities() != null && !run.capabilities().isEmpty();
            this.hasWarnings = !warnings.isEmpty();
            run.endpoints().forEach((name, url) -> endpoints.add(new Endpoint(name, url)));
            if (run.featureSha256() != null) {
                run.featureSha256().forEach((name, hash) -> features.add(new Endpoint(name, hash)));
            }
            this.featureCount = features.size();
            this.hasFeatures = !features.isEmpty();
            this.profilePath = run.profile() == null ? null : run.profile().get("path");
            this.profileHash = run.profile() == null ? null : run.profile().get("sha256");
            for (RequirementStatus status : RequirementStatus.values()) {
                statuses.add(Badge.of(status));
                tiles.add(new Tile(Badge.of(status), compliance.counts().getOrDefault(status.code(), 0)));
            }
            compliance.areas().forEach(area -> areas.add(new AreaRow(Presentation.area(area.area()), area.total(),
                    Arrays.stream(RequirementStatus.values()).map(s -> area.counts().getOrDefault(s.code(), 0)).toList())));
            buildMatrix();
            buildDetails();
            hasFailures = !failures.isEmpty();
            hasNotApplicable = !notApplicable.isEmpty();
            hasFlagged = !flagged.isEmpty();
            hasNotReached = !notReached.isEmpty();
            hasNotRun = !notRun.isEmpty();
            this.chartData = chartData(compliance);
            this.chartHeight = 90 + 44 * Math.max(1, compliance.areas().size());
            String version = chartJsVersion();
            this.chartVersion = version;
            this.chartScript = resource(WEBJAR + version + "/dist/chart.umd.min.js").replace("</script", "<\\/script");
            this.chartLicence = resource(WEBJAR + version + "/LICENSE.md").replace("*/", "* /");
        }

        private void buildMatrix() {
            Map<String, RequirementResult> byId = new LinkedHashMap<>();
            compliance.requirements().forEach(r -> byId.put(r.id(), r));
            Set<String> traced = new LinkedHashSet<>();
            for (SentenceTrace sentence : compliance.sentences()) {
                List<RequirementResult> requirements = sentence.requirements().stream().map(byId::get)
                        .filter(r -> r != null).toList();
                traced.addAll(sentence.requirements());
                matrix.add(new MatrixGroup(sentence, requirements.isEmpty() && sentence.context() != null,
                        requirements.isEmpty() && sentence.context() == null, rows(sentence, requirements)));
            }
            List<RequirementResult> orphans = compliance.requirements().stream()
                    .filter(r -> !traced.contains(r.id())).toList();
            if (!orphans.isEmpty()) {
                SentenceTrace none = new SentenceTrace("—", null, "Requirements that cite no seed sentence",
                        orphans.stream().map(RequirementResult::id).toList(), null);
                matrix.add(new MatrixGroup(none, false, false, rows(none, orphans)));
            }
        }

        private List<MatrixRow> rows(SentenceTrace sentence, List<RequirementResult> requirements) {
            List<MatrixRow> rows = new ArrayList<>();
            for (Iterator<RequirementResult> it = requirements.iterator(); it.hasNext(); ) {
                RequirementResult r = it.next();
                // What each scenario showed of this requirement: a scenario stopped at another's check did not reach it.
                List<ScenarioLine> lines = r.scenarios().stream().map(s -> new ScenarioLine(s.name(), s.example(),
                        s.location(), Badge.of(s.judgementOf(r.id())))).toList();
                rows.add(new MatrixRow(rows.isEmpty(), requirements.size(), sentence, r.id(), r.level(),
                        r.statement(), Badge.of(r.status()), r.status() != RequirementStatus.PASSED, lines));
            }
            return rows;
        }

        private void buildDetails() {
            for (RequirementResult r : compliance.requirements()) {
                List<FailureDetail> details = r.failingScenarios().stream().map(View::failure).toList();
                RequirementDetail detail = new RequirementDetail(r.id(), r.level(), r.statement(), Presentation.area(r.area()),
                        Badge.of(r.status()), r.reason(), details);
                switch (r.status()) {
                    case FAILED, KNOWN_DEVIATION, TARGET_ERROR, KIT_ERROR -> failures.add(detail);
                    case NOT_APPLICABLE -> notApplicable.add(detail);
                    case NOT_REACHED -> notReached.add(detail);
                    case FLAGGED_DEVIATION -> flagged.add(detail);
                    case NOT_RUN -> notRun.add(detail);
                    default -> { }
                }
            }
        }

        private static FailureDetail failure(ScenarioResult s) {
            return new FailureDetail(s.name(), s.example(), s.location(), s.failedStep(), s.expected(), s.observed(),
                    s.expected() != null || s.observed() != null, s.message(),
                    s.log() == null ? List.of() : s.log(), RequestHistoryTable.view(s.requestHistory()));
        }
    }

    private static String chartData(Compliance compliance) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("labels", compliance.areas().stream().map(a -> Presentation.area(a.area())).toList());
        List<Map<String, Object>> datasets = new ArrayList<>();
        for (RequirementStatus status : RequirementStatus.values()) {
            List<Integer> counts = compliance.areas().stream()
                    .map(a -> a.counts().getOrDefault(status.code(), 0)).toList();
            if (counts.stream().anyMatch(c -> c > 0)) {
                datasets.add(Map.of("label", status.label(), "data", counts, "color", Presentation.colour(status)));
            }
        }
        data.put("datasets", datasets);
        try {
            return SCRIPT_JSON.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String chartJsVersion() {
        Properties properties = new Properties();
        try (InputStream in = resourceStream("META-INF/maven/org.webjars.npm/chart.js/pom.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static String resource(String name) {
        try (InputStream in = resourceStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resourceStream(String name) {
        InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing on the classpath: " + name + " (the chart.js WebJar)");
        }
        return in;
    }

    /** Escapes the characters that could end a script element early. */
    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private final int[] escapes;

        HtmlSafeEscapes() {
            escapes = standardAsciiEscapesForJSON();
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}

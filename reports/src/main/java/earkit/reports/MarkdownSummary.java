package earkit.reports;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import earkit.reports.Compliance.RequirementResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** summary.md: the run in Markdown, for a pull request comment or an audit file. */
final class MarkdownSummary {
    private static final Mustache TEMPLATE = new MarkdownMustacheFactory().compile("summary.md.mustache");

    private MarkdownSummary() {
    }

    static String render(Compliance compliance) {
        StringWriter out = new StringWriter();
        TEMPLATE.execute(out, new View(compliance));
        return out.toString();
    }

    record Count(String label, int count) {
    }

    record AreaLine(String area, int total, List<Integer> counts) {
    }

    record Failure(String name, String example, String location, String failedStep, String expected, String observed,
                   String firstLine) {
    }

    record Line(String id, String level, String area, String statement, String status, String reason,
                int scenarios, List<Failure> failures) {
    }

    static final class View {
        final Compliance.Run run;
        final Compliance.Verdict verdict;
        final String word;
        final String started;
        final String duration;
        final String endpoints;
        final List<Count> counts = new ArrayList<>();
        final List<String> statusLabels = Arrays.stream(RequirementStatus.values()).map(RequirementStatus::label).toList();
        final List<AreaLine> areas = new ArrayList<>();
        final List<Line> failures = new ArrayList<>();
        final List<Line> others = new ArrayList<>();
        final List<Line> all = new ArrayList<>();
        final boolean hasFailures;
        final boolean hasOthers;
        final List<String> warnings;
        final boolean hasWarnings;
        /** The SDK columns of a {@code kit run --sdk}; null for a run through the kit's own SDK alone. */
        final SdkMatrix.Table sdks;

        View(Compliance compliance) {
            sdks = compliance.sdks() == null ? null : SdkMatrix.table(compliance);
            run = compliance.run();
            verdict = compliance.verdict();
            word = verdict.word();
            started = Presentation.dateTime(run.startedAt());
            duration = Presentation.duration(run.durationSeconds());
            endpoints = run.endpoints().isEmpty() ? "none recorded"
                    : String.join(", ", run.endpoints().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
            for (RequirementStatus status : RequirementStatus.values()) {
                counts.add(new Count(status.label(), compliance.counts().getOrDefault(status.code(), 0)));
            }
            compliance.areas().forEach(a -> areas.add(new AreaLine(Presentation.area(a.area()), a.total(),
                    Arrays.stream(RequirementStatus.values()).map(s -> a.counts().getOrDefault(s.code(), 0)).toList())));
            for (RequirementResult r : compliance.requirements()) {
                List<Failure> failed = r.failingScenarios().stream()
                        .map(s -> new Failure(s.name(), s.example(), s.location(), s.failedStep(), s.expected(),
                                s.observed(), Assessor.firstLine(s.message()))).toList();
                Line line = new Line(r.id(), r.level(), Presentation.area(r.area()), r.statement(), r.status().label(), r.reason(),
                        r.scenarios().size(), failed);
                all.add(line);
                switch (r.status()) {
                    case FAILED, KNOWN_DEVIATION, TARGET_ERROR, KIT_ERROR -> failures.add(line);
                    case NOT_APPLICABLE, NOT_REACHED, FLAGGED_DEVIATION, NOT_RUN -> others.add(line);
                    default -> { }
                }
            }
            hasFailures = !failures.isEmpty();
            hasOthers = !others.isEmpty();
            warnings = compliance.warnings();
            hasWarnings = !warnings.isEmpty();
        }
    }

    /** Escapes what would break a Markdown table or be read as HTML; keeps each value on one line. */
    private static final class MarkdownMustacheFactory extends DefaultMustacheFactory {
        MarkdownMustacheFactory() {
            super("earkit/reports");
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                        .replace("`", "\\`").replace("*", "\\*").replace("_", "\\_").replaceAll("\\s*\\R\\s*", " "));
            } catch (IOException e) {
                throw new MustacheException("cannot write the Markdown summary", e);
            }
        }
    }
}

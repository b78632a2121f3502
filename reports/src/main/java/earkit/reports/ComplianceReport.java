package earkit.reports;

import earkit.kit.spi.Deviation;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The compliance reports of one run. A report directory holds what {@code ./kit run} leaves
 * ({@value #MESSAGES}, {@value #CATALOGUE}, {@value #RUN}, optionally {@value #DEVIATIONS}); {@link #write(Path)}
 * adds {@value #HTML}, {@value #SUMMARY}, {@value #JUNIT} and {@value #MARKDOWN} beside them, and last the directory's
 * {@link Manifest}.
 */
public final class ComplianceReport {
    public static final String MESSAGES = "cucumber-messages.ndjson";
    public static final String CATALOGUE = "catalogue.json";
    public static final String RUN = "run.json";
    public static final String DEVIATIONS = "deviations.json";
    public static final String HTML = "compliance.html";
    public static final String SUMMARY = "summary.json";
    public static final String JUNIT = "compliance-junit.xml";
    public static final String MARKDOWN = "summary.md";

    private ComplianceReport() {
    }

    /** Assesses the run in {@code reportDir} (with its SDK runs' columns, {@link SdkMatrix}) and writes the four reports there. */
    public static Compliance write(Path reportDir) {
        Compliance compliance = SdkMatrix.withColumns(reportDir, assess(reportDir));
        try {
            Json.MAPPER.writeValue(reportDir.resolve(SUMMARY).toFile(), compliance);
            Files.writeString(reportDir.resolve(HTML), HtmlReport.render(compliance));
            Files.writeString(reportDir.resolve(MARKDOWN), MarkdownSummary.render(compliance));
            JunitXml.write(compliance, reportDir.resolve(JUNIT));
            Manifest.write(reportDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports into " + reportDir, e);
        }
        return compliance;
    }

    /** The verdict and one line per requirement, for the terminal at the end of a run. */
    public static String terminalSummary(Compliance compliance) {
        StringBuilder text = new StringBuilder();
        for (Compliance.RequirementResult r : compliance.requirements()) {
            if (r.status() == RequirementStatus.NOT_RUN) {
                continue;
            }
            text.append(String.format(java.util.Locale.ROOT, "  %-17s %-14s %-6s %s%n", r.status().code(), r.id(),
                    r.level(), r.statement()));
        }
        compliance.counts().forEach((status, count) -> {
            if (count > 0) {
                text.append(count).append(' ').append(status).append("  ");
            }
        });
        text.append(System.lineSeparator());
        text.append(String.format(java.util.Locale.ROOT, "RESULT: %s: %s%n", compliance.verdict().word(),
                compliance.verdict().headline()));
        compliance.verdict().reasons().forEach(reason -> text.append("  ").append(reason).append(System.lineSeparator()));
        if (compliance.sdks() != null) {
            compliance.sdks().forEach(c -> text.append(String.format(java.util.Locale.ROOT, "  through %-22s %s (%s %s)%n", c.sdk(),
                    c.verdict().toUpperCase(java.util.Locale.ROOT).replace('-', ' '), c.name(), c.version())));
        }
        return text.toString();
    }

    /** Assesses the run in {@code reportDir} from Cucumber's messages, the catalogue and the target's deviations. */
    public static Compliance assess(Path reportDir) {
        Path messages = require(reportDir, MESSAGES);
        Path catalogue = require(reportDir, CATALOGUE);
        try {
            RunInfo run = Files.exists(reportDir.resolve(RUN))
                    ? Json.MAPPER.readValue(reportDir.resolve(RUN).toFile(), RunInfo.class) : null;
            List<Deviation> deviations = Files.exists(reportDir.resolve(DEVIATIONS))
                    ? deviations(Json.MAPPER.readTree(reportDir.resolve(DEVIATIONS).toFile())) : List.of();
            return Assessor.assess(run, Json.MAPPER.readValue(catalogue.toFile(), Catalogue.class), deviations,
                    CucumberMessages.read(messages), SeedSentences.bundled());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run in " + reportDir, e);
        }
    }

    /** A bare list, or the target's deviations file as it is ({@code {"target": …, "deviations": [...]}}). */
    private static List<Deviation> deviations(JsonNode file) throws IOException {
        JsonNode list = file.isArray() ? file : file.path("deviations");
        return Json.MAPPER.readerFor(new TypeReference<List<Deviation>>() { }).readValue(list);
    }

    /**
     * The run's summary.json as written before, so that runs of older catalogues compare as they were; assessed
     * afresh where there is none in this format.
     */
    public static Compliance read(Path reportDir) {
        Path summary = reportDir.resolve(SUMMARY);
        try {
            if (!Files.exists(summary) || !Json.MAPPER.readTree(summary.toFile()).has("schemaVersion")) {
                return assess(reportDir);
            }
            return Json.MAPPER.readValue(summary.toFile(), Compliance.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + summary, e);
        }
    }

    private static Path require(Path reportDir, String name) {
        Path file = reportDir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(reportDir + " holds no " + name + ": is it a report directory of ./kit run?");
        }
        return file;
    }
}

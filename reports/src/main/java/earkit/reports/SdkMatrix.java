package earkit.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import earkit.reports.Compliance.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A run through several AWS SDKs ({@code kit run --sdk}): the kit's own run in the report directory, and one run
 * per further SDK in {@value #DIR}{@code /<sdk>/}, each a report directory of its own with {@value #SDK_FILE} (the
 * SDK's name, version, runtime and HTTP configuration) beside it. Each SDK is a column of the report; the verdict
 * is the worst across them, since a requirement that fails through any SDK fails.
 */
public final class SdkMatrix {
    public static final String DIR = "sdk";
    public static final String SDK_FILE = "sdk.json";

    private SdkMatrix() {
    }

    /**
     * One SDK's column: who it is, its run's verdict, each requirement's status through it (requirements its run did
     * not select are left out), why, for a requirement whose status through it has a reason (not applicable through this
     * SDK, wholly or for some scenarios; failed), and the KMS Decrypt calls measured, when measured.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Column(String sdk, String name, String version, String runtime, String http, String verdict,
                         Map<String, String> requirements, Map<String, String> reasons, KmsCost kmsCost) {
        public RequirementStatus status(String requirement) {
            String code = requirements.get(requirement);
            return code == null ? RequirementStatus.NOT_RUN : RequirementStatus.byCode(code);
        }
    }

    /**
     * KMS Decrypt calls that {@code operations} GetItem calls through this SDK caused (the target's audit), against
     * the documented one per connection per five minutes of active traffic (S45-S49); {@code advice}, present when the
     * calls exceed that, says whose it is: the SDK's configuration (what to change, in the SDK's terms) or the target's.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KmsCost(int operations, int decryptCalls, int expectedAtMost, String advice) {
    }

    /** The run in {@code reportDir} with the columns of its SDK runs, if it has any; as it is otherwise. */
    static Compliance withColumns(Path reportDir, Compliance base) {
        Path dir = reportDir.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return base;
        }
        List<Column> columns = new ArrayList<>();
        try (Stream<Path> runs = Files.list(dir)) {
            for (Path run : runs.filter(p -> Files.isRegularFile(p.resolve(SDK_FILE))).sorted().toList()) {
                columns.add(column(run));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SDK runs in " + dir, e);
        }
        if (columns.isEmpty()) {
            return base;
        }
        return new Compliance(base.schemaVersion(), base.run(), worst(base.verdict(), columns), base.counts(), base.areas(),
                base.requirements(), base.sentences(), base.warnings(), columns);
    }

    private static Column column(Path run) throws IOException {
        JsonNode sdk = Json.MAPPER.readTree(run.resolve(SDK_FILE).toFile());
        Compliance c = ComplianceReport.assess(run);
        Map<String, String> statuses = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        c.requirements().stream().filter(r -> r.status() != RequirementStatus.NOT_RUN).forEach(r -> {
            statuses.put(r.id(), r.status().code());
            if (r.reason() != null && !r.reason().isBlank()) {
                reasons.put(r.id(), r.reason());
            }
        });
        KmsCost cost = sdk.hasNonNull("kmsCost") ? Json.MAPPER.treeToValue(sdk.get("kmsCost"), KmsCost.class) : null;
        return new Column(sdk.path("sdk").asText(), sdk.path("name").asText(), sdk.path("version").asText(),
                sdk.path("runtime").asText(), sdk.path("http").asText(), c.verdict().result(), statuses,
                reasons.isEmpty() ? null : reasons, cost);
    }

    /**
     * A kit error if the kit failed in its own run or any SDK's (no verdict at all); else not conformant if the kit's run
     * or any SDK's is; else inconclusive if any is; else conformant.
     */
    static Verdict worst(Verdict base, List<Column> columns) {
        List<String> kitFailed = columns.stream().filter(c -> Verdict.KIT_ERROR.equals(c.verdict())).map(Column::sdk).toList();
        if (Verdict.KIT_ERROR.equals(base.result()) || !kitFailed.isEmpty()) {
            List<String> reasons = new ArrayList<>(base.reasons());
            columns.forEach(c -> c.requirements().forEach((id, status) -> {
                if (RequirementStatus.byCode(status) == RequirementStatus.KIT_ERROR) {
                    reasons.add(id + " kit error through " + c.sdk() + ": the SDK's driver failed, nothing was judged");
                }
            }));
            String headline = Verdict.KIT_ERROR.equals(base.result()) ? base.headline()
                    : "the kit's driver of " + String.join(", ", kitFailed) + " failed: no verdict on the target.";
            return new Verdict(Verdict.KIT_ERROR, base.strict(), headline, reasons, base.judged(), base.minJudged());
        }
        List<String> failing = columns.stream().filter(c -> Verdict.NOT_CONFORMANT.equals(c.verdict())).map(Column::sdk).toList();
        List<String> inconclusive = columns.stream().filter(c -> Verdict.INCONCLUSIVE.equals(c.verdict())).map(Column::sdk).toList();
        if (Verdict.NOT_CONFORMANT.equals(base.result()) || !failing.isEmpty()) {
            List<String> reasons = new ArrayList<>(base.reasons());
            for (Column c : columns) {
                c.requirements().forEach((id, status) -> {
                    RequirementStatus s = RequirementStatus.byCode(status);
                    if (s == RequirementStatus.FAILED || s == RequirementStatus.TARGET_ERROR) {
                        reasons.add(id + " " + s.label().toLowerCase(java.util.Locale.ROOT) + " through " + c.sdk());
                    }
                });
            }
            String headline = Verdict.NOT_CONFORMANT.equals(base.result()) ? base.headline()
                    : "a requirement failed through " + String.join(", ", failing);
            return new Verdict(Verdict.NOT_CONFORMANT, base.strict(), headline, reasons, base.judged(), base.minJudged());
        }
        if (Verdict.INCONCLUSIVE.equals(base.result()) || !inconclusive.isEmpty()) {
            String headline = Verdict.INCONCLUSIVE.equals(base.result()) ? base.headline()
                    : "too little was judged through " + String.join(", ", inconclusive);
            return new Verdict(Verdict.INCONCLUSIVE, base.strict(), headline, base.reasons(), base.judged(), base.minJudged());
        }
        return base;
    }

    /** The SDK columns as the HTML and Markdown reports lay them out; built once so that both show the same. */
    record Table(List<Header> headers, List<Row> rows, List<Note> notes, List<CostRow> costs) {
        public boolean hasCosts() {
            return !costs.isEmpty();
        }

        public boolean hasNotes() {
            return !notes.isEmpty();
        }
    }

    /** Why a requirement has its status through one SDK: not applicable there (the tool cannot say a request, ...). */
    record Note(String sdk, String id, String label, String reason) {
    }

    record Header(String sdk, String name, String version, String runtime, String http, String verdict) {
    }

    record Row(String id, List<Cell> cells) {
    }

    record Cell(String code, String label, String reason) {
        static Cell of(RequirementStatus s, String reason) {
            return new Cell(s.code(), s.label(), reason);
        }
    }

    record CostRow(String sdk, String http, int operations, int decryptCalls, int expectedAtMost, String advice) {
    }

    /** Rows: every requirement some SDK's run selected; the first column is the kit's own Java v2 run. */
    static Table table(Compliance c) {
        List<Header> headers = new ArrayList<>();
        String kitSdk = c.run() == null || c.run().sdkVersion() == null ? "" : c.run().sdkVersion().replaceFirst("^AWS SDK for Java ", "");
        headers.add(new Header("java-v2 (kit)", "AWS SDK for Java v2", kitSdk, c.run() == null || c.run().java() == null ? "" : c.run().java(),
                c.run() == null || c.run().httpClient() == null ? "" : c.run().httpClient(), "the kit's own run"));
        c.sdks().forEach(col -> headers.add(new Header(col.sdk(), col.name(), col.version(), col.runtime(), col.http(),
                col.verdict().toUpperCase(java.util.Locale.ROOT).replace('-', ' '))));
        List<Row> rows = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        for (Compliance.RequirementResult r : c.requirements()) {
            if (c.sdks().stream().allMatch(col -> col.status(r.id()) == RequirementStatus.NOT_RUN)) {
                continue;
            }
            List<Cell> cells = new ArrayList<>();
            cells.add(Cell.of(r.status(), r.reason()));
            c.sdks().forEach(col -> {
                String reason = col.reasons() == null ? null : col.reasons().get(r.id());
                cells.add(Cell.of(col.status(r.id()), reason));
                // What differs from the kit's own run through this SDK is what a reader needs explained.
                if (reason != null && !reason.equals(r.reason())) {
                    notes.add(new Note(col.sdk(), r.id(), col.status(r.id()).label(), reason));
                }
            });
            rows.add(new Row(r.id(), cells));
        }
        List<CostRow> costs = new ArrayList<>();
        c.sdks().stream().filter(col -> col.kmsCost() != null).forEach(col -> {
            KmsCost k = col.kmsCost();
            costs.add(new CostRow(col.sdk(), col.http(), k.operations(), k.decryptCalls(), k.expectedAtMost(), k.advice()));
        });
        return new Table(headers, rows, notes, costs);
    }
}

package earkit.reports;

import earkit.reports.Compliance.RequirementResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The requirements whose status differs between two runs: two implementations, or two versions of one.
 *
 * @param changes in catalogue order; a requirement only one run knows has a null status on the other side
 */
public record RunComparison(Compliance before, Compliance after, List<Change> changes) {

    /** One requirement whose status changed. */
    public record Change(String id, String level, String statement, RequirementStatus before,
                         RequirementStatus after) {
        /** Whether the later run shows less of the requirement holding (e.g. passed → failed or not applicable). */
        public boolean worse() {
            return before != null && after != null && after.isWorseThan(before);
        }

        String direction() {
            if (before == null || after == null) {
                return before == null ? "new" : "gone";
            }
            return worse() ? "WORSE" : before.isWorseThan(after) ? "better" : "changed";
        }
    }

    /** Compares the runs in two report directories, from their summary.json where it exists. */
    public static RunComparison of(Path before, Path after) {
        return of(ComplianceReport.read(before), ComplianceReport.read(after));
    }

    public static RunComparison of(Compliance before, Compliance after) {
        Map<String, RequirementResult> earlier = index(before);
        Map<String, RequirementResult> later = index(after);
        List<Change> changes = new ArrayList<>();
        for (RequirementResult was : earlier.values()) {
            RequirementResult now = later.get(was.id());
            if (now == null || now.status() != was.status()) {
                changes.add(new Change(was.id(), was.level(), was.statement(), was.status(),
                        now == null ? null : now.status()));
            }
        }
        for (RequirementResult now : later.values()) {
            if (!earlier.containsKey(now.id())) {
                changes.add(new Change(now.id(), now.level(), now.statement(), null, now.status()));
            }
        }
        return new RunComparison(before, after, List.copyOf(changes));
    }

    public boolean anyWorse() {
        return changes.stream().anyMatch(Change::worse);
    }

    /** A plain-text account for the terminal. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "before: %s%nafter:  %s%n", runLine(before), runLine(after)));
        text.append(String.format(Locale.ROOT, "verdict: %s -> %s%n", before.verdict().result(), after.verdict().result()));
        if (changes.isEmpty()) {
            return text.append("No requirement changed status.").append(System.lineSeparator()).toString();
        }
        long worse = changes.stream().filter(Change::worse).count();
        text.append(String.format(Locale.ROOT, "%d requirement%s changed status, %d worse:%n", changes.size(),
                changes.size() == 1 ? "" : "s", worse));
        for (Change change : changes) {
            text.append(String.format(Locale.ROOT, "  %-7s %-14s %-6s %-17s -> %-17s %s%n", change.direction(),
                    change.id(), change.level(), label(change.before()), label(change.after()), change.statement()));
        }
        return text.toString();
    }

    private static String runLine(Compliance run) {
        return run.run().target() + ", started " + Presentation.dateTime(run.run().startedAt());
    }

    private static String label(RequirementStatus status) {
        return status == null ? "(absent)" : status.code();
    }

    private static Map<String, RequirementResult> index(Compliance compliance) {
        Map<String, RequirementResult> byId = new LinkedHashMap<>();
        compliance.requirements().forEach(r -> byId.put(r.id(), r));
        return byId;
    }
}

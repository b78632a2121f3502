package earkit.kit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import earkit.reference.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The kill matrix as a reviewer reads it: per requirement, the faults that kill it and the scenarios that do. */
final class KillMatrix {
    private KillMatrix() {
    }

    static void write(List<KillPlan.Row> plan, Map<Fault, Map<String, List<String>>> kills, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> byRequirement = new TreeMap<>();
        for (KillPlan.Row row : plan) {
            Map<String, List<String>> k = kills.get(row.fault());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("aim", row.aim());
            entry.put("runs", row.runs());
            entry.put("killed", k == null ? null : k);
            json.put(row.fault().name(), entry);
            if (k != null) {
                k.forEach((req, scenarios) -> byRequirement.computeIfAbsent(req, x -> new TreeMap<>())
                        .put(row.fault().name(), scenarios));
            }
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("kill-matrix.json").toFile(), json);
        StringBuilder md = new StringBuilder("# Kill matrix\n\n| Fault | Aimed at | Requirements failed |\n|---|---|---|\n");
        for (KillPlan.Row row : plan) {
            Map<String, List<String>> k = kills.get(row.fault());
            md.append("| ").append(row.fault().name()).append(" | ").append(row.aim()).append(" | ")
                    .append(k == null ? "(not run)" : k.isEmpty() ? "**survived**" : String.join(", ", k.keySet())).append(" |\n");
        }
        md.append("\n## By requirement\n\n| Requirement | Fault | Killing scenarios |\n|---|---|---|\n");
        byRequirement.forEach((req, faults) -> faults.forEach((fault, scenarios) -> md.append("| ").append(req)
                .append(" | ").append(fault).append(" | ").append(String.join("<br>", scenarios)).append(" |\n")));
        Files.writeString(dir.resolve("kill-matrix.md"), md);
        Files.writeString(dir.resolve("kill-matrix-readme.md"), readmeTable(plan, byRequirement));
    }

    static final Path CATALOGUE = Path.of("..", "features", "catalogue.json");
    static final String README_HEADER = "| Requirement | Probes (why) | Faults killed on it (**aimed** at it) | Killing scenarios |";

    /** The table of features/README.md's "Kill matrix" section, to paste there after a change to the plan or the probes. */
    private static String readmeTable(List<KillPlan.Row> plan, Map<String, Map<String, List<String>>> byRequirement) throws IOException {
        StringBuilder t = new StringBuilder(README_HEADER).append("\n|---|---|---|---|\n");
        for (JsonNode r : catalogue().path("requirements")) {
            String id = r.path("id").asText();
            Set<String> scenarios = new TreeSet<>();
            byRequirement.getOrDefault(id, Map.of()).values().forEach(scenarios::addAll);
            t.append("| ").append(id).append(" | ").append(probesCell(r)).append(" | ").append(faultsCell(id, plan))
                    .append(" | ").append(String.join("<br>", scenarios)).append(" |\n");
        }
        return t.toString();
    }

    static JsonNode catalogue() throws IOException {
        return new ObjectMapper().readTree(CATALOGUE.toFile());
    }

    /** The catalogue's probes of a requirement, one a line: value or instant → expectation (side of the edge: why). */
    static String probesCell(JsonNode requirement) {
        List<String> probes = new java.util.ArrayList<>();
        requirement.path("probes").forEach(p -> probes.add(p.path("at").asText() + " → " + p.path("expect").asText()
                + " (" + p.path("side").asText() + ": " + p.path("why").asText() + ")"));
        return probes.isEmpty() ? "see Scenarios above" : String.join("<br>", probes);
    }

    /** The faults the plan expects to fail the requirement: those aimed at it in bold first, then the others, each by name. */
    static String faultsCell(String requirement, List<KillPlan.Row> plan) {
        Set<String> aimed = new TreeSet<>();
        Set<String> others = new TreeSet<>();
        plan.stream().filter(r -> r.fails().contains(requirement) || r.aim().equals(requirement))
                .forEach(r -> (r.aim().equals(requirement) ? aimed : others).add(r.fault().name()));
        return String.join("<br>", Stream.concat(aimed.stream().map(f -> "**" + f + "**"), others.stream()).toList());
    }
}

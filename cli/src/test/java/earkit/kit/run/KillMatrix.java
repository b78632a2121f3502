package earkit.kit.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import earkit.reference.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    }
}

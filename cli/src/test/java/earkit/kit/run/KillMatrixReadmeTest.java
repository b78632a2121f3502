package earkit.kit.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kill-matrix table of features/README.md is what a reviewer reads: for each requirement its probes (from the
 * catalogue) and the faults the kill plan expects to fail it must be the ones the catalogue and {@link KillPlan}
 * hold. The killing scenarios come from a run of {@link FaultDetectionTest}, which writes the whole table to
 * {@code target/kill-matrix-readme.md}; they are not checked here.
 */
class KillMatrixReadmeTest {
    private static final Path README = Path.of("..", "features", "README.md");

    @Test
    void theReadmeShowsTheCatalogueProbesAndThePlannedFaultsOfEveryRequirement() throws IOException {
        Map<String, String[]> rows = readmeRows();
        List<String> problems = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode r : KillMatrix.catalogue().path("requirements")) {
            String id = r.path("id").asText();
            ids.add(id);
            String[] row = rows.get(id);
            if (row == null) {
                problems.add(id + ": no row in the kill matrix of features/README.md");
                continue;
            }
            expect(problems, id + " probes", KillMatrix.probesCell(r), row[1]);
            expect(problems, id + " faults", KillMatrix.faultsCell(id, KillPlan.rows()), row[2]);
        }
        assertEquals(List.of(), problems, "regenerate the table from target/kill-matrix-readme.md (FaultDetectionTest)");
        assertEquals(ids, List.copyOf(rows.keySet()), "the kill matrix of features/README.md has one row per requirement, in catalogue order");
    }

    private static void expect(List<String> problems, String what, String expected, String observed) {
        if (!expected.equals(observed)) {
            problems.add(what + ": expected \"" + expected + "\", the README has \"" + observed + "\"");
        }
    }

    /** Requirement → cells of its row in the table under {@link KillMatrix#README_HEADER}. */
    private static Map<String, String[]> readmeRows() throws IOException {
        Map<String, String[]> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(README)) {
            if (line.equals(KillMatrix.README_HEADER)) {
                inTable = true;
            } else if (inTable && line.startsWith("| EAR-")) {
                String[] cells = line.substring(2, line.length() - 2).split(" \\| ", -1);
                rows.put(cells[0], cells);
            } else if (inTable && !line.startsWith("|")) {
                break;
            }
        }
        return rows;
    }
}

package earkit.kit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kit run --order random --seed N}: scenarios leave no trace, so the suite against the reference gives the
 * same verdict on every requirement in the written order on one thread, in the default parallel run and in three
 * random orders; the orders really differ
 * (read from the run's Cucumber messages), the same seed gives the same order, and an invalid --order or --seed is
 * one line and exit 2 with no verdict.
 */
class ScenarioOrderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long[] SEEDS = {1, 20261205, 987654321987L};

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err, Path reports) {
    }

    private Run kit(String name, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path reports = dir.resolve(name);
        List<String> all = new ArrayList<>(List.of("run", "--report-dir", reports.toString()));
        all.addAll(List.of(args));
        int exit = Kit.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString(), reports);
    }

    private static Map<String, String> verdicts(Path reports) throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (JsonNode r : JSON.readTree(reports.resolve("summary.json").toFile()).path("requirements")) {
            m.put(r.path("id").asText(), r.path("status").asText());
        }
        return m;
    }

    /** The scenarios in the order they started, as "feature URI: scenario name" (Cucumber's messages). */
    private static List<String> order(Path reports) throws IOException {
        Map<String, String> pickles = new HashMap<>();
        Map<String, String> testCases = new HashMap<>();
        List<String> started = new ArrayList<>();
        for (String line : Files.readAllLines(reports.resolve("cucumber-messages.ndjson"))) {
            JsonNode m = JSON.readTree(line);
            if (m.has("pickle")) {
                pickles.put(m.path("pickle").path("id").asText(),
                        m.path("pickle").path("uri").asText() + ": " + m.path("pickle").path("name").asText());
            } else if (m.has("testCase")) {
                testCases.put(m.path("testCase").path("id").asText(), m.path("testCase").path("pickleId").asText());
            } else if (m.has("testCaseStarted")) {
                started.add(m.path("testCaseStarted").path("testCaseId").asText());
            }
        }
        return started.stream().map(id -> pickles.get(testCases.get(id))).toList();
    }

    @Test
    void everySeedGivesTheVerdictsOfTheWrittenOrder() throws IOException {
        Run written = kit("written", "--threads", "1");
        Map<String, String> expected = verdicts(written.reports());
        // The default against the reference: several threads, the real-time scenarios started first.
        Run parallel = kit("parallel");
        assertEquals(expected, verdicts(parallel.reports()), "per-requirement verdicts of the default parallel run");
        assertEquals(written.exit(), parallel.exit(), parallel.out());
        List<String> writtenOrder = order(written.reports());
        assertFalse(expected.isEmpty());
        List<List<String>> orders = new ArrayList<>();
        for (long seed : SEEDS) {
            Run random = kit("seed-" + seed, "--order", "random", "--seed", Long.toString(seed));
            assertTrue(random.out().contains("Scenario order: random, seed " + seed), random.out());
            assertEquals(expected, verdicts(random.reports()), "per-requirement verdicts with --order random --seed " + seed);
            assertEquals(written.exit(), random.exit(), random.out());
            List<String> order = order(random.reports());
            assertEquals(new HashSet<>(writtenOrder), new HashSet<>(order), "the same scenarios run");
            assertNotEquals(writtenOrder, order, "seed " + seed + " shuffles the scenarios");
            orders.add(order);
        }
        assertEquals(SEEDS.length, new HashSet<>(orders).size(), "each seed its own order");
    }

    @Test
    void theSameSeedGivesTheSameOrder() throws IOException {
        List<String> first = order(kit("a", "--order", "random", "--seed", "42", "--tags", "@EAR-OWN-001 or @EAR-CMK-001 or @EAR-MAN-005").reports());
        List<String> second = order(kit("b", "--order", "random", "--seed", "42", "--tags", "@EAR-OWN-001 or @EAR-CMK-001 or @EAR-MAN-005").reports());
        assertTrue(first.size() > 1, first.toString());
        assertEquals(first, second);
    }

    @Test
    void anInvalidOrderOrSeedIsOneLineAndExitTwo() {
        for (String[] args : List.of(new String[] {"--order", "shuffled"}, new String[] {"--order", "random", "--seed", "x1"},
                new String[] {"--seed", "7"})) {
            Run run = kit("invalid", args);
            assertEquals(2, run.exit(), String.join(" ", args) + ": " + run.err());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("kit: error: --"), run.err());
            assertFalse(Files.exists(run.reports().resolve("summary.json")));
        }
    }
}

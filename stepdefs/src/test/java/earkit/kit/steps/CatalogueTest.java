package earkit.kit.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the requirement catalogue, the seed and the features in step: every seed sentence is traced,
 * every requirement is checked by a scenario, and every scenario names only known requirements.
 */
class CatalogueTest {
    private static final Path FEATURES = Path.of("..", "features");
    private final JsonNode catalogue = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(FEATURES.resolve("catalogue.json").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<String> requirementIds() {
        Set<String> ids = new TreeSet<>();
        catalogue.path("requirements").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    /** Scenario name (file: name) → its tags, including the feature's tags. */
    static Map<String, Set<String>> scenarios() throws IOException {
        Map<String, Set<String>> result = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(FEATURES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".feature")).sorted().toList()) {
                Set<String> featureTags = new TreeSet<>();
                List<String> pending = new ArrayList<>();
                for (String raw : Files.readAllLines(f)) {
                    String line = raw.strip();
                    if (line.startsWith("@")) {
                        pending.addAll(List.of(line.split("\\s+")));
                    } else if (line.startsWith("Feature:")) {
                        featureTags.addAll(pending);
                        pending.clear();
                    } else if (line.startsWith("Scenario")) {
                        Set<String> tags = new TreeSet<>(featureTags);
                        tags.addAll(pending);
                        pending.clear();
                        result.put(f.getFileName() + ": " + line.substring(line.indexOf(':') + 1).strip(), tags);
                    } else if (line.startsWith("Rule:") || line.startsWith("Background:")) {
                        pending.clear();
                    }
                }
            }
        }
        return result;
    }

    @Test
    void everySeedSentenceIsTraced() {
        Set<String> traced = new TreeSet<>();
        catalogue.path("requirements").forEach(r -> r.path("sentences").forEach(s -> traced.add(s.asText())));
        catalogue.path("context").forEach(c -> {
            assertTrue(!c.path("reason").asText().isBlank(), "context sentence without a reason: " + c);
            traced.add(c.path("sentence").asText());
        });
        Set<String> missing = new TreeSet<>();
        for (int i = 1; i <= 50; i++) {
            String id = String.format("S%02d", i);
            if (!traced.contains(id)) {
                missing.add(id);
            }
        }
        assertEquals(Set.of(), missing, "seed sentences neither mapped to a requirement nor listed as context");
    }

    @Test
    void everyRequirementIsWellFormedAndChecked() throws IOException {
        Map<String, Set<String>> scenarios = scenarios();
        Set<String> unchecked = new TreeSet<>(requirementIds());
        scenarios.values().forEach(tags -> tags.forEach(t -> unchecked.remove(t.replaceFirst("^@", ""))));
        assertEquals(Set.of(), unchecked, "requirements without a scenario");
        catalogue.path("requirements").forEach(r -> {
            assertTrue(r.path("id").asText().matches("EAR-[A-Z]{3}-\\d{3}"), "requirement ID: " + r.path("id"));
            assertTrue(Set.of("MUST", "SHOULD", "MAY").contains(r.path("level").asText()), "level of " + r.path("id"));
            for (String field : List.of("area", "statement", "intent")) {
                assertTrue(!r.path(field).asText().isBlank(), field + " of " + r.path("id"));
            }
            assertTrue(r.path("awsDocs").size() > 0, "no AWS documentation page for " + r.path("id"));
            assertTrue(r.path("facts").isMissingNode(), "facts name a fact sheet outside the repository; use awsDocs: " + r.path("id"));
        });
    }

    @Test
    void everyScenarioNamesKnownRequirementsOnly() throws IOException {
        Set<String> known = requirementIds();
        Map<String, Set<String>> scenarios = scenarios();
        List<String> problems = new ArrayList<>();
        scenarios.forEach((name, tags) -> {
            List<String> reqs = tags.stream().filter(t -> t.startsWith("@EAR-")).toList();
            if (reqs.isEmpty()) {
                problems.add(name + ": no requirement tag");
            }
            reqs.stream().filter(t -> !known.contains(t.substring(1))).forEach(t -> problems.add(name + ": unknown " + t));
        });
        assertEquals(List.of(), problems);
        assertEquals(scenarios.size(), new TreeSet<>(scenarios.keySet()).size(), "scenario names must be unique");
    }

    /**
     * A timed or counted rule lists its probes: the instant or count, the side of the edge, what is expected and
     * why that value was chosen, and the scenario (one carrying the requirement) that makes it. A rule probed on
     * one side of an instant only cannot catch an implementation that is late, or early; a count probed within
     * its limit only cannot catch one without a limit.
     */
    @Test
    void everyProbeNamesItsSideAndAScenarioOfItsRequirement() throws IOException {
        Map<String, Set<String>> scenarios = scenarios();
        List<String> problems = new ArrayList<>();
        catalogue.path("requirements").forEach(r -> {
            String id = r.path("id").asText();
            Set<String> sides = new TreeSet<>();
            r.path("probes").forEach(p -> {
                for (String field : List.of("at", "side", "expect", "scenario", "why")) {
                    String v = p.path(field).asText();
                    if (v.isBlank() || v.contains("|")) {
                        problems.add(id + ": probe " + p + " has no " + field + " (or a '|' in it)");
                    }
                }
                String side = p.path("side").asText();
                sides.add(side);
                if (!Set.of("before", "after", "within", "over", "at").contains(side)) {
                    problems.add(id + ": side " + side + " is none of before, after, within, over, at (a value chosen, no edge)");
                }
                Set<String> tags = scenarios.get(p.path("scenario").asText());
                if (tags == null || !tags.contains("@" + id)) {
                    problems.add(id + ": probe scenario " + p.path("scenario") + " is not a scenario tagged @" + id);
                }
            });
            if (sides.contains("before") != sides.contains("after")) {
                problems.add(id + ": an instant probed on one side only " + sides);
            }
            if (sides.contains("within") && !sides.contains("over")) {
                problems.add(id + ": a count probed within its limit only");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void everyCapabilityTagIsDocumented() throws IOException {
        String readme = Files.readString(FEATURES.resolve("README.md"));
        Set<String> undocumented = new TreeSet<>();
        scenarios().values().forEach(tags -> tags.stream().filter(t -> t.startsWith("@needs-"))
                .filter(t -> !readme.contains("| `" + t + "` |")).forEach(undocumented::add));
        assertEquals(Set.of(), undocumented, "capability tags missing from the capability table of features/README.md");
    }

    @Test
    void theHumanCatalogueListsEveryRequirement() throws IOException {
        String readme = Files.readString(FEATURES.resolve("README.md"));
        Set<String> absent = new TreeSet<>();
        requirementIds().stream().filter(id -> !readme.contains("| " + id + " |")).forEach(absent::add);
        assertEquals(Set.of(), absent, "requirements missing from features/README.md");
        assertTrue(readme.contains("## Choices on open questions"), "README needs the section 'Choices on open questions'");
    }
}

package earkit.kit.thirdparty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run's Cucumber message stream ({@code cucumber-messages.ndjson}) says about each scenario: the status and
 * exception of every step and the request history attached to it. Read here straight from the stream, so that the
 * tests of the step glue do not depend on how the verdict engine reads it.
 */
final class ScenarioMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One step as run: its text, status and, when it failed, the exception's class name and message. */
    record Step(String text, String status, String exceptionType, String message) {
    }

    /** One scenario as run, with its steps in order and its request history (a JSON array, or null). */
    record Scenario(String name, List<String> tags, List<Step> steps, JsonNode history) {
        Step failed() {
            return steps.stream().filter(s -> s.status().equals("FAILED")).findFirst().orElse(null);
        }

        Step step(String containing) {
            return steps.stream().filter(s -> s.text().contains(containing)).findFirst()
                    .orElseThrow(() -> new AssertionError("no step containing '" + containing + "' in " + name));
        }
    }

    private ScenarioMessages() {
    }

    static List<Scenario> read(Path reportDir) throws IOException {
        Map<String, JsonNode> pickles = new HashMap<>();
        Map<String, String> pickleStepText = new HashMap<>();
        Map<String, JsonNode> testCases = new HashMap<>();
        Map<String, String> testStepToPickleStep = new HashMap<>();
        Map<String, String> startedToCase = new LinkedHashMap<>();
        Map<String, List<Step>> steps = new HashMap<>();
        Map<String, JsonNode> histories = new HashMap<>();
        for (String line : Files.readAllLines(reportDir.resolve("cucumber-messages.ndjson"))) {
            JsonNode m = JSON.readTree(line);
            if (m.has("pickle")) {
                JsonNode p = m.get("pickle");
                pickles.put(p.path("id").asText(), p);
                p.path("steps").forEach(s -> pickleStepText.put(s.path("id").asText(), s.path("text").asText()));
            } else if (m.has("testCase")) {
                JsonNode tc = m.get("testCase");
                testCases.put(tc.path("id").asText(), tc);
                tc.path("testSteps").forEach(s -> testStepToPickleStep.put(s.path("id").asText(), s.path("pickleStepId").asText(null)));
            } else if (m.has("testCaseStarted")) {
                JsonNode s = m.get("testCaseStarted");
                startedToCase.put(s.path("id").asText(), s.path("testCaseId").asText());
            } else if (m.has("testStepFinished")) {
                JsonNode f = m.get("testStepFinished");
                String pickleStep = testStepToPickleStep.get(f.path("testStepId").asText());
                if (pickleStep == null) {
                    continue; // a hook
                }
                JsonNode r = f.path("testStepResult");
                steps.computeIfAbsent(f.path("testCaseStartedId").asText(), k -> new ArrayList<>()).add(new Step(
                        pickleStepText.get(pickleStep), r.path("status").asText(), r.path("exception").path("type").asText(null),
                        r.path("exception").path("message").asText(r.path("message").asText(null))));
            } else if (m.has("attachment") && "request-history.json".equals(m.get("attachment").path("fileName").asText())) {
                JsonNode a = m.get("attachment");
                String body = "BASE64".equals(a.path("contentEncoding").asText())
                        ? new String(Base64.getDecoder().decode(a.path("body").asText()), StandardCharsets.UTF_8)
                        : a.path("body").asText();
                histories.put(a.path("testCaseStartedId").asText(), JSON.readTree(body));
            }
        }
        List<Scenario> scenarios = new ArrayList<>();
        startedToCase.forEach((started, testCase) -> {
            JsonNode pickle = pickles.get(testCases.get(testCase).path("pickleId").asText());
            List<String> tags = new ArrayList<>();
            pickle.path("tags").forEach(t -> tags.add(t.path("name").asText()));
            scenarios.add(new Scenario(pickle.path("name").asText(), tags, steps.getOrDefault(started, List.of()),
                    histories.get(started)));
        });
        return scenarios;
    }
}

package earkit.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads Cucumber's message stream (the {@code message:} plugin's NDJSON) into one result per executed scenario.
 * Read as a tree rather than through Cucumber's generated message classes, so that the reports do not depend on
 * one Cucumber version and tolerate the fields later protocol versions add.
 */
final class CucumberMessages {
    private final Map<String, JsonNode> pickles = new HashMap<>();
    private final Map<String, JsonNode> testCases = new HashMap<>();
    private final Map<String, GherkinNode> gherkin = new HashMap<>();
    private final Map<String, String> featureNames = new HashMap<>();
    private final Map<String, String> hooks = new HashMap<>();
    private final Map<String, Attempt> attempts = new LinkedHashMap<>();
    /** The last finished attempt per test case: retried attempts are superseded. */
    private final Map<String, Attempt> finalAttempts = new LinkedHashMap<>();
    private String implementation;
    private Instant runStarted;
    private Instant runFinished;

    /** A scenario, background step or Examples row in a Gherkin document. */
    private record GherkinNode(String keyword, String text, int line, String scenarioName) {
    }

    private static final class Attempt {
        final String testCaseId;
        final Instant started;
        final Map<String, JsonNode> stepResults = new LinkedHashMap<>();
        final List<JsonNode> attachments = new ArrayList<>();
        Instant finished;

        Attempt(String testCaseId, Instant started) {
            this.testCaseId = testCaseId;
            this.started = started;
        }
    }

    static CucumberMessages read(Path ndjson) {
        CucumberMessages messages = new CucumberMessages();
        try (BufferedReader reader = Files.newBufferedReader(ndjson, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    messages.accept(Json.MAPPER.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Cucumber messages " + ndjson, e);
        }
        return messages;
    }

    private void accept(JsonNode envelope) {
        if (envelope.has("meta")) {
            JsonNode impl = envelope.get("meta").path("implementation");
            implementation = (impl.path("name").asText("") + " " + impl.path("version").asText("")).trim();
        } else if (envelope.has("gherkinDocument")) {
            indexGherkin(envelope.get("gherkinDocument"));
        } else if (envelope.has("hook")) {
            JsonNode hook = envelope.get("hook");
            JsonNode method = hook.path("sourceReference").path("javaMethod");
            String where = method.isMissingNode() ? hook.path("name").asText("")
                    : method.path("className").asText() + "." + method.path("methodName").asText();
            String type = hook.path("type").asText("").toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            hooks.put(hook.path("id").asText(), ("hook " + where + (type.isEmpty() ? "" : " (" + type + ")")).trim());
        } else if (envelope.has("pickle")) {
            pickles.put(envelope.get("pickle").path("id").asText(), envelope.get("pickle"));
        } else if (envelope.has("testCase")) {
            testCases.put(envelope.get("testCase").path("id").asText(), envelope.get("testCase"));
        } else if (envelope.has("testCaseStarted")) {
            JsonNode started = envelope.get("testCaseStarted");
            attempts.put(started.path("id").asText(),
                    new Attempt(started.path("testCaseId").asText(), timestamp(started.path("timestamp"))));
        } else if (envelope.has("testStepFinished")) {
            JsonNode finished = envelope.get("testStepFinished");
            Attempt attempt = attempts.get(finished.path("testCaseStartedId").asText());
            if (attempt != null) {
                attempt.stepResults.put(finished.path("testStepId").asText(), finished.path("testStepResult"));
            }
        } else if (envelope.has("attachment")) {
            JsonNode attachment = envelope.get("attachment");
            Attempt attempt = attempts.get(attachment.path("testCaseStartedId").asText());
            if (attempt != null) {
                attempt.attachments.add(attachment);
            }
        } else if (envelope.has("testCaseFinished")) {
            JsonNode finished = envelope.get("testCaseFinished");
            Attempt attempt = attempts.get(finished.path("testCaseStartedId").asText());
            if (attempt != null && !finished.path("willBeRetried").asBoolean(false)) {
                attempt.finished = timestamp(finished.path("timestamp"));
                finalAttempts.put(attempt.testCaseId, attempt);
            }
        } else if (envelope.has("testRunStarted")) {
            runStarted = timestamp(envelope.get("testRunStarted").path("timestamp"));
        } else if (envelope.has("testRunFinished")) {
            runFinished = timestamp(envelope.get("testRunFinished").path("timestamp"));
        }
    }

    private void indexGherkin(JsonNode document) {
        String uri = document.path("uri").asText();
        JsonNode feature = document.path("feature");
        featureNames.put(uri, feature.path("name").asText());
        indexChildren(feature.path("children"));
    }

    private void indexChildren(JsonNode children) {
        for (JsonNode child : children) {
            if (child.has("rule")) {
                indexChildren(child.get("rule").path("children"));
            }
            JsonNode background = child.path("background");
            indexSteps(background.path("steps"), background.path("name").asText());
            JsonNode scenario = child.path("scenario");
            if (scenario.isMissingNode()) {
                continue;
            }
            String name = scenario.path("name").asText();
            gherkin.put(scenario.path("id").asText(), new GherkinNode(scenario.path("keyword").asText(), name,
                    scenario.path("location").path("line").asInt(), name));
            indexSteps(scenario.path("steps"), name);
            for (JsonNode examples : scenario.path("examples")) {
                List<String> header = new ArrayList<>();
                examples.path("tableHeader").path("cells").forEach(cell -> header.add(cell.path("value").asText()));
                for (JsonNode row : examples.path("tableBody")) {
                    List<String> pairs = new ArrayList<>();
                    JsonNode cells = row.path("cells");
                    for (int i = 0; i < cells.size(); i++) {
                        String column = i < header.size() ? header.get(i) : "#" + (i + 1);
                        pairs.add(column + ": " + cells.get(i).path("value").asText());
                    }
                    gherkin.put(row.path("id").asText(), new GherkinNode("Example", String.join(", ", pairs),
                            row.path("location").path("line").asInt(), name));
                }
            }
        }
    }

    private void indexSteps(JsonNode steps, String scenarioName) {
        for (JsonNode step : steps) {
            gherkin.put(step.path("id").asText(), new GherkinNode(step.path("keyword").asText().trim(),
                    step.path("text").asText(), step.path("location").path("line").asInt(), scenarioName));
        }
    }

    String implementation() {
        return implementation;
    }

    Instant runStarted() {
        return runStarted;
    }

    Instant runFinished() {
        return runFinished;
    }

    /** One result per test case, in the order the scenarios finished. */
    List<ScenarioResult> scenarios() {
        List<ScenarioResult> results = new ArrayList<>();
        for (Attempt attempt : finalAttempts.values()) {
            JsonNode testCase = testCases.get(attempt.testCaseId);
            JsonNode pickle = testCase == null ? null : pickles.get(testCase.path("pickleId").asText());
            if (pickle != null) {
                results.add(toResult(attempt, testCase, pickle));
            }
        }
        return results;
    }

    private ScenarioResult toResult(Attempt attempt, JsonNode testCase, JsonNode pickle) {
        Map<String, JsonNode> pickleSteps = new HashMap<>();
        pickle.path("steps").forEach(step -> pickleSteps.put(step.path("id").asText(), step));

        ScenarioOutcome outcome = ScenarioOutcome.PASSED;
        String failedStep = null;
        String message = null;
        String skipMessage = null;
        String exceptionType = null;
        for (JsonNode testStep : testCase.path("testSteps")) {
            JsonNode result = attempt.stepResults.get(testStep.path("id").asText());
            String status = result == null ? "SKIPPED" : result.path("status").asText();
            String text = result == null ? null : result.path("message").asText(null);
            switch (status) {
                case "PASSED" -> { }
                case "SKIPPED" -> {
                    if (outcome == ScenarioOutcome.PASSED) {
                        outcome = ScenarioOutcome.NOT_APPLICABLE;
                    }
                    if (skipMessage == null) {
                        skipMessage = text;
                    }
                }
                default -> {
                    if (outcome != ScenarioOutcome.FAILED) {
                        outcome = ScenarioOutcome.FAILED;
                        failedStep = describe(testStep, pickleSteps);
                        JsonNode exception = result.path("exception");
                        exceptionType = exception.path("type").asText(null);
                        message = failureMessage(status, exception.path("message").asText(text), failedStep);
                    }
                }
            }
        }
        List<String> tags = new ArrayList<>();
        pickle.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));

        List<String> astNodeIds = new ArrayList<>();
        pickle.path("astNodeIds").forEach(id -> astNodeIds.add(id.asText()));
        GherkinNode scenarioNode = astNodeIds.isEmpty() ? null : gherkin.get(astNodeIds.get(0));
        GherkinNode exampleRow = astNodeIds.size() > 1 ? gherkin.get(astNodeIds.get(astNodeIds.size() - 1)) : null;
        int line = exampleRow != null ? exampleRow.line() : scenarioNode != null ? scenarioNode.line() : 0;

        FailureKind kind = outcome == ScenarioOutcome.FAILED ? FailureKind.of(exceptionType, message) : null;
        if (kind != null && kind.targetError()) {
            outcome = ScenarioOutcome.TARGET_ERROR;
        } else if (kind != null && kind.kitError()) {
            outcome = ScenarioOutcome.KIT_ERROR;
        }
        FailureText failure = FailureText.of(message);
        String skipReason = outcome == ScenarioOutcome.NOT_APPLICABLE ? skipReason(attempt, skipMessage) : null;
        long millis = attempt.finished == null || attempt.started == null ? 0
                : attempt.finished.toEpochMilli() - attempt.started.toEpochMilli();
        String uri = pickle.path("uri").asText();
        return new ScenarioResult(pickle.path("name").asText(), featureNames.getOrDefault(uri, ""), uri, line,
                exampleRow == null ? null : exampleRow.text(), tags, outcome, millis, failedStep, message,
                failure.expected(), failure.observed(), skipReason, log(attempt), requestHistory(attempt),
                kind == null ? null : kind.requirement(), exceptionType);
    }

    private String describe(JsonNode testStep, Map<String, JsonNode> pickleSteps) {
        if (testStep.has("hookId")) {
            return hooks.getOrDefault(testStep.path("hookId").asText(), "a hook of the suite");
        }
        JsonNode pickleStep = pickleSteps.get(testStep.path("pickleStepId").asText());
        if (pickleStep == null) {
            return "an unknown step";
        }
        GherkinNode source = pickleStep.path("astNodeIds").isEmpty() ? null
                : gherkin.get(pickleStep.path("astNodeIds").get(0).asText());
        String keyword = source == null ? "" : source.keyword() + " ";
        return keyword + pickleStep.path("text").asText();
    }

    private static String failureMessage(String status, String text, String step) {
        return switch (status) {
            case "UNDEFINED" -> "No step definition matches \"" + step + "\": the suite does not implement this step.";
            case "PENDING" -> "The step \"" + step + "\" is pending" + (text == null ? "." : ": " + text);
            case "AMBIGUOUS" -> "The step \"" + step + "\" matches several step definitions"
                    + (text == null ? "." : ": " + text);
            default -> Objects.requireNonNullElse(text, "The step \"" + step + "\" ended with status " + status + ".");
        };
    }

    /** The reason the suite attached as text, else the message of the skip itself. */
    private static String skipReason(Attempt attempt, String skipMessage) {
        String attached = attempt.attachments.stream().filter(a -> a.path("mediaType").asText().startsWith("text/plain"))
                .map(CucumberMessages::body).filter(s -> !s.isBlank()).distinct().collect(Collectors.joining("; "));
        if (!attached.isEmpty()) {
            return attached;
        }
        // JUnit's assumeTrue/assumeFalse put "Assumption failed: " before the suite's own reason.
        return skipMessage == null || skipMessage.isBlank() ? "skipped by the suite without a reason"
                : skipMessage.replaceFirst("^Assumption failed: ", "");
    }

    /** Lines of {@code Scenario.log} (media type text/x.cucumber.log+plain). */
    private static List<String> log(Attempt attempt) {
        return attempt.attachments.stream().filter(a -> a.path("mediaType").asText().startsWith("text/x.cucumber.log"))
                .map(CucumberMessages::body).toList();
    }

    private static JsonNode requestHistory(Attempt attempt) {
        JsonNode chosen = null;
        for (JsonNode attachment : attempt.attachments) {
            if (attachment.path("mediaType").asText().startsWith("application/json")) {
                boolean named = attachment.path("fileName").asText().toLowerCase(java.util.Locale.ROOT).contains("history");
                if (chosen == null || named) {
                    chosen = attachment;
                }
            }
        }
        if (chosen == null) {
            return null;
        }
        String body = body(chosen);
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException notJson) {
            return TextNode.valueOf(body);
        }
    }

    private static String body(JsonNode attachment) {
        String body = attachment.path("body").asText("");
        if ("BASE64".equals(attachment.path("contentEncoding").asText())) {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return body;
    }

    private static Instant timestamp(JsonNode timestamp) {
        if (timestamp.isMissingNode()) {
            return null;
        }
        return Instant.ofEpochSecond(timestamp.path("seconds").asLong(), timestamp.path("nanos").asLong());
    }
}

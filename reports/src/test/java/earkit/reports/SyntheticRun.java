package earkit.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A report directory written by hand: Cucumber's message stream for scenarios with exactly the outcome a test needs
 * (which exception class, which message), beside a small catalogue. For the cases a real run makes only by accident.
 */
final class SyntheticRun {
    static final String VIOLATION = "earkit.kit.steps.RequirementViolation";
    static final String TARGET_FAULT = "earkit.kit.steps.TargetFault";

    private record Scenario(String name, List<String> tags, String status, String exceptionType, String message,
                            String history) {
    }

    private final List<Scenario> scenarios = new ArrayList<>();
    private int minJudged = 1;

    SyntheticRun passed(String name, String... tags) {
        scenarios.add(new Scenario(name, List.of(tags), "PASSED", null, null, null));
        return this;
    }

    SyntheticRun skipped(String name, String reason, String... tags) {
        scenarios.add(new Scenario(name, List.of(tags), "SKIPPED", "org.opentest4j.TestAbortedException", reason, null));
        return this;
    }

    /** A failed step that threw {@code exceptionType} (null: a message stream without the exception field). */
    SyntheticRun failed(String name, String exceptionType, String message, String... tags) {
        scenarios.add(new Scenario(name, List.of(tags), "FAILED", exceptionType, message, null));
        return this;
    }

    /** Like {@link #failed}, with a request-history.json attachment as the suite's glue writes it. */
    SyntheticRun failedWithHistory(String name, String exceptionType, String message, String historyJson, String... tags) {
        scenarios.add(new Scenario(name, List.of(tags), "FAILED", exceptionType, message, historyJson));
        return this;
    }

    SyntheticRun minJudged(int n) {
        minJudged = n;
        return this;
    }

    Path writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(ComplianceReport.CATALOGUE), """
                    {"requirements": [
                      {"id": "EAR-SSE-001", "level": "MUST", "area": "key kinds", "statement": "DescribeTable reports the key.", "sentences": []},
                      {"id": "EAR-ENC-004", "level": "MUST", "area": "envelope", "statement": "Items read back unchanged.", "sentences": []},
                      {"id": "EAR-INA-001", "level": "MUST", "area": "inaccessible", "statement": "A disabled key makes the table inaccessible.", "sentences": []},
                      {"id": "EAR-OWN-001", "level": "MUST", "area": "key kinds", "statement": "The AWS owned key is the default.", "sentences": []},
                      {"id": "EAR-ROT-001", "level": "SHOULD", "area": "rotation", "statement": "Managed keys rotate yearly.", "sentences": []}
                    ]}
                    """);
            Files.writeString(dir.resolve(ComplianceReport.RUN), """
                    {"target": "synthetic", "capabilities": [], "endpoints": {"dynamodb": "http://127.0.0.1:1"},
                     "kitVersion": "0.1.0", "start": "2026-12-05T10:00:00Z", "end": "2026-12-05T10:00:01Z",
                     "tags": "", "strict": false, "minJudged": %d}
                    """.formatted(minJudged));
            StringBuilder ndjson = new StringBuilder();
            line(ndjson, "meta", obj().set("implementation", obj().put("name", "cucumber-jvm").put("version", "7.34.2")));
            int n = 0;
            for (Scenario s : scenarios) {
                n++;
                String pickle = "p" + n;
                String testCase = "tc" + n;
                String started = "s" + n;
                ArrayNode tags = Json.MAPPER.createArrayNode();
                s.tags().forEach(t -> tags.add(obj().put("name", t)));
                line(ndjson, "pickle", obj().put("id", pickle).put("uri", "classpath:features/synthetic.feature")
                        .put("name", s.name()).<ObjectNode>set("tags", tags)
                        .set("steps", Json.MAPPER.createArrayNode().add(obj().put("id", pickle + "-step").put("text", "a step"))));
                line(ndjson, "testCase", obj().put("id", testCase).put("pickleId", pickle).set("testSteps",
                        Json.MAPPER.createArrayNode().add(obj().put("id", testCase + "-step").put("pickleStepId", pickle + "-step"))));
                line(ndjson, "testCaseStarted", obj().put("id", started).put("testCaseId", testCase)
                        .set("timestamp", obj().put("seconds", 1796000000L + n).put("nanos", 0)));
                ObjectNode result = obj().put("status", s.status());
                if (s.message() != null) {
                    result.put("message", s.message());
                }
                if (s.exceptionType() != null) {
                    result.set("exception", obj().put("type", s.exceptionType()).put("message", s.message()));
                }
                line(ndjson, "testStepFinished", obj().put("testCaseStartedId", started).put("testStepId", testCase + "-step")
                        .set("testStepResult", result));
                if (s.history() != null) {
                    line(ndjson, "attachment", obj().put("testCaseStartedId", started).put("mediaType", "application/json")
                            .put("fileName", "request-history.json").put("contentEncoding", "IDENTITY").put("body", s.history()));
                }
                line(ndjson, "testCaseFinished", obj().put("testCaseStartedId", started).put("willBeRetried", false)
                        .set("timestamp", obj().put("seconds", 1796000000L + n).put("nanos", 5_000_000)));
            }
            Files.writeString(dir.resolve(ComplianceReport.MESSAGES), ndjson);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode obj() {
        return Json.MAPPER.createObjectNode();
    }

    private static void line(StringBuilder out, String type, ObjectNode body) throws IOException {
        out.append(Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(obj().set(type, body))).append('\n');
    }
}

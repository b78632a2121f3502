package earkit.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One executed scenario (one row of a Scenario Outline is one scenario).
 *
 * @param example the Examples row as "header: value" pairs, or null for a plain scenario
 * @param failedStep the step (or hook) that failed, as written in the feature
 * @param expected what the failure message says was expected, when it says so in a recognised form
 * @param log what the scenario logged ({@code Scenario.log} or text attachments), or null
 * @param requestHistory the JSON the suite attached: the requests the scenario sent to the target
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScenarioResult(
        String name,
        String feature,
        String uri,
        int line,
        String example,
        List<String> tags,
        ScenarioOutcome status,
        long durationMillis,
        String failedStep,
        String message,
        String expected,
        String observed,
        String skipReason,
        List<String> log,
        JsonNode requestHistory) {

    public ScenarioResult {
        tags = List.copyOf(tags);
        log = log == null || log.isEmpty() ? null : List.copyOf(log);
    }

    public String location() {
        return uri + ":" + line;
    }
}

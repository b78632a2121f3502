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
 * @param failedRequirement the requirement whose check failed (a {@code RequirementViolation}), or null when the
 *        scenario did not fail on a check: then a failure counts against every requirement it carries
 * @param exceptionType the class of what the failed step threw, as Cucumber recorded it, or null
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
        JsonNode requestHistory,
        String failedRequirement,
        String exceptionType) {

    public ScenarioResult {
        tags = List.copyOf(tags);
        log = log == null || log.isEmpty() ? null : List.copyOf(log);
    }

    /** The requirements the scenario is tagged with, without the "@". */
    public List<String> requirements() {
        return tags.stream().filter(t -> t.startsWith("@EAR-")).map(t -> t.substring(1)).toList();
    }

    /**
     * What this scenario shows of one requirement: a failed check counts against the requirement it names only, and
     * the scenario's other requirements were not reached; a failure that names none counts against all of them.
     */
    public RequirementStatus judgementOf(String requirement) {
        return switch (status) {
            case PASSED -> RequirementStatus.PASSED;
            case NOT_APPLICABLE -> RequirementStatus.NOT_APPLICABLE;
            case TARGET_ERROR -> RequirementStatus.TARGET_ERROR;
            case KIT_ERROR -> RequirementStatus.KIT_ERROR;
            case FAILED -> failedRequirement == null || failedRequirement.equals(requirement)
                    ? RequirementStatus.FAILED : RequirementStatus.NOT_REACHED;
        };
    }

    public String location() {
        return uri + ":" + line;
    }
}

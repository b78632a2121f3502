package earkit.reports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * How a target fares, requirement by requirement: the content of summary.json (schema
 * {@code summary.schema.json}) and of every other report.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Compliance(
        String schemaVersion,
        Run run,
        Verdict verdict,
        Map<String, Integer> counts,
        List<Area> areas,
        List<RequirementResult> requirements,
        List<SentenceTrace> sentences,
        List<String> warnings) {

    public static final String SCHEMA_VERSION = "1.0";

    /** Run metadata; times as ISO-8601 text exactly as recorded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(String kit, String target, Map<String, String> endpoints, List<String> capabilities,
                      String tags, String startedAt, String finishedAt, Double durationSeconds, boolean strict,
                      String cucumber, int scenarios) {
    }

    /**
     * The overall result: "pass" only if no applicable MUST requirement failed (strict: only if every
     * requirement passed).
     */
    public record Verdict(String result, boolean strict, String headline, List<String> reasons) {
        @JsonIgnore
        public boolean passed() {
            return "pass".equals(result);
        }
    }

    /** Requirement counts per status within one behaviour area. */
    public record Area(String area, int total, Map<String, Integer> counts) {
    }

    /** One requirement of the catalogue and what the run showed of it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RequirementResult(String id, String level, String area, String statement, List<String> sentences,
                                    RequirementStatus status, String reason, List<ScenarioResult> scenarios) {
    }

    /** A seed sentence and the requirements that trace it, or the reason it is context only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SentenceTrace(String id, String section, String text, List<String> requirements, String context) {
    }
}

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
        List<String> warnings,
        List<SdkMatrix.Column> sdks) {

    /** A run through the kit's own SDK alone: no SDK columns (the summary.json of before {@code --sdk}). */
    public Compliance(String schemaVersion, Run run, Verdict verdict, Map<String, Integer> counts, List<Area> areas,
                      List<RequirementResult> requirements, List<SentenceTrace> sentences, List<String> warnings) {
        this(schemaVersion, run, verdict, counts, areas, requirements, sentences, warnings, null);
    }

    public static final String SCHEMA_VERSION = "2.0";

    /**
     * Run metadata; times as ISO-8601 text exactly as recorded. The provenance fields (kitCommit to profile) say what
     * checked the target: the kit's commit, the AWS SDK and HTTP client, the JVM, and the SHA-256 of the catalogue, of
     * every feature file and of the target's profile file.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(String kit, String target, Map<String, String> endpoints, List<String> capabilities,
                      String tags, String startedAt, String finishedAt, Double durationSeconds, boolean strict,
                      String cucumber, int scenarios, Integer minJudged, String kitCommit, String sdkVersion,
                      String httpClient, String java, String catalogueSha256, Map<String, String> featureSha256,
                      Map<String, String> profile) {
    }

    /**
     * The run's outcome: {@value #CONFORMANT} when no applicable MUST requirement failed or met a target error (strict:
     * every requirement passed) and at least {@code minJudged} MUST requirements were shown to hold;
     * {@value #NOT_CONFORMANT} when one failed or met a target error; {@value #INCONCLUSIVE} when too little was judged.
     *
     * @param judged    MUST requirements the run showed to hold (passed, or a known deviation that passed)
     * @param minJudged how many of those a conformant run needs ({@code --min-judged}, at least 1)
     */
    public record Verdict(String result, boolean strict, String headline, List<String> reasons, Integer judged,
                          Integer minJudged) {
        public static final String CONFORMANT = "conformant";
        public static final String NOT_CONFORMANT = "not-conformant";
        public static final String INCONCLUSIVE = "inconclusive";
        /** The kit itself failed during the run (an SDK driver died or answered garbage): no verdict on the target. */
        public static final String KIT_ERROR = "kit-error";
        /** Exit codes of {@code kit run} and {@code kit report --run}; 2 is a kit error, as picocli's usage errors. */
        public static final int EXIT_CONFORMANT = 0;
        public static final int EXIT_NOT_CONFORMANT = 1;
        public static final int EXIT_KIT_ERROR = 2;
        public static final int EXIT_INCONCLUSIVE = 3;

        @JsonIgnore
        public boolean passed() {
            return CONFORMANT.equals(result);
        }

        @JsonIgnore
        public int exitCode() {
            return switch (result) {
                case CONFORMANT -> EXIT_CONFORMANT;
                case INCONCLUSIVE -> EXIT_INCONCLUSIVE;
                case KIT_ERROR -> EXIT_KIT_ERROR;
                default -> EXIT_NOT_CONFORMANT;
            };
        }

        /** The outcome as the console and the reports spell it: CONFORMANT, NOT CONFORMANT, INCONCLUSIVE. */
        @JsonIgnore
        public String word() {
            return result.toUpperCase(java.util.Locale.ROOT).replace('-', ' ');
        }
    }

    /** Requirement counts per status within one behaviour area. */
    public record Area(String area, int total, Map<String, Integer> counts) {
    }

    /** One requirement of the catalogue and what the run showed of it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RequirementResult(String id, String level, String area, String statement, List<String> sentences,
                                    RequirementStatus status, String reason, List<ScenarioResult> scenarios) {
        /** The scenarios that failed a check of this requirement or met a target error: what a reader looks into. */
        @JsonIgnore
        public List<ScenarioResult> failingScenarios() {
            return scenarios.stream().filter(s -> s.judgementOf(id) == RequirementStatus.FAILED
                    || s.judgementOf(id) == RequirementStatus.TARGET_ERROR).toList();
        }
    }

    /** A seed sentence and the requirements that trace it, or the reason it is context only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SentenceTrace(String id, String section, String text, List<String> requirements, String context) {
    }
}

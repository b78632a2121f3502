package earkit.reports;

import com.fasterxml.jackson.annotation.JsonValue;

/** A scenario's result folded from its steps: undefined, pending and ambiguous steps count as failures. */
public enum ScenarioOutcome {
    PASSED("passed", "Passed"),
    /** Failed on a check ({@link ScenarioResult#failedRequirement()} names its requirement) or an error of the suite. */
    FAILED("failed", "Failed"),
    /** The target crashed, timed out or answered garbage (the suite's {@code TargetFault}). */
    TARGET_ERROR("target-error", "Target error"),
    /** The kit failed (an SDK driver died or answered garbage, the suite's {@code KitFault}): nothing was judged. */
    KIT_ERROR("kit-error", "Kit error"),
    /** Skipped by the suite, normally because the target lacks a capability the scenario needs. */
    NOT_APPLICABLE("not-applicable", "Not applicable");

    private final String code;
    private final String label;

    ScenarioOutcome(String code, String label) {
        this.code = code;
        this.label = label;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }
}

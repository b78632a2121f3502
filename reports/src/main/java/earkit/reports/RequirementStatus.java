package earkit.reports;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a requirement stands after a run. The JSON code is part of summary.json's stable format. */
public enum RequirementStatus {
    PASSED("passed", "Passed", "Pass", 5),
    /** A scenario failed on a check of this requirement (or on an error the suite could not attribute). */
    FAILED("failed", "Failed", "Fail", 0),
    /** The target crashed, timed out or answered garbage in a scenario of this requirement: never a refusal, never a pass. */
    TARGET_ERROR("target-error", "Target error", "Error", 0),
    /** The kit failed in a scenario of this requirement (an SDK driver died or answered garbage): nothing was judged. */
    KIT_ERROR("kit-error", "Kit error", "Kit error", 0),
    /** Its scenarios stopped earlier, on another requirement's check: nothing was judged of this one. */
    NOT_REACHED("not-reached", "Not reached", "Not reached", 2),
    NOT_APPLICABLE("not-applicable", "Not applicable", "N/A", 3),
    KNOWN_DEVIATION("known-deviation", "Known deviation", "Known", 1),
    /** Listed as a deviation of the target, yet it passed: the deviations file is out of date. */
    FLAGGED_DEVIATION("flagged-deviation", "Flagged deviation", "Flagged", 5),
    /** No scenario of the requirement ran (filtered out by tags, or not written yet). */
    NOT_RUN("not-run", "Not run", "Not run", 2);

    private final String code;
    private final String label;
    private final String shortLabel;
    /** How much the run shows of the requirement holding; {@code --compare} calls a drop "worse". */
    private final int assurance;

    RequirementStatus(String code, String label, String shortLabel, int assurance) {
        this.code = code;
        this.label = label;
        this.shortLabel = shortLabel;
        this.assurance = assurance;
    }

    /** The status of that code ({@code passed}, {@code not-applicable}, ...). */
    public static RequirementStatus byCode(String code) {
        for (RequirementStatus s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no requirement status '" + code + "'");
    }

    @JsonValue
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public String shortLabel() {
        return shortLabel;
    }

    public boolean isWorseThan(RequirementStatus other) {
        return assurance < other.assurance;
    }
}

package earkit.kit.run;

/** The result for one requirement over all of its scenarios in a run. */
public enum Verdict {
    /** Every applicable scenario passed, and at least one ran. */
    PASSED,
    /** At least one scenario failed. */
    FAILED,
    /** A failure the target's deviation file documents, with a reason. */
    KNOWN_DEVIATION,
    /** Every scenario was skipped: a capability the target lacks, or a documented not-applicable deviation. */
    NOT_APPLICABLE,
    /** No scenario of the requirement was selected (e.g. by --tags). */
    NOT_RUN
}

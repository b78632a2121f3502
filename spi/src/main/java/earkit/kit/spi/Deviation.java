package earkit.kit.spi;

/**
 * A documented difference of a target from one requirement, from {@code fixtures/targets/<name>/deviations.json}:
 * a known failure (the requirement's failures show as a known deviation) or, with status {@code not-applicable},
 * a requirement whose scenarios do not apply to the target. Every deviation carries its reason.
 */
public record Deviation(String requirement, String status, String reason) {
    public static final String KNOWN_FAILURE = "known-failure";
    public static final String NOT_APPLICABLE = "not-applicable";

    public Deviation {
        status = status == null || status.isBlank() ? KNOWN_FAILURE : status;
    }

    public boolean notApplicable() {
        return NOT_APPLICABLE.equals(status);
    }
}

package earkit.kit.steps;

/**
 * The target crashed, timed out or answered something that is not a documented answer (HTTP 5xx, a reset or
 * refused connection in the middle of a scenario, a response the SDK could not parse). Never a refusal and never
 * a verdict on one requirement: the verdict engine marks every requirement of the scenario TARGET ERROR.
 */
public final class TargetFault extends AssertionError {
    /** The prefix the verdict engine recognises when the exception's class is not in the message stream. */
    public static final String PREFIX = "[TARGET ERROR]";

    /**
     * @param call    what was called, e.g. {@code dynamodb GetItem}
     * @param outcome HTTP status and error code, or the exception's class, and its message
     * @param context the requirements of the scenario, so that a reader of a bare message sees what was being checked
     */
    public TargetFault(String call, String outcome, String context, Throwable cause) {
        super(PREFIX + " " + call + ": " + outcome + (context.isEmpty() ? "" : " (scenario of " + context + ")"), cause);
    }
}

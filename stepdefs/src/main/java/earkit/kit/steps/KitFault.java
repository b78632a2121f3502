package earkit.kit.steps;

/**
 * The kit itself failed during a scenario: the SDK driver of {@code kit run --sdk} died, answered garbage or failed
 * before its request left it. Nothing was judged of the target, so the reports show a kit error, never a failure
 * or a target error. An {@link AssertionError}, like {@link TargetFault}, so that no {@code catch (Exception)} of the
 * steps takes it for an answer.
 */
public final class KitFault extends AssertionError {
    /** The prefix the verdict engine recognises when the exception's class is not in the message stream. */
    public static final String PREFIX = "[KIT ERROR]";

    public KitFault(String call, String outcome, String context, Throwable cause) {
        super(PREFIX + " " + call + ": " + outcome + (context.isEmpty() ? "" : " (scenario of " + context + ")"), cause);
    }
}

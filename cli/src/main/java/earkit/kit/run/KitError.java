package earkit.kit.run;

/**
 * The kit could not run: bad options, an unknown capability, a tag expression matching no scenario, an unreadable
 * profile, a failed pre-flight. Never a verdict on the target; {@code kit} prints the message as one line and exits 2.
 */
public final class KitError extends RuntimeException {
    public KitError(String message) {
        super(message);
    }

    public KitError(String message, Throwable cause) {
        super(message, cause);
    }
}

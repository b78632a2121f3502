package earkit.sdkcompat;

/**
 * The driver itself failed: its process ended, it answered something that is not the driver protocol, or it failed
 * before its request left it (an operation its SDK does not know). A fault of the kit, never an answer of the
 * service, unlike an {@link SdkError} with HTTP status 0 (the SDK sent the request and got no answer).
 */
public final class DriverFailure extends RuntimeException {
    public DriverFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public DriverFailure(String message) {
        super(message);
    }
}

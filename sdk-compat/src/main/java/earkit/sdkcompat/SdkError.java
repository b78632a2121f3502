package earkit.sdkcompat;

/**
 * What an SDK raised for a call: the service's error code and HTTP status as the SDK read them, and the type of
 * the SDK's exception (a modeled type such as {@code ResourceNotFoundException}, or the SDK's generic service
 * exception). {@code httpStatus} 0 means no answer of the service at all (a driver or connection failure), which is
 * never taken for a refusal.
 */
public final class SdkError extends RuntimeException {
    private final String code;
    private final int httpStatus;
    private final String sdkExceptionType;
    private final String serviceMessage;

    public SdkError(String code, int httpStatus, String message, String sdkExceptionType) {
        super(code + " (HTTP " + httpStatus + ", " + sdkExceptionType + "): " + message);
        this.code = code;
        this.httpStatus = httpStatus;
        this.sdkExceptionType = sdkExceptionType;
        this.serviceMessage = message;
    }

    /** The error's message as the service sent it. */
    public String serviceMessage() {
        return serviceMessage;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String sdkExceptionType() {
        return sdkExceptionType;
    }
}

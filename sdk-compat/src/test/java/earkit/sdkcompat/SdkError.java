package earkit.sdkcompat;

/**
 * What an SDK raised for a call: the service's error code and HTTP status as the SDK read them, and the type of
 * the SDK's exception (a modeled type such as {@code ResourceNotFoundException}, or the SDK's generic service
 * exception). {@code httpStatus} 0 means no answer of the service at all (a driver or connection failure), which is
 * never taken for a refusal.
 */
final class SdkError extends RuntimeException {
    private final String code;
    private final int httpStatus;
    private final String sdkExceptionType;

    SdkError(String code, int httpStatus, String message, String sdkExceptionType) {
        super(code + " (HTTP " + httpStatus + ", " + sdkExceptionType + "): " + message);
        this.code = code;
        this.httpStatus = httpStatus;
        this.sdkExceptionType = sdkExceptionType;
    }

    String code() {
        return code;
    }

    int httpStatus() {
        return httpStatus;
    }

    String sdkExceptionType() {
        return sdkExceptionType;
    }
}

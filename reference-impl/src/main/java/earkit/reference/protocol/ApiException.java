package earkit.reference.protocol;

import software.amazon.awssdk.core.SdkPojo;

/**
 * An AWS-shaped error: the wire code (what goes into {@code __type}), the message and the HTTP status.
 * Every refusal of the reference is one of these; anything else escaping a handler is a bug and is
 * still answered as an AWS-shaped {@code InternalServerError}.
 */
public class ApiException extends RuntimeException {
    private final String code;
    private final int status;
    private SdkPojo members;

    public ApiException(String code, String message) {
        this(code, message, 400);
    }

    public ApiException(String code, String message, int status) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /**
     * The modeled error's own members beside {@code message} (e.g. a TransactionCanceledException's
     * {@code CancellationReasons}), written into the error body by the SDK's field metadata.
     */
    public ApiException withMembers(SdkPojo modeledError) {
        this.members = modeledError;
        return this;
    }

    /** The members {@link #withMembers} gave, or null. */
    public SdkPojo members() {
        return members;
    }

    public static ApiException validation(String message) {
        return new ApiException("ValidationException", message);
    }

    public static ApiException serialization(String message) {
        return new ApiException("SerializationException", message);
    }
}

package earkit.reference.domain;

/**
 * A refusal of the domain, named by the AWS error code the documentation gives for it (e.g.
 * {@code ResourceNotFoundException}) with the message AWS words. The domain never speaks the wire:
 * the service layer turns each into the AWS-shaped error ({@code __type}, HTTP status) in one place,
 * {@code earkit.reference.service.WireErrors}. No stack trace: refusals are answers, not bugs.
 */
public class DomainException extends RuntimeException {
    /** The one code that says the fault is the server's, not the request's. */
    public static final String INTERNAL = "InternalServerError";

    private final String code;

    public DomainException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The AWS error code name, e.g. {@code ValidationException}. */
    public String code() {
        return code;
    }

    /** Whether the server, not the request, is at fault. */
    public boolean internal() {
        return INTERNAL.equals(code);
    }

    public static DomainException validation(String message) {
        return new DomainException("ValidationException", message);
    }

    public static DomainException internal(String message) {
        return new DomainException(INTERNAL, message);
    }
}

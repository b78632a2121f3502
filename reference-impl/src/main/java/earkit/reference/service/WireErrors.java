package earkit.reference.service;

import earkit.reference.domain.DomainException;
import earkit.reference.protocol.ApiException;
import earkit.reference.protocol.Operations;

/**
 * The one place where a domain refusal becomes a wire error: its AWS error code goes into {@code __type},
 * its message as it is, and the HTTP status is 500 for the server's own fault, else 400.
 */
public final class WireErrors {
    /** For {@link Operations}: domain refusals are answered, anything else is left a bug. */
    public static final Operations.Refusals REFUSALS = e -> e instanceof DomainException d ? of(d) : null;

    private WireErrors() {
    }

    public static ApiException of(DomainException e) {
        return new ApiException(e.code(), e.getMessage(), e.internal() ? 500 : 400);
    }
}

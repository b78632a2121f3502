package earkit.reference.domain.table;

import earkit.reference.domain.DomainException;

/**
 * KMS could not answer (throttling, an internal error, a timeout): no verdict on the key. Unlike
 * {@link KeyAccessException} it never makes a table inaccessible; a connection holding the table key keeps
 * serving from it while the refresh is retried (the kit's reading, features/README.md "KMS trouble is not key loss").
 */
public final class KmsTroubleException extends DomainException {
    public KmsTroubleException(String message) {
        super(DomainException.INTERNAL, message);
    }
}

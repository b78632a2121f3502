package earkit.reference.domain.table;

import earkit.reference.domain.DomainException;

/**
 * Stored data of a table failed its integrity check (a ciphertext or wrapped key altered, truncated,
 * swapped or moved): the read is refused and nothing of the damaged data is returned. DynamoDB has no
 * documented code for this; a 400 with its own name tells clients it is neither their request's fault
 * to retry nor a transient server error.
 */
public final class IntegrityException extends DomainException {
    public static final String CODE = "DataIntegrityException";

    public IntegrityException(String what) {
        super(CODE, "Stored data of this table failed its integrity check (" + what + "); it is not returned.");
    }
}

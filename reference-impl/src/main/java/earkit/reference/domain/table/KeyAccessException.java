package earkit.reference.domain.table;

import earkit.reference.domain.DomainException;

/**
 * KMS refused the table key (disabled, pending deletion, deleted, grant or policy gone): the table is
 * inaccessible, and the request fails as DynamoDB fails it (EAR-INA-001; the wording of features/README.md, J3).
 */
public final class KeyAccessException extends DomainException {
    private final String kmsCode;
    private final String kmsError;

    public KeyAccessException(String kmsCode, String kmsError) {
        super("AccessDeniedException", "KMS key access denied error: " + kmsError);
        this.kmsCode = kmsCode;
        this.kmsError = kmsError;
    }

    /** KMS's error code, e.g. DisabledException. */
    public String kmsCode() {
        return kmsCode;
    }

    /** KMS's error as DynamoDB words it. */
    public String kmsError() {
        return kmsError;
    }
}

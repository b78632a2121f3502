package earkit.reference.domain.table;

import earkit.reference.protocol.ApiException;

/**
 * KMS refused the table key (disabled, pending deletion, deleted, grant or policy gone): the table is
 * inaccessible, and the request fails as DynamoDB fails it (spec-facts fact 27).
 */
public final class KeyAccessException extends ApiException {
    public KeyAccessException(String kmsError) {
        super("AccessDeniedException", "KMS key access denied error: " + kmsError);
    }
}

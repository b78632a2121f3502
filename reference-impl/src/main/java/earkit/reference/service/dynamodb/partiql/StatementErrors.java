package earkit.reference.service.dynamodb.partiql;

import earkit.reference.protocol.ApiException;

/**
 * The ValidationExceptions of PartiQL statements, worded as DynamoDB words them where its wording is known
 * (features/README.md, "PartiQL", records the rest).
 */
public final class StatementErrors {
    private StatementErrors() {
    }

    /** A statement the parser cannot read, or one outside DynamoDB's subset of PartiQL. */
    static ApiException malformed(String detail) {
        return ApiException.validation("Statement wasn't well formed, can't be processed: " + detail);
    }

    static ApiException unsupported(String what) {
        return malformed("Unsupported " + what);
    }

    static ApiException keyNotNamed() {
        return ApiException.validation("Where clause does not contain a mandatory equality on all key attributes");
    }

    static ApiException parameterCount() {
        return ApiException.validation("Number of parameters in request and statement don't match.");
    }

    /** INSERT of a key that exists: DynamoDB's DuplicateItemException (API reference, ExecuteStatement errors). */
    public static ApiException duplicate() {
        return new ApiException("DuplicateItemException", "Duplicate primary key exists in table");
    }
}

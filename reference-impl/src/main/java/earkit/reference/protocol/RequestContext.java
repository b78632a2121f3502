package earkit.reference.protocol;

/**
 * Who is calling, from where, over which connection. {@code onBehalfOf} is set when the DynamoDB
 * service of the reference calls KMS for a caller: the audit then shows that caller with
 * {@code invokedBy: dynamodb.amazonaws.com}.
 */
public record RequestContext(String requestId, Identity identity, String region, String service,
                             String operation, String connectionId, String sourceIp, String userAgent,
                             Identity onBehalfOf) {

    /** The account whose resources the request acts on. */
    public String accountId() {
        return onBehalfOf != null ? onBehalfOf.accountId() : identity.accountId();
    }

    /** The principal whose permissions apply: the caller, or the caller the service acts for. */
    public Identity principal() {
        return onBehalfOf != null ? onBehalfOf : identity;
    }

    public boolean viaService() {
        return identity.service();
    }
}

package earkit.reference.protocol;

/**
 * A caller the reference knows. {@code accountAdmin} means IAM grants it every KMS action in its own
 * account, so a key policy that delegates to the account root lets it in; a non-admin user needs the
 * key policy to name it, or a grant.
 */
public record Identity(String accessKeyId, String secretKey, String accountId, String arn, String type,
                       String userName, boolean accountAdmin, boolean service) {

    public static final String SERVICE_PRINCIPAL = "dynamodb.amazonaws.com";

    public String accountRootArn() {
        return "arn:aws:iam::" + accountId + ":root";
    }
}

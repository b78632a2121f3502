package earkit.reference.domain.kms;

/**
 * Who asks KMS for something, as far as authorization cares. {@code arn} is the principal whose
 * permissions apply (for the DynamoDB service acting for a user: that user); {@code viaService} is
 * the regional service principal ({@code dynamodb.us-east-1.amazonaws.com}) when the call came
 * through DynamoDB, else null; {@code serviceOnly} means DynamoDB called on its own behalf.
 * {@code iamAdmin} says whether IAM grants this principal every KMS action in its account, which is
 * what a key policy statement naming the account root delegates to.
 */
public record Caller(String arn, String accountId, boolean iamAdmin, String viaService, boolean serviceOnly) {

    public static final String SERVICE_PRINCIPAL = "dynamodb.amazonaws.com";

    public boolean throughService() {
        return viaService != null;
    }
}

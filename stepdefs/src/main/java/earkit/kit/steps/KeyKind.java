package earkit.kit.steps;

/** The three kinds of KMS key a table can be encrypted with, as the features name them. */
public enum KeyKind {
    AWS_OWNED("AWS owned"), AWS_MANAGED("AWS managed"), CUSTOMER_MANAGED("customer managed");

    final String phrase;

    KeyKind(String phrase) {
        this.phrase = phrase;
    }

    /** The kind an SSESpecification chooses: none or Enabled false is the AWS owned key, no key ID the AWS managed key. */
    static KeyKind of(software.amazon.awssdk.services.dynamodb.model.SSESpecification sse) {
        if (sse == null || !Boolean.TRUE.equals(sse.enabled())) {
            return AWS_OWNED;
        }
        return sse.kmsMasterKeyId() == null ? AWS_MANAGED : CUSTOMER_MANAGED;
    }

    @Override
    public String toString() {
        return phrase;
    }
}

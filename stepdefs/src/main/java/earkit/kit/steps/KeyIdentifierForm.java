package earkit.kit.steps;

/** How a customer managed key is named in KMSMasterKeyId (Amazon DynamoDB API Reference: SSESpecification). */
public enum KeyIdentifierForm {
    KEY_ID("key ID"), KEY_ARN("key ARN"), ALIAS_NAME("alias name"), ALIAS_ARN("alias ARN");

    final String phrase;

    KeyIdentifierForm(String phrase) {
        this.phrase = phrase;
    }

    @Override
    public String toString() {
        return phrase;
    }
}

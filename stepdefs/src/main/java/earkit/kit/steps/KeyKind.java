package earkit.kit.steps;

/** The three kinds of KMS key a table can be encrypted with, as the features name them. */
public enum KeyKind {
    AWS_OWNED("AWS owned"), AWS_MANAGED("AWS managed"), CUSTOMER_MANAGED("customer managed");

    final String phrase;

    KeyKind(String phrase) {
        this.phrase = phrase;
    }

    static KeyKind fromPhrase(String phrase) {
        for (KeyKind k : values()) {
            if (k.phrase.equals(phrase)) {
                return k;
            }
        }
        throw new IllegalArgumentException("Unknown key kind '" + phrase + "'");
    }

    @Override
    public String toString() {
        return phrase;
    }
}

package earkit.kit.steps;

/** Ways a customer takes a key away from DynamoDB (S26). */
public enum KeyWithdrawal {
    DISABLED("disabled"), SCHEDULED_FOR_DELETION("scheduled for deletion");

    final String phrase;

    KeyWithdrawal(String phrase) {
        this.phrase = phrase;
    }

    @Override
    public String toString() {
        return phrase;
    }
}

package earkit.kit.steps;

/** Management operations the AWS managed key refuses (AWS KMS Developer Guide: AWS KMS concepts). */
public enum KeyManagementOperation {
    DISABLE("disable"), SCHEDULE_DELETION("schedule deletion of"), REPLACE_POLICY("replace the policy of"),
    DISABLE_ROTATION("disable rotation of"), TAG("tag");

    final String phrase;

    KeyManagementOperation(String phrase) {
        this.phrase = phrase;
    }

    @Override
    public String toString() {
        return phrase;
    }
}

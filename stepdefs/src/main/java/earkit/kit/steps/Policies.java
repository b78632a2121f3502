package earkit.kit.steps;

/** Key policies the scenarios put on keys (the customer's own full-control policy). */
final class Policies {
    private Policies() {
    }

    static String fullControl(String account) {
        return """
                {"Version":"2012-10-17","Id":"earkit-full-control","Statement":[{"Sid":"Enable IAM policies",\
                "Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"kms:*","Resource":"*"}]}"""
                .formatted(account);
    }
}

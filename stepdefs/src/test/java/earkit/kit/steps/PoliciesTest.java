package earkit.kit.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EAR-MAN-004 reads the AWS managed key's policy as JSON, statement by statement: principal, actions,
 * kms:CallerAccount and kms:ViaService must each be right; the word "dynamodb" somewhere in it is not enough.
 */
class PoliciesTest {
    private static final String ACCOUNT = "111122223333";
    private static final String ACTIONS = "[\"kms:Encrypt\",\"kms:Decrypt\",\"kms:ReEncrypt*\",\"kms:GenerateDataKey*\",\"kms:CreateGrant\",\"kms:DescribeKey\"]";

    private static String statement(String principal, String actions, String condition) {
        return "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal + ",\"Action\":" + actions
                + ",\"Resource\":\"*\"" + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}";
    }

    private static List<String> problems(String policy) {
        return Policies.dynamoDbUseProblems(policy, ACCOUNT, "us-east-1");
    }

    @Test
    void theAwsManagedKeyPoliciesOfTheDocumentationPass() {
        // auto-dynamodb-3 (StringLike, any Region) and auto-dynamodb-1 (StringEquals, the key's Region)
        assertEquals(List.of(), problems(statement("{\"AWS\":\"*\"}", ACTIONS,
                "{\"StringEquals\":{\"kms:CallerAccount\":\"" + ACCOUNT + "\"},\"StringLike\":{\"kms:ViaService\":\"dynamodb.*.amazonaws.com\"}}")));
        assertEquals(List.of(), problems(statement("{\"AWS\":\"*\"}", ACTIONS,
                "{\"StringEquals\":{\"kms:CallerAccount\":\"" + ACCOUNT + "\",\"kms:ViaService\":[\"dynamodb.us-east-1.amazonaws.com\"]}}")));
        assertEquals(List.of(), problems(statement("{\"AWS\":\"*\"}", "\"kms:*\"",
                "{\"StringEquals\":{\"kms:CallerAccount\":\"" + ACCOUNT + "\",\"kms:ViaService\":\"dynamodb.us-east-1.amazonaws.com\"}}")));
    }

    @Test
    void eachWrongPartIsNamed() {
        String good = "{\"StringEquals\":{\"kms:CallerAccount\":\"" + ACCOUNT + "\",\"kms:ViaService\":\"dynamodb.us-east-1.amazonaws.com\"}}";
        assertTrue(problems(statement("{\"AWS\":\"*\"}", ACTIONS, "{\"StringLike\":{\"kms:ViaService\":\"dynamodb.*.amazonaws.com\"}}"))
                .toString().contains("kms:CallerAccount"), "no CallerAccount condition");
        assertTrue(problems(statement("{\"AWS\":\"*\"}", ACTIONS, good.replace(ACCOUNT, "444455556666")))
                .toString().contains("kms:CallerAccount"), "another account");
        assertTrue(problems(statement("{\"AWS\":\"*\"}", ACTIONS, good.replace("dynamodb.us-east-1", "dynamodb.eu-west-1")))
                .toString().contains("kms:ViaService"), "another Region, StringEquals");
        assertTrue(problems(statement("{\"AWS\":\"*\"}", ACTIONS, good.replace("dynamodb.us-east-1", "s3.us-east-1")))
                .toString().contains("kms:ViaService"), "another service");
        assertTrue(problems(statement("{\"AWS\":\"*\"}", ACTIONS, "{\"StringEquals\":{\"kms:CallerAccount\":\"" + ACCOUNT
                + "\"},\"StringLike\":{\"kms:ViaService\":\"*.amazonaws.com\"}}")).toString().contains("kms:ViaService"), "every service");
        assertTrue(problems(statement("{\"AWS\":\"*\"}", "[\"kms:Decrypt\",\"kms:DescribeKey\"]", good))
                .toString().contains("kms:GenerateDataKey"), "actions");
        assertTrue(problems(statement("{\"AWS\":\"arn:aws:iam::444455556666:root\"}", ACTIONS, good))
                .toString().contains("Principal"), "another account's principal");
    }

    @Test
    void aMentionOfDynamoDbIsNotAnAllowanceForIt() {
        assertFalse(problems("""
                {"Id":"dynamodb-key","Statement":[{"Sid":"dynamodb","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},
                "Action":"kms:*","Resource":"*"}]}""").isEmpty());
        assertFalse(problems("""
                {"Statement":[{"Effect":"Allow","Principal":{"Service":"dynamodb.amazonaws.com"},"Action":"kms:Describe*","Resource":"*"}]}""")
                .isEmpty(), "the service principal's read-only statement does not let DynamoDB use the key");
        assertFalse(problems(statement("{\"AWS\":\"*\"}", ACTIONS, "{\"StringEquals\":{\"kms:CallerAccount\":\"" + ACCOUNT
                + "\",\"kms:ViaService\":\"dynamodb.us-east-1.amazonaws.com\"}}").replace("]}", "]}").replace("}]}",
                "},{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}")).isEmpty(), "an unconditioned Deny");
        assertFalse(problems("not json, but it says dynamodb").isEmpty());
        assertFalse(problems(null).isEmpty());
    }

    @Test
    void iamWildcards() {
        assertTrue(Policies.glob("kms:generatedatakey*", "kms:generatedatakey"));
        assertTrue(Policies.glob("dynamodb.*.amazonaws.com", "dynamodb.us-east-1.amazonaws.com"));
        assertFalse(Policies.glob("dynamodb.*.amazonaws.com", "s3.us-east-1.amazonaws.com"));
        assertFalse(Policies.glob("kms:Decrypt", "kms:DecryptX"));
    }
}

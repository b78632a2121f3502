package earkit.reference.domain.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import earkit.reference.domain.DomainException;
import org.junit.jupiter.api.Test;

/** Key policy evaluation: the account root delegates to IAM, the AWS managed key allows use only through DynamoDB, deny wins, malformed documents are refused. */
class KeyPolicyTest {
    private static final Caller ROOT = new Caller("arn:aws:iam::000000000000:root", "000000000000", true, null, false);
    private static final Caller USER = new Caller("arn:aws:iam::000000000000:user/restricted", "000000000000", false, null, false);
    private static final Caller OTHER = new Caller("arn:aws:iam::111111111111:root", "111111111111", true, null, false);
    private static final Caller VIA_DDB = new Caller("arn:aws:iam::000000000000:user/restricted", "000000000000", false,
            "dynamodb.us-east-1.amazonaws.com", false);
    private static final Caller DDB = new Caller("dynamodb.amazonaws.com", "000000000000", false,
            "dynamodb.us-east-1.amazonaws.com", true);

    @Test
    void accountRootDelegatesToIam() {
        KeyPolicy p = KeyPolicy.parse(KeyPolicy.defaultPolicy("000000000000"));
        assertEquals(KeyPolicy.Decision.ALLOW, p.evaluate(ROOT, "DisableKey"));
        assertEquals(KeyPolicy.Decision.NO_ALLOW, p.evaluate(USER, "Encrypt"));
        assertEquals(KeyPolicy.Decision.NO_ALLOW, p.evaluate(OTHER, "Encrypt"));
        assertEquals(KeyPolicy.Decision.NO_ALLOW, p.evaluate(DDB, "DescribeKey"));
    }

    @Test
    void managedKeyPolicyAllowsUseOnlyThroughDynamoDb() {
        KeyPolicy p = KeyPolicy.parse(KeyPolicy.dynamoDbManagedPolicy("000000000000"));
        assertEquals(KeyPolicy.Decision.NO_ALLOW, p.evaluate(USER, "Decrypt"));
        assertEquals(KeyPolicy.Decision.ALLOW, p.evaluate(VIA_DDB, "Decrypt"));
        assertEquals(KeyPolicy.Decision.ALLOW, p.evaluate(VIA_DDB, "ReEncryptFrom"));
        assertEquals(KeyPolicy.Decision.ALLOW, p.evaluate(VIA_DDB, "GenerateDataKeyWithoutPlaintext"));
        assertEquals(KeyPolicy.Decision.NO_ALLOW, p.evaluate(VIA_DDB, "DisableKey"));
        assertEquals(KeyPolicy.Decision.ALLOW, p.evaluate(ROOT, "GetKeyRotationStatus"));
        assertEquals(KeyPolicy.Decision.ALLOW, p.evaluate(ROOT, "RevokeGrant"));
        assertEquals(KeyPolicy.Decision.NO_ALLOW, p.evaluate(ROOT, "Encrypt"));
        assertEquals(KeyPolicy.Decision.ALLOW, p.evaluate(DDB, "DescribeKey"));
        assertEquals(KeyPolicy.Decision.NO_ALLOW, p.evaluate(DDB, "Decrypt"));
        Caller otherViaDdb = new Caller("arn:aws:iam::111111111111:root", "111111111111", true, "dynamodb.us-east-1.amazonaws.com", false);
        assertEquals(KeyPolicy.Decision.NO_ALLOW, p.evaluate(otherViaDdb, "Decrypt"));
    }

    @Test
    void unknownConditionsNeverMatchAndDenyWins() {
        KeyPolicy p = KeyPolicy.parse("{\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}},"
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"kms:Describe*\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:user/restricted\"},\"Action\":\"kms:DescribeKey\"}]}");
        assertEquals(KeyPolicy.Decision.NO_ALLOW, p.evaluate(ROOT, "Encrypt"));
        assertEquals(KeyPolicy.Decision.ALLOW, p.evaluate(ROOT, "DescribeKey"));
        assertEquals(KeyPolicy.Decision.EXPLICIT_DENY, p.evaluate(USER, "DescribeKey"));
    }

    @Test
    void malformedDocumentsAreRefused() {
        for (String doc : new String[] {"", "[]", "{}", "{\"Statement\":[]}", "{\"Statement\":[{\"Effect\":\"Maybe\"}]}",
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\"}]}"}) {
            DomainException e = assertThrows(DomainException.class, () -> KeyPolicy.parse(doc), doc);
            assertEquals("MalformedPolicyDocumentException", e.code());
        }
    }
}

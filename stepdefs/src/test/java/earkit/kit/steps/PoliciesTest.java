package earkit.kit.steps;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** EAR-MAN-004 reads the AWS managed key's policy as JSON: the word "dynamodb" somewhere in it must not be enough. */
class PoliciesTest {
    @Test
    void theAwsManagedKeyPoliciesLetDynamoDbUseTheKey() {
        assertTrue(Policies.letsDynamoDbUse("""
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["kms:Decrypt"],"Resource":"*",
                "Condition":{"StringEquals":{"kms:CallerAccount":"1"},"StringLike":{"kms:ViaService":"dynamodb.*.amazonaws.com"}}}]}"""));
        assertTrue(Policies.letsDynamoDbUse("""
                {"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*",
                "Condition":{"StringEquals":{"kms:ViaService":["dynamodb.us-east-1.amazonaws.com"]}}}}"""));
        assertTrue(Policies.letsDynamoDbUse("""
                {"Statement":[{"Effect":"Allow","Principal":{"Service":"dynamodb.amazonaws.com"},"Action":"kms:Describe*","Resource":"*"}]}"""));
    }

    @Test
    void aMentionOfDynamoDbIsNotAnAllowanceForIt() {
        assertFalse(Policies.letsDynamoDbUse("""
                {"Id":"dynamodb-key","Statement":[{"Sid":"dynamodb","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},
                "Action":"kms:*","Resource":"*"}]}"""));
        assertFalse(Policies.letsDynamoDbUse("""
                {"Statement":[{"Effect":"Deny","Principal":{"Service":"dynamodb.amazonaws.com"},"Action":"kms:*","Resource":"*"}]}"""));
        assertFalse(Policies.letsDynamoDbUse("not json, but it says dynamodb"));
        assertFalse(Policies.letsDynamoDbUse(null));
    }
}

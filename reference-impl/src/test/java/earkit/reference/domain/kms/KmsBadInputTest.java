package earkit.reference.domain.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.reference.KitServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mock KMS refuses malformed, missing and out-of-range input with the modeled errors, never a 5xx. */
class KmsBadInputTest extends KmsTestBase {
    private static final String JSON11 = "application/x-amz-json-1.1";

    private KitServer.Answer call(String operation, String body) {
        return kit.signedRaw("TrentService." + operation, JSON11, body, "test", "test");
    }

    private static void refused(KitServer.Answer a, String code) {
        assertEquals(400, a.status(), a.body());
        assertEquals(code, a.type(), a.body());
        assertTrue(a.json().has("message"), a.body());
    }

    @Test
    void malformedJsonIsASerializationError() {
        refused(call("CreateKey", "{\"Description\": "), "SerializationException");
        refused(call("CreateKey", "[1,2]"), "SerializationException");
    }

    @Test
    void missingAndMistypedMembersAreRefused() {
        KitServer.Answer missing = call("DescribeKey", "{}");
        refused(missing, "ValidationException");
        assertTrue(missing.json().get("message").asText().contains("'keyId' failed to satisfy constraint: Member must not be null"));
        refused(call("Encrypt", "{\"KeyId\": \"alias/x\"}"), "ValidationException");
        refused(call("CreateGrant", "{\"KeyId\": \"alias/x\", \"GranteePrincipal\": \"p\"}"), "ValidationException");
        refused(call("Decrypt", "{}"), "ValidationException");
        refused(call("DescribeKey", "{\"KeyId\": 42}"), "SerializationException");
        // refused requests are audited too
        assertEquals("SerializationException", document(events("DescribeKey").get(0)).get("errorCode").asText());
        assertTrue(document(events("DescribeKey").get(0)).get("requestParameters").isNull());
        refused(call("Encrypt", "{\"KeyId\": \"alias/x\", \"Plaintext\": \"%%%\"}"), "SerializationException");
        refused(call("ScheduleKeyDeletion", "{\"KeyId\": \"k\", \"PendingWindowInDays\": \"seven\"}"), "SerializationException");
        refused(call("Encrypt", "{\"KeyId\": \"alias/x\", \"Plaintext\": \"eA==\", \"EncryptionContext\": [1]}"),
                "SerializationException");
    }

    @Test
    void noOperationAnswersOddInputWithA5xx() {
        String id = newKey();
        String blob = java.util.Base64.getEncoder().encodeToString(kms.encrypt(r -> r.keyId(id).plaintext(bytes("x")))
                .ciphertextBlob().asByteArray());
        List<String> operations = List.of("CreateKey", "DescribeKey", "ListKeys", "ListAliases", "CreateAlias", "UpdateAlias",
                "DeleteAlias", "EnableKey", "DisableKey", "ScheduleKeyDeletion", "CancelKeyDeletion", "EnableKeyRotation",
                "DisableKeyRotation", "GetKeyRotationStatus", "RotateKeyOnDemand", "ListKeyRotations", "Encrypt", "Decrypt",
                "ReEncrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "CreateGrant", "ListGrants", "RetireGrant",
                "RevokeGrant", "ListRetirableGrants", "GetKeyPolicy", "PutKeyPolicy", "ListKeyPolicies", "TagResource",
                "UntagResource", "ListResourceTags", "UpdateKeyDescription");
        List<String> bodies = List.of("", "{}", "null", "{\"KeyId\":\"\"}", "{\"KeyId\":\"" + id + "\"}",
                "{\"KeyId\":\"" + id + "\",\"Limit\":-1,\"Marker\":\"zz\",\"PendingWindowInDays\":-5,"
                        + "\"RotationPeriodInDays\":0,\"NumberOfBytes\":0,\"KeySpec\":\"AES_9\",\"Tags\":[],"
                        + "\"TagKeys\":[],\"Policy\":\"\",\"GrantId\":\"\",\"GrantToken\":\"\",\"Operations\":[],"
                        + "\"GranteePrincipal\":\"\",\"AliasName\":\"\",\"TargetKeyId\":\"\",\"Plaintext\":\"\","
                        + "\"CiphertextBlob\":\"" + blob + "\",\"DestinationKeyId\":\"alias/aws/dynamodb\","
                        + "\"RetiringPrincipal\":\"\",\"Description\":\"d\"}",
                "{\"KeyId\":{\"a\":1},\"Tags\":\"x\",\"EncryptionContext\":{\"k\":5}}");
        for (String op : operations) {
            for (String body : bodies) {
                KitServer.Answer a = call(op, body);
                assertTrue(a.status() == 200 || a.status() == 400, op + " " + body + " -> " + a.status() + " " + a.body());
                if (a.status() == 400) {
                    assertTrue(!a.type().isEmpty() && a.json().has("message"), op + " " + body + " -> " + a.body());
                }
            }
        }
    }

    @Test
    void unknownOperationIsRefused() {
        refused(call("MakeCoffee", "{}"), "UnknownOperationException");
    }

    @Test
    void unknownAndMalformedKeyIds() {
        String unknown = "11111111-2222-3333-4444-555555555555";
        assertEquals("Key 'arn:aws:kms:us-east-1:000000000000:key/" + unknown + "' does not exist",
                fails("NotFoundException", () -> kms.describeKey(r -> r.keyId(unknown))).awsErrorDetails().errorMessage());
        assertEquals("Invalid keyId 'not-a-key'",
                fails("NotFoundException", () -> kms.describeKey(r -> r.keyId("not-a-key"))).awsErrorDetails().errorMessage());
        assertEquals("Invalid arn eu-west-1", fails("NotFoundException", () -> kms.describeKey(
                r -> r.keyId("arn:aws:kms:eu-west-1:000000000000:key/" + unknown))).awsErrorDetails().errorMessage());
        fails("NotFoundException", () -> kms.disableKey(r -> r.keyId("alias/anything")));
        fails("NotFoundException", () -> kms.encrypt(r -> r.keyId("alias/missing").plaintext(bytes("x"))));
    }

    @Test
    void outOfRangeNumbersAreValidationErrors() {
        String id = newKey();
        fails("ValidationException", () -> kms.scheduleKeyDeletion(r -> r.keyId(id).pendingWindowInDays(0)));
        fails("ValidationException", () -> kms.scheduleKeyDeletion(r -> r.keyId(id).pendingWindowInDays(365)));
        fails("ValidationException", () -> kms.enableKeyRotation(r -> r.keyId(id).rotationPeriodInDays(30)));
        fails("ValidationException", () -> kms.enableKeyRotation(r -> r.keyId(id).rotationPeriodInDays(3000)));
        fails("ValidationException", () -> kms.listKeys(r -> r.limit(0)));
        fails("InvalidMarkerException", () -> kms.listKeys(r -> r.marker("not-a-marker")));
        fails("ValidationException", () -> kms.createGrant(r -> r.keyId(id).granteePrincipal("p").operationsWithStrings("Fly")));
        fails("ValidationException", () -> kms.createKey(r -> r.keySpec("ECC_NIST_P256").keyUsage("ENCRYPT_DECRYPT")));
    }

    @Test
    void aliasNamesAreChecked() {
        String id = newKey();
        assertEquals("Alias must start with the prefix \"alias/\". Please see "
                        + "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html",
                fails("ValidationException", () -> kms.createAlias(r -> r.aliasName("orders").targetKeyId(id)))
                        .awsErrorDetails().errorMessage());
        fails("InvalidAliasNameException", () -> kms.createAlias(r -> r.aliasName("alias/aws/mine").targetKeyId(id)));
        fails("InvalidAliasNameException", () -> kms.createAlias(r -> r.aliasName("alias/aws/dynamodb").targetKeyId(id)));
        fails("ValidationException", () -> kms.createAlias(r -> r.aliasName("alias/has space").targetKeyId(id)));
    }

    @Test
    void nonSymmetricKeysAreRefusedForSymmetricOperations() {
        String sign = kms.createKey(r -> r.keySpec("ECC_NIST_P256").keyUsage("SIGN_VERIFY")).keyMetadata().keyId();
        assertTrue(fails("InvalidKeyUsageException", () -> kms.encrypt(r -> r.keyId(sign).plaintext(bytes("x"))))
                .awsErrorDetails().errorMessage().endsWith("key usage is SIGN_VERIFY which is not valid for Encrypt."));
        fails("UnsupportedOperationException", () -> kms.enableKeyRotation(r -> r.keyId(sign)));
    }
}

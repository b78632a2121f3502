package earkit.reference.domain.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.reference.KitServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CreateGrantResponse;
import software.amazon.awssdk.services.kms.model.GrantListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/** The mock KMS authorizes by key policy, IAM and grants, across users and accounts, as KMS does. */
class KmsAuthorizationTest extends KmsTestBase {
    private static final String DDB = "dynamodb.us-east-1.amazonaws.com";
    private final KmsClient restricted = kit.kms("restricted", "restricted");
    private final KmsClient other = kit.kms("other", "other");

    @Test
    void restrictedUserCannotManageOrUseAKeyOfTheDefaultPolicy() {
        KeyMetadata k = kms.createKey().keyMetadata();
        assertEquals("User: " + KitServer.RESTRICTED_ARN + " is not authorized to perform: kms:DisableKey on resource: "
                        + k.arn() + " because no resource-based policy allows the kms:DisableKey action",
                fails("AccessDeniedException", () -> restricted.disableKey(r -> r.keyId(k.keyId()))).awsErrorDetails().errorMessage());
        fails("AccessDeniedException", () -> restricted.encrypt(r -> r.keyId(k.keyId()).plaintext(bytes("x"))));
        fails("AccessDeniedException", () -> restricted.describeKey(r -> r.keyId(k.keyId())));
        fails("AccessDeniedException", restricted::createKey);
        fails("AccessDeniedException", restricted::listKeys);
    }

    @Test
    void aGrantLetsTheRestrictedUserEncryptWithinItsConstraint() {
        String id = newKey();
        CreateGrantResponse g = kms.createGrant(r -> r.keyId(id).granteePrincipal(KitServer.RESTRICTED_ARN)
                .operationsWithStrings("Encrypt", "Decrypt").constraints(c -> c.encryptionContextSubset(Map.of("app", "orders"))));
        assertTrue(g.grantId().matches("[0-9a-f]{64}"));
        SdkBytes blob = restricted.encrypt(r -> r.keyId(id).plaintext(bytes("ok"))
                .encryptionContext(Map.of("app", "orders", "extra", "1"))).ciphertextBlob();
        assertEquals("ok", restricted.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(Map.of("app", "orders", "extra", "1")))
                .plaintext().asUtf8String());
        fails("AccessDeniedException", () -> restricted.encrypt(r -> r.keyId(id).plaintext(bytes("x"))
                .encryptionContext(Map.of("app", "billing"))));
        fails("AccessDeniedException", () -> restricted.generateDataKey(r -> r.keyId(id).keySpec("AES_256")
                .encryptionContext(Map.of("app", "orders"))));
        fails("AccessDeniedException", () -> restricted.disableKey(r -> r.keyId(id)));

        List<GrantListEntry> grants = kms.listGrants(r -> r.keyId(id)).grants();
        assertEquals(1, grants.size());
        assertEquals(KitServer.RESTRICTED_ARN, grants.get(0).granteePrincipal());
        kms.revokeGrant(r -> r.keyId(id).grantId(g.grantId()));
        fails("AccessDeniedException", () -> restricted.encrypt(r -> r.keyId(id).plaintext(bytes("x"))
                .encryptionContext(Map.of("app", "orders"))));
    }

    @Test
    void grantWithEncryptionContextEqualsNeedsExactlyThatContext() {
        String id = newKey();
        kms.createGrant(r -> r.keyId(id).granteePrincipal(KitServer.RESTRICTED_ARN).operationsWithStrings("Encrypt")
                .constraints(c -> c.encryptionContextEquals(Map.of("app", "orders"))));
        restricted.encrypt(r -> r.keyId(id).plaintext(bytes("x")).encryptionContext(Map.of("app", "orders")));
        fails("AccessDeniedException", () -> restricted.encrypt(r -> r.keyId(id).plaintext(bytes("x"))
                .encryptionContext(Map.of("app", "orders", "extra", "1"))));
    }

    @Test
    void aKeyPolicyNamingTheUserLetsItIn() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + KitServer.RESTRICTED_ARN + "\"},"
                + "\"Action\":[\"kms:Encrypt\",\"kms:Describe*\"],\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"" + KitServer.RESTRICTED_ARN + "\"},"
                + "\"Action\":\"kms:DescribeKey\",\"Resource\":\"*\"}]}";
        String id = kms.createKey(r -> r.policy(policy)).keyMetadata().keyId();
        restricted.encrypt(r -> r.keyId(id).plaintext(bytes("x")));
        assertTrue(fails("AccessDeniedException", () -> restricted.describeKey(r -> r.keyId(id)))
                .awsErrorDetails().errorMessage().endsWith("with an explicit deny in a resource-based policy"));
        fails("AccessDeniedException", () -> restricted.decrypt(r -> r.ciphertextBlob(
                kms.encrypt(e -> e.keyId(id).plaintext(bytes("y"))).ciphertextBlob())));
    }

    @Test
    void policyLockoutIsRefusedUnlessBypassed() {
        String lockout = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + KitServer.RESTRICTED_ARN
                + "\"},\"Action\":\"kms:Encrypt\",\"Resource\":\"*\"}]}";
        fails("MalformedPolicyDocumentException", () -> kms.createKey(r -> r.policy(lockout)));
        fails("MalformedPolicyDocumentException", () -> kms.createKey(r -> r.policy("{not json")));
        String id = newKey();
        fails("MalformedPolicyDocumentException", () -> kms.putKeyPolicy(r -> r.keyId(id).policyName("default").policy(lockout)));
        kms.putKeyPolicy(r -> r.keyId(id).policyName("default").policy(lockout).bypassPolicyLockoutSafetyCheck(true));
        fails("AccessDeniedException", () -> kms.describeKey(r -> r.keyId(id)));
    }

    @Test
    void anotherAccountCannotSeeOrUseTheKey() {
        KeyMetadata k = kms.createKey().keyMetadata();
        fails("NotFoundException", () -> other.describeKey(r -> r.keyId(k.keyId())));
        fails("AccessDeniedException", () -> other.describeKey(r -> r.keyId(k.arn())));
        fails("AccessDeniedException", () -> other.encrypt(r -> r.keyId(k.arn()).plaintext(bytes("x"))));
        assertTrue(other.listKeys().keys().isEmpty());
        String own = other.createKey().keyMetadata().arn();
        assertTrue(own.contains(":111111111111:key/"));
    }

    @Test
    void dynamoDbUsesACustomerKeyOnlyThroughItsGrant() {
        KeyMetadata k = kms.createKey().keyMetadata();
        try (KmsClient store = kit.serviceKms(KitServer.ROOT_ARN);
             KmsClient storeForRestricted = kit.serviceKms(KitServer.RESTRICTED_ARN);
             KmsClient storeAlone = kit.serviceKms(null)) {
            // no grant yet: the principal's own rights do not cover DynamoDB's cryptographic calls
            fails("AccessDeniedException", () -> store.generateDataKey(r -> r.keyId(k.arn()).keySpec("AES_256")
                    .encryptionContext(context("orders"))));
            // DescribeKey and CreateGrant are judged by the principal DynamoDB acts for
            assertEquals(k.keyId(), store.describeKey(r -> r.keyId(k.arn())).keyMetadata().keyId());
            fails("AccessDeniedException", () -> storeForRestricted.describeKey(r -> r.keyId(k.arn())));
            fails("AccessDeniedException", () -> storeForRestricted.createGrant(r -> r.keyId(k.arn()).granteePrincipal(DDB)
                    .operationsWithStrings("Decrypt")));
            CreateGrantResponse g = store.createGrant(r -> r.keyId(k.arn()).granteePrincipal(DDB).retiringPrincipal(DDB)
                    .operationsWithStrings("DescribeKey", "GenerateDataKey", "Decrypt", "Encrypt", "ReEncryptFrom",
                            "ReEncryptTo", "RetireGrant")
                    .constraints(c -> c.encryptionContextSubset(context("orders"))));
            SdkBytes wrapped = store.generateDataKey(r -> r.keyId(k.arn()).keySpec("AES_256")
                    .encryptionContext(context("orders"))).ciphertextBlob();
            assertEquals(32, storeAlone.decrypt(r -> r.ciphertextBlob(wrapped).encryptionContext(context("orders")))
                    .plaintext().asByteArray().length);
            assertEquals(k.keyId(), storeAlone.describeKey(r -> r.keyId(k.arn())).keyMetadata().keyId());
            fails("AccessDeniedException", () -> store.generateDataKey(r -> r.keyId(k.arn()).keySpec("AES_256")
                    .encryptionContext(context("customers"))));

            kms.revokeGrant(r -> r.keyId(k.keyId()).grantId(g.grantId()));
            fails("AccessDeniedException", () -> store.decrypt(r -> r.ciphertextBlob(wrapped).encryptionContext(context("orders"))));
            // the account root itself may still decrypt directly: the key policy delegates to IAM
            assertEquals(32, kms.decrypt(r -> r.ciphertextBlob(wrapped).encryptionContext(context("orders")))
                    .plaintext().asByteArray().length);
        }
    }

    @Test
    void theServiceRetiresItsGrant() {
        KeyMetadata k = kms.createKey().keyMetadata();
        try (KmsClient store = kit.serviceKms(KitServer.ROOT_ARN)) {
            CreateGrantResponse g = store.createGrant(r -> r.keyId(k.arn()).granteePrincipal(DDB).retiringPrincipal(DDB)
                    .operationsWithStrings("Decrypt"));
            fails("AccessDeniedException", () -> restricted.retireGrant(r -> r.grantToken(g.grantToken())));
            store.retireGrant(r -> r.grantToken(g.grantToken()));
            assertTrue(kms.listGrants(r -> r.keyId(k.keyId())).grants().isEmpty());
            fails("InvalidGrantTokenException", () -> store.retireGrant(r -> r.grantToken(g.grantToken())));
        }
    }

    @Test
    void namedGrantsAreIdempotent() {
        String id = newKey();
        String first = kms.createGrant(r -> r.keyId(id).name("table-orders").granteePrincipal(DDB).operationsWithStrings("Decrypt"))
                .grantId();
        String again = kms.createGrant(r -> r.keyId(id).name("table-orders").granteePrincipal(DDB).operationsWithStrings("Decrypt"))
                .grantId();
        assertEquals(first, again);
        assertEquals(1, kms.listGrants(r -> r.keyId(id)).grants().size());
    }
}

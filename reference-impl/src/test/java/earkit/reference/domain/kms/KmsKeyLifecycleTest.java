package earkit.reference.domain.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.ScheduleKeyDeletionResponse;

/** The mock KMS key lifecycle: defaults, enabling and disabling, the deletion window and deadline, and aliases. */
class KmsKeyLifecycleTest extends KmsTestBase {

    @Test
    void createKeyHasTheDocumentedDefaults() {
        KeyMetadata k = kms.createKey(r -> r.description("orders")).keyMetadata();
        assertEquals("000000000000", k.awsAccountId());
        assertEquals("arn:aws:kms:us-east-1:000000000000:key/" + k.keyId(), k.arn());
        assertEquals(kit.now(), k.creationDate());
        assertEquals(KeyManagerType.CUSTOMER, k.keyManager());
        assertEquals(KeyState.ENABLED, k.keyState());
        assertTrue(k.enabled());
        assertEquals("SYMMETRIC_DEFAULT", k.keySpecAsString());
        assertEquals("SYMMETRIC_DEFAULT", k.customerMasterKeySpecAsString());
        assertEquals("ENCRYPT_DECRYPT", k.keyUsageAsString());
        assertEquals("AWS_KMS", k.originAsString());
        assertEquals(List.of("SYMMETRIC_DEFAULT"), k.encryptionAlgorithmsAsStrings());
        assertFalse(k.multiRegion());
        assertEquals("orders", k.description());
        assertTrue(k.currentKeyMaterialId().matches("[0-9a-f]{64}"));
        assertNull(k.deletionDate());
        assertEquals(k, kms.describeKey(r -> r.keyId(k.keyId())).keyMetadata());
        assertEquals(k.keyId(), kms.describeKey(r -> r.keyId(k.arn())).keyMetadata().keyId());
        assertTrue(kms.listKeys().keys().stream().anyMatch(e -> e.keyId().equals(k.keyId()) && e.keyArn().equals(k.arn())));
        assertTrue(kms.getKeyPolicy(r -> r.keyId(k.keyId())).policy().contains("arn:aws:iam::000000000000:root"));
        assertEquals(List.of("default"), kms.listKeyPolicies(r -> r.keyId(k.keyId())).policyNames());
    }

    @Test
    void disabledKeyRefusesCryptographyUntilEnabled() {
        String id = newKey();
        SdkBytes blob = kms.encrypt(r -> r.keyId(id).plaintext(bytes("secret"))).ciphertextBlob();
        kms.disableKey(r -> r.keyId(id));
        KeyMetadata k = kms.describeKey(r -> r.keyId(id)).keyMetadata();
        assertEquals(KeyState.DISABLED, k.keyState());
        assertFalse(k.enabled());
        String arn = k.arn();
        assertEquals(arn + " is disabled.", fails("DisabledException",
                () -> kms.encrypt(r -> r.keyId(id).plaintext(bytes("x")))).awsErrorDetails().errorMessage());
        fails("DisabledException", () -> kms.decrypt(r -> r.ciphertextBlob(blob)));
        fails("DisabledException", () -> kms.generateDataKey(r -> r.keyId(id).keySpec("AES_256")));
        fails("DisabledException", () -> kms.createGrant(r -> r.keyId(id).granteePrincipal(arn).operationsWithStrings("Decrypt")));
        kms.enableKey(r -> r.keyId(id));
        assertEquals("secret", kms.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String());
    }

    @Test
    void pendingDeletionFollowsTheKeyStateMatrixAndCancelLeavesTheKeyDisabled() {
        String id = newKey();
        String arn = kms.describeKey(r -> r.keyId(id)).keyMetadata().arn();
        ScheduleKeyDeletionResponse s = kms.scheduleKeyDeletion(r -> r.keyId(id));
        assertEquals(30, s.pendingWindowInDays());
        assertEquals(arn, s.keyId());
        assertEquals(KeyState.PENDING_DELETION, s.keyState());
        assertEquals(kit.now().plus(Duration.ofDays(30)), s.deletionDate());
        KeyMetadata k = kms.describeKey(r -> r.keyId(id)).keyMetadata();
        assertEquals(KeyState.PENDING_DELETION, k.keyState());
        assertFalse(k.enabled());
        assertEquals(s.deletionDate(), k.deletionDate());

        String pending = arn + " is pending deletion.";
        assertEquals(pending, fails("KMSInvalidStateException", () -> kms.encrypt(r -> r.keyId(id).plaintext(bytes("x"))))
                .awsErrorDetails().errorMessage());
        fails("KMSInvalidStateException", () -> kms.enableKey(r -> r.keyId(id)));
        fails("KMSInvalidStateException", () -> kms.disableKey(r -> r.keyId(id)));
        fails("KMSInvalidStateException", () -> kms.tagResource(r -> r.keyId(id).tags(t -> t.tagKey("a").tagValue("b"))));
        fails("KMSInvalidStateException", () -> kms.createAlias(r -> r.aliasName("alias/late").targetKeyId(id)));
        fails("KMSInvalidStateException", () -> kms.scheduleKeyDeletion(r -> r.keyId(id)));
        fails("KMSInvalidStateException", () -> kms.enableKeyRotation(r -> r.keyId(id)));
        assertFalse(kms.getKeyRotationStatus(r -> r.keyId(id)).keyRotationEnabled());
        kms.getKeyPolicy(r -> r.keyId(id));
        kms.listGrants(r -> r.keyId(id));
        kms.listResourceTags(r -> r.keyId(id));

        assertEquals(arn, kms.cancelKeyDeletion(r -> r.keyId(id)).keyId());
        KeyMetadata after = kms.describeKey(r -> r.keyId(id)).keyMetadata();
        assertEquals(KeyState.DISABLED, after.keyState());
        assertNull(after.deletionDate());
        fails("KMSInvalidStateException", () -> kms.cancelKeyDeletion(r -> r.keyId(id)));
        kit.advance(Duration.ofDays(31));
        assertEquals(KeyState.DISABLED, kms.describeKey(r -> r.keyId(id)).keyMetadata().keyState());
    }

    @Test
    void deletionWindowMustBeSevenToThirtyDays() {
        String id = newKey();
        assertTrue(fails("ValidationException", () -> kms.scheduleKeyDeletion(r -> r.keyId(id).pendingWindowInDays(6)))
                .awsErrorDetails().errorMessage().contains("greater than or equal to 7"));
        assertTrue(fails("ValidationException", () -> kms.scheduleKeyDeletion(r -> r.keyId(id).pendingWindowInDays(31)))
                .awsErrorDetails().errorMessage().contains("less than or equal to 30"));
        assertEquals(7, kms.scheduleKeyDeletion(r -> r.keyId(id).pendingWindowInDays(7)).pendingWindowInDays());
    }

    @Test
    void keyIsReallyDeletedAtItsDeadline() {
        String id = newKey();
        String arn = kms.describeKey(r -> r.keyId(id)).keyMetadata().arn();
        kms.createAlias(r -> r.aliasName("alias/doomed").targetKeyId(id));
        SdkBytes blob = kms.encrypt(r -> r.keyId(id).plaintext(bytes("bye"))).ciphertextBlob();
        Instant deadline = kms.scheduleKeyDeletion(r -> r.keyId(id).pendingWindowInDays(7)).deletionDate();

        kit.advance(Duration.ofDays(7).minusSeconds(1));
        assertEquals(KeyState.PENDING_DELETION, kms.describeKey(r -> r.keyId(id)).keyMetadata().keyState());
        assertTrue(events("DeleteKey").isEmpty());

        kit.advance(Duration.ofSeconds(1));
        assertEquals("Key '" + arn + "' does not exist",
                fails("NotFoundException", () -> kms.describeKey(r -> r.keyId(id))).awsErrorDetails().errorMessage());
        fails("NotFoundException", () -> kms.decrypt(r -> r.ciphertextBlob(blob)));
        assertTrue(kms.listAliases().aliases().stream().noneMatch(a -> a.aliasName().equals("alias/doomed")));
        assertTrue(kms.listKeys().keys().isEmpty());

        List<Event> deletes = events("DeleteKey");
        assertEquals(1, deletes.size());
        JsonNode doc = document(deletes.get(0));
        assertEquals("AwsServiceEvent", doc.get("eventType").asText());
        assertEquals("AWS Internal", doc.at("/userIdentity/invokedBy").asText());
        assertEquals("000000000000", doc.at("/userIdentity/accountId").asText());
        assertEquals(id, doc.at("/serviceEventDetails/keyId").asText());
        assertEquals(deadline.toString(), doc.get("eventTime").asText());
        assertEquals(arn, doc.at("/resources/0/ARN").asText());
    }

    @Test
    void aliasesNameKeysAndCanBeMoved() {
        String a = newKey();
        String b = newKey();
        kms.createAlias(r -> r.aliasName("alias/app").targetKeyId(a));
        assertEquals(a, kms.describeKey(r -> r.keyId("alias/app")).keyMetadata().keyId());
        assertEquals(a, kms.describeKey(r -> r.keyId("arn:aws:kms:us-east-1:000000000000:alias/app")).keyMetadata().keyId());
        fails("AlreadyExistsException", () -> kms.createAlias(r -> r.aliasName("alias/app").targetKeyId(b)));
        kms.updateAlias(r -> r.aliasName("alias/app").targetKeyId(b));
        SdkBytes blob = kms.encrypt(r -> r.keyId("alias/app").plaintext(bytes("v"))).ciphertextBlob();
        assertEquals(b, kms.decrypt(r -> r.ciphertextBlob(blob)).keyId().substring(kms.decrypt(r -> r.ciphertextBlob(blob))
                .keyId().lastIndexOf('/') + 1));
        assertEquals(List.of("alias/app"), kms.listAliases(r -> r.keyId(b)).aliases().stream().map(x -> x.aliasName()).toList());
        kms.deleteAlias(r -> r.aliasName("alias/app"));
        fails("NotFoundException", () -> kms.describeKey(r -> r.keyId("alias/app")));
        assertEquals(KeyState.ENABLED, kms.describeKey(r -> r.keyId(b)).keyMetadata().keyState());
    }

    @Test
    void keysAndAuditLiveInTheRegionOfTheSignature() {
        try (KmsClient ireland = kit.kms("test", "test", Region.EU_WEST_1)) {
            KeyMetadata k = ireland.createKey().keyMetadata();
            assertTrue(k.arn().startsWith("arn:aws:kms:eu-west-1:000000000000:key/"));
            assertEquals(k.keyId(), ireland.describeKey(r -> r.keyId(k.keyId())).keyMetadata().keyId());
            assertTrue(kms.listKeys().keys().isEmpty());
            fails("NotFoundException", () -> kms.describeKey(r -> r.keyId(k.keyId())));
            assertEquals("Invalid arn eu-west-1", fails("NotFoundException", () -> kms.describeKey(r -> r.keyId(k.arn())))
                    .awsErrorDetails().errorMessage());
            SdkBytes blob = ireland.encrypt(r -> r.keyId(k.keyId()).plaintext(bytes("x"))).ciphertextBlob();
            fails("InvalidCiphertextException", () -> kms.decrypt(r -> r.ciphertextBlob(blob)));
        }
        assertTrue(events("CreateKey").isEmpty()); // the us-east-1 trail holds only us-east-1 events
        assertEquals(2, events("DescribeKey").size());
    }

    @Test
    void tagsArePutListedAndRemoved() {
        String id = newKey();
        kms.tagResource(r -> r.keyId(id).tags(t -> t.tagKey("team").tagValue("orders"), t -> t.tagKey("env").tagValue("prod")));
        assertEquals(2, kms.listResourceTags(r -> r.keyId(id)).tags().size());
        kms.untagResource(r -> r.keyId(id).tagKeys("env"));
        assertEquals("team", kms.listResourceTags(r -> r.keyId(id)).tags().get(0).tagKey());
        assertEquals("Tags beginning with aws: are reserved", fails("TagException",
                () -> kms.tagResource(r -> r.keyId(id).tags(t -> t.tagKey("aws:x").tagValue("y")))).awsErrorDetails().errorMessage());
        assertEquals("Duplicate tag keys", fails("TagException", () -> kms.tagResource(r -> r.keyId(id)
                .tags(t -> t.tagKey("k").tagValue("1"), t -> t.tagKey("k").tagValue("2")))).awsErrorDetails().errorMessage());
    }
}

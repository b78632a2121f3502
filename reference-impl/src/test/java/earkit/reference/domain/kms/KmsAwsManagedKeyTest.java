package earkit.reference.domain.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import earkit.reference.KitServer;
import earkit.reference.ServerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/** The AWS managed key aws/dynamodb: created on first use, rotated yearly, not manageable by the customer, usable only through DynamoDB. */
class KmsAwsManagedKeyTest extends KmsTestBase {
    private static final String ALIAS = "alias/aws/dynamodb";

    @Test
    void aliasIsListedWithoutTargetUntilFirstDescribeCreatesTheKey() {
        AliasListEntry before = kms.listAliases().aliases().stream().filter(a -> a.aliasName().equals(ALIAS)).findFirst().orElseThrow();
        assertNull(before.targetKeyId());
        assertTrue(kms.listKeys().keys().isEmpty());

        KeyMetadata k = kms.describeKey(r -> r.keyId(ALIAS)).keyMetadata();
        assertEquals(KeyManagerType.AWS, k.keyManager());
        assertEquals("Default key that protects my DynamoDB data when no other key is defined", k.description());
        assertEquals(kit.now(), k.creationDate());
        assertEquals(k.keyId(), kms.describeKey(r -> r.keyId(ALIAS)).keyMetadata().keyId());
        assertEquals(k.keyId(), kms.listAliases().aliases().stream().filter(a -> a.aliasName().equals(ALIAS))
                .findFirst().orElseThrow().targetKeyId());
        assertEquals(List.of(k.keyId()), kms.listKeys().keys().stream().map(e -> e.keyId()).toList());

        JsonNode policy = parse(kms.getKeyPolicy(r -> r.keyId(k.keyId())).policy());
        assertEquals("auto-dynamodb-3", policy.get("Id").asText());
        assertEquals("dynamodb.*.amazonaws.com", policy.at("/Statement/0/Condition/StringLike/kms:ViaService").asText());
        assertEquals("000000000000", policy.at("/Statement/0/Condition/StringEquals/kms:CallerAccount").asText());
        assertEquals("dynamodb.amazonaws.com", policy.at("/Statement/2/Principal/Service").asText());
    }

    @Test
    void theServiceIdentityCreatesItToo() {
        try (KmsClient service = kit.serviceKms(KitServer.ROOT_ARN)) {
            KeyMetadata k = service.describeKey(r -> r.keyId(ALIAS)).keyMetadata();
            assertEquals(KeyManagerType.AWS, k.keyManager());
            assertEquals(k.keyId(), kms.describeKey(r -> r.keyId(ALIAS)).keyMetadata().keyId());
        }
    }

    @Test
    void rotationStatusIsAlwaysOnYearly() {
        String id = kms.describeKey(r -> r.keyId(ALIAS)).keyMetadata().keyId();
        GetKeyRotationStatusResponse s = kms.getKeyRotationStatus(r -> r.keyId(id));
        assertTrue(s.keyRotationEnabled());
        assertEquals(365, s.rotationPeriodInDays());
        assertEquals(kit.now().plus(Duration.ofDays(365)), s.nextRotationDate());
    }

    @Test
    void managementIsRefusedWithAccessDenied() {
        KeyMetadata k = kms.describeKey(r -> r.keyId(ALIAS)).keyMetadata();
        String id = k.keyId();
        String customer = newKey();
        deniedAs("DisableKey", k.arn(), () -> kms.disableKey(r -> r.keyId(id)));
        deniedAs("EnableKey", k.arn(), () -> kms.enableKey(r -> r.keyId(id)));
        deniedAs("ScheduleKeyDeletion", k.arn(), () -> kms.scheduleKeyDeletion(r -> r.keyId(id)));
        deniedAs("EnableKeyRotation", k.arn(), () -> kms.enableKeyRotation(r -> r.keyId(id)));
        deniedAs("DisableKeyRotation", k.arn(), () -> kms.disableKeyRotation(r -> r.keyId(id)));
        deniedAs("RotateKeyOnDemand", k.arn(), () -> kms.rotateKeyOnDemand(r -> r.keyId(id)));
        deniedAs("PutKeyPolicy", k.arn(), () -> kms.putKeyPolicy(r -> r.keyId(id).policyName("default")
                .policy("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\"}]}")));
        deniedAs("TagResource", k.arn(), () -> kms.tagResource(r -> r.keyId(id).tags(t -> t.tagKey("a").tagValue("b"))));
        deniedAs("UntagResource", k.arn(), () -> kms.untagResource(r -> r.keyId(id).tagKeys("a")));
        deniedAs("CreateAlias", k.arn(), () -> kms.createAlias(r -> r.aliasName("alias/mine").targetKeyId(id)));
        kms.createAlias(r -> r.aliasName("alias/mine").targetKeyId(customer));
        deniedAs("UpdateAlias", k.arn(), () -> kms.updateAlias(r -> r.aliasName("alias/mine").targetKeyId(id)));
        fails("InvalidAliasNameException", () -> kms.updateAlias(r -> r.aliasName(ALIAS).targetKeyId(customer)));
        fails("InvalidAliasNameException", () -> kms.deleteAlias(r -> r.aliasName(ALIAS)));
        assertEquals("Enabled", kms.describeKey(r -> r.keyId(id)).keyMetadata().keyStateAsString());
    }

    @Test
    void directCryptographicUseIsDeniedButTheServiceActingForTheAccountMayUseIt() {
        KeyMetadata k = kms.describeKey(r -> r.keyId(ALIAS)).keyMetadata();
        deniedAs("Encrypt", k.arn(), () -> kms.encrypt(r -> r.keyId(ALIAS).plaintext(bytes("x"))));
        deniedAs("GenerateDataKey", k.arn(), () -> kms.generateDataKey(r -> r.keyId(k.keyId()).keySpec("AES_256")));
        try (KmsClient service = kit.serviceKms(KitServer.ROOT_ARN); KmsClient other = kit.kms("other", "other")) {
            SdkBytes wrapped = service.generateDataKey(r -> r.keyId(k.arn()).keySpec("AES_256")
                    .encryptionContext(context("orders"))).ciphertextBlob();
            assertEquals(32, service.decrypt(r -> r.ciphertextBlob(wrapped).encryptionContext(context("orders")))
                    .plaintext().asByteArray().length);
            deniedAs("Decrypt", k.arn(), () -> kms.decrypt(r -> r.ciphertextBlob(wrapped).encryptionContext(context("orders"))));
            fails("AccessDeniedException", () -> other.describeKey(r -> r.keyId(k.arn())));
        }
    }

    @Test
    void keysOfTheOldScheduleRotateAfterTheMay2022Change() {
        try (KitServer old = new KitServer(ServerOptions.defaults().withClockStart(Instant.parse("2018-01-01T00:00:00Z")));
             KmsClient kms2018 = old.kms()) {
            // created 2018-01-01: rotates after 1095 days (2020-12-31, 2020 being a leap year), then at the change (2022-05-01), then yearly
            String id = kms2018.describeKey(r -> r.keyId(ALIAS)).keyMetadata().keyId();
            assertEquals(Instant.parse("2020-12-31T00:00:00Z"), kms2018.getKeyRotationStatus(r -> r.keyId(id)).nextRotationDate());
            old.setClock(Instant.parse("2020-12-31T00:00:00Z"));
            assertEquals(Instant.parse("2022-05-01T00:00:00Z"), kms2018.getKeyRotationStatus(r -> r.keyId(id)).nextRotationDate());
            old.setClock(Instant.parse("2022-05-01T00:00:00Z"));
            assertEquals(Instant.parse("2023-05-01T00:00:00Z"), kms2018.getKeyRotationStatus(r -> r.keyId(id)).nextRotationDate());
            assertEquals(List.of(Instant.parse("2020-12-31T00:00:00Z"), Instant.parse("2022-05-01T00:00:00Z")),
                    kms2018.listKeyRotations(r -> r.keyId(id)).rotations().stream().map(e -> e.rotationDate()).toList());
            assertEquals(2, old.cloudTrail().lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey("EventName")
                    .attributeValue("RotateKey"))).events().size());
        }
        try (KitServer mid = new KitServer(ServerOptions.defaults().withClockStart(Instant.parse("2021-09-01T00:00:00Z")));
             KmsClient kms2021 = mid.kms()) {
            // created 2021-09-01: a year later is after the change, so 2022-09-01
            String id = kms2021.describeKey(r -> r.keyId(ALIAS)).keyMetadata().keyId();
            assertEquals(Instant.parse("2022-09-01T00:00:00Z"), kms2021.getKeyRotationStatus(r -> r.keyId(id)).nextRotationDate());
        }
    }

    @Test
    void theManagedKeyFaultReportsItAsCustomerManaged() {
        try (KitServer faulty = new KitServer(ServerOptions.defaults().withFaults(java.util.Set.of(earkit.reference.Fault.MANAGED_KEY_REPORTED_AS_CUSTOMER)));
             KmsClient client = faulty.kms()) {
            assertEquals(KeyManagerType.CUSTOMER, client.describeKey(r -> r.keyId(ALIAS)).keyMetadata().keyManager());
        }
    }

    private void deniedAs(String action, String arn, Executable call) {
        assertEquals("User: arn:aws:iam::000000000000:root is not authorized to perform: kms:" + action + " on resource: "
                        + arn + " because no resource-based policy allows the kms:" + action + " action",
                fails("AccessDeniedException", call).awsErrorDetails().errorMessage());
    }

    private static JsonNode parse(String json) {
        try {
            return KitServer.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

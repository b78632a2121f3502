package earkit.reference.domain.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.RotationsListEntry;

/** Customer managed key rotation: automatic on a period, on demand within its limit, and the re-enable rules. */
class KmsRotationTest extends KmsTestBase {

    private String material(String id) {
        return kms.describeKey(r -> r.keyId(id)).keyMetadata().currentKeyMaterialId();
    }

    @Test
    void rotationIsOffByDefaultAndPeriodMustBe90To2560Days() {
        String id = newKey();
        GetKeyRotationStatusResponse off = kms.getKeyRotationStatus(r -> r.keyId(id));
        assertFalse(off.keyRotationEnabled());
        assertNull(off.rotationPeriodInDays());
        assertNull(off.nextRotationDate());
        fails("ValidationException", () -> kms.enableKeyRotation(r -> r.keyId(id).rotationPeriodInDays(89)));
        fails("ValidationException", () -> kms.enableKeyRotation(r -> r.keyId(id).rotationPeriodInDays(2561)));
        kms.enableKeyRotation(r -> r.keyId(id));
        GetKeyRotationStatusResponse on = kms.getKeyRotationStatus(r -> r.keyId(id));
        assertTrue(on.keyRotationEnabled());
        assertEquals(365, on.rotationPeriodInDays());
        assertEquals(kit.now().plus(Duration.ofDays(365)), on.nextRotationDate());
        kms.disableKeyRotation(r -> r.keyId(id));
        assertFalse(kms.getKeyRotationStatus(r -> r.keyId(id)).keyRotationEnabled());
    }

    @Test
    void automaticRotationAddsMaterialAtThePeriodAndOldCiphertextStillDecrypts() {
        String id = newKey();
        String before = material(id);
        SdkBytes old = kms.encrypt(r -> r.keyId(id).plaintext(bytes("old"))).ciphertextBlob();
        kms.enableKeyRotation(r -> r.keyId(id).rotationPeriodInDays(90));
        Instant due = kit.now().plus(Duration.ofDays(90));

        kit.advance(Duration.ofDays(90).minusSeconds(1));
        assertEquals(before, material(id));
        kit.advance(Duration.ofSeconds(1));
        String after = material(id);
        assertNotEquals(before, after);
        assertEquals(due.plus(Duration.ofDays(90)), kms.getKeyRotationStatus(r -> r.keyId(id)).nextRotationDate());

        assertEquals("old", kms.decrypt(r -> r.ciphertextBlob(old)).plaintext().asUtf8String());
        assertEquals(before, kms.decrypt(r -> r.ciphertextBlob(old)).keyMaterialId());
        SdkBytes fresh = kms.encrypt(r -> r.keyId(id).plaintext(bytes("new"))).ciphertextBlob();
        assertEquals(after, kms.decrypt(r -> r.ciphertextBlob(fresh)).keyMaterialId());

        List<RotationsListEntry> rotations = kms.listKeyRotations(r -> r.keyId(id)).rotations();
        assertEquals(1, rotations.size());
        assertEquals("AUTOMATIC", rotations.get(0).rotationTypeAsString());
        assertEquals(due, rotations.get(0).rotationDate());
        assertEquals(after, rotations.get(0).keyMaterialId());

        List<Event> rotateEvents = events("RotateKey");
        assertEquals(1, rotateEvents.size());
        JsonNode doc = document(rotateEvents.get(0));
        assertEquals("AwsServiceEvent", doc.get("eventType").asText());
        assertEquals("AWS Internal", doc.at("/userIdentity/invokedBy").asText());
        assertEquals("000000000000", doc.at("/userIdentity/accountId").asText());
        assertEquals(id, doc.at("/serviceEventDetails/keyId").asText());
        assertTrue(doc.get("requestParameters").isNull());
        assertEquals(due.toString(), doc.get("eventTime").asText());

        kit.advance(Duration.ofDays(180));
        assertEquals(3, kms.listKeyRotations(r -> r.keyId(id)).rotations().size());
    }

    @Test
    void onDemandRotationIsLimitedTo25AndKeepsTheSchedule() {
        String id = newKey();
        kms.enableKeyRotation(r -> r.keyId(id));
        Instant next = kms.getKeyRotationStatus(r -> r.keyId(id)).nextRotationDate();
        for (int i = 0; i < 25; i++) {
            String before = material(id);
            assertEquals(id, kms.rotateKeyOnDemand(r -> r.keyId(id)).keyId());
            assertNotEquals(before, material(id));
        }
        String arn = "arn:aws:kms:us-east-1:000000000000:key/" + id;
        assertEquals("The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations "
                        + "can be performed for this key: " + arn,
                fails("LimitExceededException", () -> kms.rotateKeyOnDemand(r -> r.keyId(id))).awsErrorDetails().errorMessage());
        assertEquals(next, kms.getKeyRotationStatus(r -> r.keyId(id)).nextRotationDate());
        List<RotationsListEntry> rotations = kms.listKeyRotations(r -> r.keyId(id).limit(1000)).rotations();
        assertEquals(25, rotations.size());
        assertTrue(rotations.stream().allMatch(e -> e.rotationTypeAsString().equals("ON_DEMAND")));
        assertEquals(25, events("RotateKey").size());
        assertEquals(26, events("RotateKeyOnDemand").size());
    }

    @Test
    void onDemandRotationConflictsWithAnAutomaticRotationDueWithin20Minutes() {
        String id = newKey();
        kms.enableKeyRotation(r -> r.keyId(id).rotationPeriodInDays(90));
        kit.advance(Duration.ofDays(90).minusMinutes(19));
        fails("ConflictException", () -> kms.rotateKeyOnDemand(r -> r.keyId(id)));
        kit.advance(Duration.ofMinutes(20));
        kms.rotateKeyOnDemand(r -> r.keyId(id));
        assertEquals(List.of("AUTOMATIC", "ON_DEMAND"), kms.listKeyRotations(r -> r.keyId(id)).rotations().stream()
                .map(RotationsListEntry::rotationTypeAsString).toList());
    }

    @Test
    void disabledKeyIsNotRotatedAndRotatesOnReEnableWhenMaterialIsOverAYearOld() {
        String id = newKey();
        kms.enableKeyRotation(r -> r.keyId(id));
        String before = material(id);
        kms.disableKey(r -> r.keyId(id));
        fails("DisabledException", () -> kms.rotateKeyOnDemand(r -> r.keyId(id)));
        fails("DisabledException", () -> kms.enableKeyRotation(r -> r.keyId(id)));
        kit.advance(Duration.ofDays(400));
        assertEquals(before, material(id));
        assertTrue(kms.listKeyRotations(r -> r.keyId(id)).rotations().isEmpty());
        kms.enableKey(r -> r.keyId(id));
        assertNotEquals(before, material(id));
        assertEquals(kit.now().plus(Duration.ofDays(365)), kms.getKeyRotationStatus(r -> r.keyId(id)).nextRotationDate());
    }

    @Test
    void reEnabledKeyWithYoungMaterialResumesItsSchedule() {
        String id = newKey();
        kms.enableKeyRotation(r -> r.keyId(id).rotationPeriodInDays(90));
        Instant first = kms.getKeyRotationStatus(r -> r.keyId(id)).nextRotationDate();
        String before = material(id);
        kms.disableKey(r -> r.keyId(id));
        kit.advance(Duration.ofDays(100));
        kms.enableKey(r -> r.keyId(id));
        assertEquals(before, material(id));
        assertEquals(first.plus(Duration.ofDays(90)), kms.getKeyRotationStatus(r -> r.keyId(id)).nextRotationDate());
        kit.advance(Duration.ofDays(80));
        assertNotEquals(before, material(id));
    }
}

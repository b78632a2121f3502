package earkit.reference.domain.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.reference.KitServer;
import earkit.reference.ServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyState;

/** Everything the mock KMS holds survives a restart of the server on the same data directory. */
class KmsPersistenceTest {

    @Test
    void keysAliasesGrantsRotationDeletionAndAuditSurviveARestart(@TempDir Path dir) {
        ServerOptions options = ServerOptions.defaults().withDataDir(dir);
        String id;
        String doomed;
        String material;
        SdkBytes blob;
        Instant deletion;
        try (KitServer kit = new KitServer(options); KmsClient kms = kit.kms()) {
            id = kms.createKey().keyMetadata().keyId();
            doomed = kms.createKey().keyMetadata().keyId();
            kms.createAlias(r -> r.aliasName("alias/kept").targetKeyId(id));
            kms.createGrant(r -> r.keyId(id).granteePrincipal(KitServer.RESTRICTED_ARN).operationsWithStrings("Encrypt"));
            kms.enableKeyRotation(r -> r.keyId(id).rotationPeriodInDays(90));
            blob = kms.encrypt(r -> r.keyId("alias/kept").plaintext(SdkBytes.fromUtf8String("durable"))).ciphertextBlob();
            deletion = kms.scheduleKeyDeletion(r -> r.keyId(doomed).pendingWindowInDays(7)).deletionDate();
            material = kms.describeKey(r -> r.keyId(id)).keyMetadata().currentKeyMaterialId();
        }
        try (KitServer kit = new KitServer(options); KmsClient kms = kit.kms(); KmsClient restricted = kit.kms("restricted", "restricted");
             CloudTrailClient trail = kit.cloudTrail()) {
            assertEquals("durable", kms.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String());
            assertEquals(id, kms.describeKey(r -> r.keyId("alias/kept")).keyMetadata().keyId());
            restricted.encrypt(r -> r.keyId(id).plaintext(SdkBytes.fromUtf8String("granted")));
            assertEquals(KeyState.PENDING_DELETION, kms.describeKey(r -> r.keyId(doomed)).keyMetadata().keyState());
            assertTrue(trail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey("EventName").attributeValue("CreateAlias")))
                    .events().size() == 1);

            // deadlines are derived again from the persisted state
            kit.setClock(deletion);
            assertEquals(1, kms.listKeys().keys().size());
            kit.advance(Duration.ofDays(90));
            assertNotEquals(material, kms.describeKey(r -> r.keyId(id)).keyMetadata().currentKeyMaterialId());
            assertEquals("durable", kms.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String());
        }
    }
}

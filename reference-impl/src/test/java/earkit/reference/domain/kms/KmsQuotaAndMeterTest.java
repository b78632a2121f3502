package earkit.reference.domain.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;

/** The mock KMS request quota throttles per virtual second, and the cost meter charges keys and requests as KMS bills them. */
class KmsQuotaAndMeterTest extends KmsTestBase {

    @Test
    void requestQuotaThrottlesWithinOneVirtualSecond() {
        String id = newKey();
        assertEquals(200, kit.control("POST", "/_kit/kms/quotas", "{\"cryptographic\": 3}").status());
        for (int i = 0; i < 3; i++) {
            kms.encrypt(r -> r.keyId(id).plaintext(bytes("x")));
        }
        assertEquals("Rate exceeded", fails("ThrottlingException", () -> kms.encrypt(r -> r.keyId(id).plaintext(bytes("x"))))
                .awsErrorDetails().errorMessage());
        kms.describeKey(r -> r.keyId(id)); // other operations have their own quota (none here)
        try (KmsClient other = kit.kms("other", "other")) {
            String own = other.createKey().keyMetadata().keyId();
            other.encrypt(r -> r.keyId(own).plaintext(bytes("x"))); // quotas are per account
        }
        kit.advance(Duration.ofSeconds(1));
        kms.encrypt(r -> r.keyId(id).plaintext(bytes("x")));
        assertEquals(200, kit.control("POST", "/_kit/kms/quotas", "{\"cryptographic\": null}").status());
        for (int i = 0; i < 10; i++) {
            kms.encrypt(r -> r.keyId(id).plaintext(bytes("x")));
        }
        assertEquals(400, kit.control("POST", "/_kit/kms/quotas", "{\"other\": 0}").status());
    }

    @Test
    void meterChargesCustomerKeysMonthlyAndCountsRequestsOfEveryKey() {
        String customer = newKey();
        String managed = kms.describeKey(r -> r.keyId("alias/aws/dynamodb")).keyMetadata().keyId();
        kms.encrypt(r -> r.keyId(customer).plaintext(bytes("x")));
        kms.encrypt(r -> r.keyId(customer).plaintext(bytes("x")));
        kms.getKeyRotationStatus(r -> r.keyId(managed));
        kit.advance(Duration.ofHours(730));

        JsonNode c = reading(customer);
        assertEquals(3, c.get("requests").asInt()); // CreateKey and two Encrypt
        assertEquals(1.0, c.get("keyChargeUsd").asDouble(), 1e-6);
        JsonNode m = reading(managed);
        assertEquals(2, m.get("requests").asInt());
        assertEquals(0.0, m.get("keyChargeUsd").asDouble(), 1e-9);

        kms.rotateKeyOnDemand(r -> r.keyId(customer));
        kit.advance(Duration.ofHours(365));
        assertEquals(2.0, reading(customer).get("keyChargeUsd").asDouble(), 1e-6);
        kms.scheduleKeyDeletion(r -> r.keyId(customer).pendingWindowInDays(7));
        kit.advance(Duration.ofDays(10));
        JsonNode gone = reading(customer);
        assertEquals(2.0, gone.get("keyChargeUsd").asDouble(), 1e-6);
        assertTrue(gone.get("deleted").asBoolean());
    }

    private JsonNode reading(String keyId) {
        for (JsonNode k : kit.control("GET", "/_kit/kms/meter", null).json().get("keys")) {
            if (k.get("keyArn").asText().endsWith(keyId)) {
                return k;
            }
        }
        throw new AssertionError("no meter reading for " + keyId);
    }
}

package earkit.reference.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import earkit.reference.KitServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/** SigV4 refusals as AWS answers them (unknown key, wrong secret, no signature) and a correctly signed request served. */
class SigV4Test {
    private final KitServer kit = KitServer.start();

    @AfterEach
    void stop() {
        kit.close();
    }

    @Test
    void unknownAccessKeyIsUnrecognizedClient() {
        try (KmsClient kms = kit.kms("nobody", "whatever")) {
            KmsException e = assertThrows(KmsException.class, kms::listKeys);
            assertEquals(400, e.statusCode());
            assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void wrongSecretIsInvalidSignature() {
        try (KmsClient kms = kit.kms("test", "not-the-secret")) {
            KmsException e = assertThrows(KmsException.class, kms::listKeys);
            assertEquals(400, e.statusCode());
            assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void unsignedRequestIsMissingAuthenticationToken() {
        KitServer.Answer a = kit.raw("TrentService.ListKeys", "application/x-amz-json-1.1", "{}", Map.of());
        assertEquals(400, a.status());
        assertEquals("MissingAuthenticationTokenException", a.type());
    }

    @Test
    void correctlySignedRequestIsServed() {
        try (KmsClient kms = kit.kms()) {
            assertEquals(0, kms.listKeys().keys().size());
        }
    }
}

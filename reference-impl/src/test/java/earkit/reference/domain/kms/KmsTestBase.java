package earkit.reference.domain.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import earkit.reference.KitServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/** A fresh reference server per test with clients for the shipped identities. */
abstract class KmsTestBase {
    protected final KitServer kit = KitServer.start();
    protected final KmsClient kms = kit.kms();
    protected final CloudTrailClient trail = kit.cloudTrail();

    @AfterEach
    void stop() {
        kms.close();
        trail.close();
        kit.close();
    }

    protected String newKey() {
        return kms.createKey().keyMetadata().keyId();
    }

    protected static SdkBytes bytes(String s) {
        return SdkBytes.fromUtf8String(s);
    }

    /** Runs {@code call}, expects a KMS error with HTTP 400 and returns it after checking the code. */
    protected static KmsException fails(String code, Executable call) {
        KmsException e = assertThrows(KmsException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), () -> "message: " + e.awsErrorDetails().errorMessage());
        assertEquals(400, e.statusCode());
        return e;
    }

    protected List<Event> events(String eventName) {
        return trail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME)
                .attributeValue(eventName))).events();
    }

    protected static JsonNode document(Event e) {
        try {
            return KitServer.JSON.readTree(e.cloudTrailEvent());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    protected static Map<String, String> context(String table) {
        return Map.of("aws:dynamodb:tableName", table, "aws:dynamodb:subscriberId", "000000000000");
    }
}

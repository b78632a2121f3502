package earkit.reference.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.reference.KitServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * CloudTrail answers {@code LookupEvents} under both target prefixes SDKs send: the older models' fully qualified
 * name (Java SDKs, botocore, the CLI) and the Smithy shape name (the JavaScript SDK v3).
 */
class CloudTrailTargetPrefixTest {
    private static final String JSON11 = "application/x-amz-json-1.1";
    private static final String BODY = "{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\",\"AttributeValue\":\"CreateKey\"}]}";

    @Test
    void lookupEventsAnswersUnderBothPrefixesWithTheSameEvents() {
        try (KitServer kit = KitServer.start(); KmsClient kms = kit.kms()) {
            String keyArn = kms.createKey().keyMetadata().arn();
            KitServer.Answer longForm = kit.signedRaw("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents",
                    JSON11, BODY, "test", "test");
            KitServer.Answer shortForm = kit.signedRaw("CloudTrail_20131101.LookupEvents", JSON11, BODY, "test", "test");
            for (KitServer.Answer a : new KitServer.Answer[] {longForm, shortForm}) {
                assertEquals(200, a.status(), a.body());
                assertEquals(1, a.json().path("Events").size(), a.body());
                assertEquals("CreateKey", a.json().path("Events").path(0).path("EventName").asText());
                List<String> resources = new ArrayList<>();
                a.json().path("Events").path(0).path("Resources").forEach(r -> resources.add(r.path("ResourceName").asText()));
                assertTrue(resources.contains(keyArn), a.body());
            }
            assertEquals(longForm.json().path("Events").path(0).path("EventId"), shortForm.json().path("Events").path(0).path("EventId"));
        }
    }

    @Test
    void anotherPrefixIsStillAnUnknownOperation() {
        try (KitServer kit = KitServer.start()) {
            for (String target : new String[] {"CloudTrail_20131102.LookupEvents", "cloudtrail_20131101.LookupEvents",
                    "CloudTrail_20131101.NoSuchOperation"}) {
                KitServer.Answer a = kit.signedRaw(target, JSON11, "{}", "test", "test");
                assertEquals(400, a.status(), target + ": " + a.body());
                // SDKs keep what follows the '#' of __type; an unknown service's errors carry Coral's prefix
                assertEquals("UnknownOperationException", a.type().substring(a.type().indexOf('#') + 1), target);
            }
        }
    }
}

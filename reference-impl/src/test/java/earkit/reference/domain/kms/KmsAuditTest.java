package earkit.reference.domain.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import earkit.reference.KitServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.InvalidLookupAttributesException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidMaxResultsException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidTimeRangeException;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/** The mock KMS records every call in CloudTrail with the documented fields, for users and for the store acting for them, and LookupEvents finds them. */
class KmsAuditTest extends KmsTestBase {
    private static final String DDB = "dynamodb.us-east-1.amazonaws.com";

    @Test
    void userCallIsRecordedWithTheDocumentedFieldsAndNoPlaintext() {
        KeyMetadata k = kms.createKey().keyMetadata();
        kms.encrypt(r -> r.keyId(k.keyId()).plaintext(bytes("TOP-SECRET-MARKER")).encryptionContext(context("orders")));
        List<Event> events = events("Encrypt");
        assertEquals(1, events.size());
        Event e = events.get(0);
        assertEquals("kms.amazonaws.com", e.eventSource());
        assertEquals("true", e.readOnly());
        assertEquals("test", e.accessKeyId());
        assertEquals("root", e.username());
        assertEquals(kit.now(), e.eventTime());
        assertEquals("AWS::KMS::Key", e.resources().get(0).resourceType());
        assertEquals(k.arn(), e.resources().get(0).resourceName());
        assertFalse(e.cloudTrailEvent().contains("TOP-SECRET-MARKER"));
        JsonNode doc = document(e);
        assertEquals("1.08", doc.get("eventVersion").asText());
        assertEquals("Encrypt", doc.get("eventName").asText());
        assertEquals("us-east-1", doc.get("awsRegion").asText());
        assertEquals("127.0.0.1", doc.get("sourceIPAddress").asText());
        assertTrue(doc.get("userAgent").asText().contains("aws-sdk-java"));
        assertEquals("Root", doc.at("/userIdentity/type").asText());
        assertEquals(KitServer.ROOT_ARN, doc.at("/userIdentity/arn").asText());
        assertEquals("000000000000", doc.at("/userIdentity/accountId").asText());
        assertEquals("test", doc.at("/userIdentity/accessKeyId").asText());
        assertEquals(k.keyId(), doc.at("/requestParameters/keyId").asText());
        assertEquals("orders", doc.at("/requestParameters/encryptionContext/aws:dynamodb:tableName").asText());
        assertTrue(doc.at("/requestParameters/plaintext").isMissingNode());
        assertTrue(doc.get("responseElements").isNull());
        assertEquals(k.arn(), doc.at("/resources/0/ARN").asText());
        assertEquals("000000000000", doc.at("/resources/0/accountId").asText());
        assertEquals("AWS::KMS::Key", doc.at("/resources/0/type").asText());
        assertEquals("AwsApiCall", doc.get("eventType").asText());
        assertEquals("000000000000", doc.get("recipientAccountId").asText());
        assertFalse(doc.get("requestID").asText().isEmpty());
        assertEquals(e.eventId(), doc.get("eventID").asText());
        assertTrue(doc.get("readOnly").asBoolean());
        assertTrue(doc.get("errorCode") == null);

        JsonNode create = document(events("CreateKey").get(0));
        assertFalse(create.get("readOnly").asBoolean());
        assertEquals(k.keyId(), create.at("/responseElements/keyMetadata/keyId").asText());
        assertEquals("SYMMETRIC_DEFAULT", create.at("/responseElements/keyMetadata/keySpec").asText());
    }

    @Test
    void callsOfTheStoreCarryInvokedByAndTheCallerIdentity() {
        KeyMetadata k = kms.createKey().keyMetadata();
        try (KmsClient store = kit.serviceKms(KitServer.ROOT_ARN); KmsClient storeAlone = kit.serviceKms(null)) {
            store.createGrant(r -> r.keyId(k.arn()).granteePrincipal(DDB).retiringPrincipal(DDB)
                    .operationsWithStrings("GenerateDataKey", "Decrypt").constraints(c -> c.encryptionContextSubset(context("orders"))));
            var wrapped = storeAlone.generateDataKey(r -> r.keyId(k.arn()).keySpec("AES_256").encryptionContext(context("orders")))
                    .ciphertextBlob();
            store.decrypt(r -> r.ciphertextBlob(wrapped).encryptionContext(context("orders")));
        }
        JsonNode gdk = document(events("GenerateDataKey").get(0));
        assertEquals("AWSService", gdk.at("/userIdentity/type").asText());
        assertEquals("dynamodb.amazonaws.com", gdk.at("/userIdentity/invokedBy").asText());
        assertEquals("dynamodb.amazonaws.com", gdk.get("sourceIPAddress").asText());
        assertEquals("dynamodb.amazonaws.com", gdk.get("userAgent").asText());
        assertEquals("AES_256", gdk.at("/requestParameters/keySpec").asText());
        assertEquals(k.arn(), gdk.at("/requestParameters/keyId").asText());
        assertEquals("000000000000", gdk.at("/requestParameters/encryptionContext/aws:dynamodb:subscriberId").asText());
        assertTrue(gdk.get("responseElements").isNull());
        assertTrue(gdk.get("readOnly").asBoolean());

        JsonNode decrypt = document(events("Decrypt").get(0));
        assertEquals("Root", decrypt.at("/userIdentity/type").asText());
        assertEquals(KitServer.ROOT_ARN, decrypt.at("/userIdentity/arn").asText());
        assertEquals("dynamodb.amazonaws.com", decrypt.at("/userIdentity/invokedBy").asText());
        assertTrue(decrypt.at("/requestParameters/keyId").isMissingNode());
        assertEquals("orders", decrypt.at("/requestParameters/encryptionContext/aws:dynamodb:tableName").asText());
        assertEquals(k.arn(), decrypt.at("/resources/0/ARN").asText());

        JsonNode grant = document(events("CreateGrant").get(0));
        assertEquals("dynamodb.amazonaws.com", grant.at("/userIdentity/invokedBy").asText());
        assertEquals(DDB, grant.at("/requestParameters/granteePrincipal").asText());
        assertEquals(DDB, grant.at("/requestParameters/retiringPrincipal").asText());
        assertEquals("orders", grant.at("/requestParameters/constraints/encryptionContextSubset/aws:dynamodb:tableName").asText());
        assertEquals(2, grant.at("/requestParameters/operations").size());
        assertTrue(grant.at("/responseElements/grantId").asText().matches("[0-9a-f]{64}"));
        assertTrue(grant.at("/responseElements/grantToken").isMissingNode());
        assertFalse(grant.get("readOnly").asBoolean());
    }

    @Test
    void failedAndDeniedCallsAreRecordedWithTheirErrorCode() {
        KeyMetadata k = kms.createKey().keyMetadata();
        kms.disableKey(r -> r.keyId(k.keyId()));
        fails("DisabledException", () -> kms.encrypt(r -> r.keyId(k.keyId()).plaintext(bytes("x"))));
        try (KmsClient restricted = kit.kms("restricted", "restricted")) {
            fails("AccessDeniedException", () -> restricted.enableKey(r -> r.keyId(k.keyId())));
        }
        fails("NotFoundException", () -> kms.describeKey(r -> r.keyId("alias/none")));
        fails("ValidationException", () -> kms.encrypt(r -> r.keyId(k.keyId()).plaintext(bytes(""))));

        JsonNode invalid = document(events("Encrypt").get(0));
        assertEquals("ValidationException", invalid.get("errorCode").asText());
        JsonNode encrypt = document(events("Encrypt").get(1));
        assertEquals("DisabledException", encrypt.get("errorCode").asText());
        assertEquals(k.arn() + " is disabled.", encrypt.get("errorMessage").asText());
        JsonNode denied = document(events("EnableKey").get(0));
        assertEquals("AccessDeniedException", denied.get("errorCode").asText());
        assertEquals("IAMUser", denied.at("/userIdentity/type").asText());
        assertEquals("restricted", denied.at("/userIdentity/userName").asText());
        assertEquals(k.arn(), denied.at("/resources/0/ARN").asText());
        assertEquals("NotFoundException", document(events("DescribeKey").get(0)).get("errorCode").asText());
    }

    @Test
    void lookupPagesNewestFirstAndFiltersByEveryAttribute() {
        KeyMetadata k = kms.createKey().keyMetadata();
        Instant t0 = kit.now();
        for (int i = 0; i < 7; i++) {
            kms.describeKey(r -> r.keyId(k.keyId()));
            kit.advance(Duration.ofMinutes(1));
        }
        List<Event> all = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            LookupEventsResponse page = trail.lookupEvents(r -> r.maxResults(3).nextToken(t)
                    .lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("DescribeKey")));
            assertTrue(page.events().size() <= 3);
            all.addAll(page.events());
            token = page.nextToken();
        } while (token != null);
        assertEquals(7, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).eventTime().isAfter(all.get(i).eventTime()));
        }
        assertEquals(t0.plus(Duration.ofMinutes(6)), all.get(0).eventTime());

        assertEquals(2, trail.lookupEvents(r -> r.startTime(t0.plus(Duration.ofMinutes(2))).endTime(t0.plus(Duration.ofMinutes(3)))
                .lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("DescribeKey"))).events().size());
        assertEquals(8, lookup(LookupAttributeKey.RESOURCE_NAME, k.arn()).size());
        assertEquals(8, lookup(LookupAttributeKey.RESOURCE_TYPE, "AWS::KMS::Key").size());
        assertEquals(8, lookup(LookupAttributeKey.EVENT_SOURCE, "kms.amazonaws.com").size());
        assertEquals(8, lookup(LookupAttributeKey.USERNAME, "root").size());
        assertEquals(8, lookup(LookupAttributeKey.ACCESS_KEY_ID, "test").size());
        assertEquals(7, lookup(LookupAttributeKey.READ_ONLY, "true").size());
        assertEquals(1, lookup(LookupAttributeKey.READ_ONLY, "false").size());
        assertEquals(1, lookup(LookupAttributeKey.EVENT_ID, all.get(3).eventId()).size());
        try (var otherTrail = kit.cloudTrail("other", "other")) {
            assertTrue(otherTrail.lookupEvents(r -> r.maxResults(50)).events().isEmpty());
        }
    }

    @Test
    void lookupRefusesBadParametersWithModeledErrors() {
        kms.createKey();
        assertThrows(InvalidLookupAttributesException.class, () -> trail.lookupEvents(r -> r.lookupAttributes(
                a -> a.attributeKey("EventName").attributeValue("CreateKey"),
                a -> a.attributeKey("ReadOnly").attributeValue("false"))));
        assertThrows(InvalidLookupAttributesException.class, () -> trail.lookupEvents(r -> r.lookupAttributes(
                a -> a.attributeKey("Colour").attributeValue("blue"))));
        assertThrows(InvalidMaxResultsException.class, () -> trail.lookupEvents(r -> r.maxResults(51)));
        assertThrows(InvalidMaxResultsException.class, () -> trail.lookupEvents(r -> r.maxResults(0)));
        assertThrows(InvalidTimeRangeException.class, () -> trail.lookupEvents(r -> r.startTime(kit.now())
                .endTime(kit.now().minusSeconds(1))));
        assertThrows(InvalidNextTokenException.class, () -> trail.lookupEvents(r -> r.nextToken("garbage")));
        kms.createKey();
        String token = trail.lookupEvents(r -> r.maxResults(1)).nextToken();
        assertThrows(InvalidNextTokenException.class, () -> trail.lookupEvents(r -> r.nextToken(token)
                .lookupAttributes(a -> a.attributeKey("EventName").attributeValue("CreateKey"))));
        assertNull(trail.lookupEvents(r -> r.maxResults(1).nextToken(token)).nextToken());
    }

    private List<Event> lookup(LookupAttributeKey key, String value) {
        return trail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(key).attributeValue(value))).events();
    }
}

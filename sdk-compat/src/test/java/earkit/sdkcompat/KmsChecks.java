package earkit.sdkcompat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

/** KMS and CloudTrail as the conformance suite uses them, through one SDK. */
final class KmsChecks extends SdkCalls {

    KmsChecks(SdkDriver driver) {
        super(driver);
    }

    /** A key's life: create, describe, encrypt and decrypt, list in pages, disable, enable, rotation, deletion. */
    void keyLifecycle(Instant now) {
        JsonNode metadata = kms("CreateKey", "{\"Description\": \"lifecycle\"}").path("KeyMetadata");
        String keyId = metadata.path("KeyId").asText();
        String arn = metadata.path("Arn").asText();
        assertEquals(List.of("arn:aws:kms:us-east-1:000000000000:key/" + keyId, "Enabled", "CUSTOMER", "lifecycle"),
                List.of(arn, metadata.path("KeyState").asText(), metadata.path("KeyManager").asText(), metadata.path("Description").asText()),
                sdk + ": CreateKey's KeyMetadata " + metadata);
        assertEquals(now.getEpochSecond(), metadata.path("CreationDate").asDouble(), 1.0, sdk + ": CreationDate in epoch seconds");
        assertEquals(arn, kms("DescribeKey", "{\"KeyId\": \"%s\"}", keyId).path("KeyMetadata").path("Arn").asText(), sdk + ": DescribeKey");

        byte[] plaintext = new byte[256];
        IntStream.range(0, 256).forEach(i -> plaintext[i] = (byte) i);
        String encoded = Base64.getEncoder().encodeToString(plaintext);
        if (textBlobsOnly()) {
            // The AWS CLI v1 takes blobs as text only: the 256 byte values cannot be sent, UTF-8 text can, and a
            // ciphertext (random bytes, not UTF-8 but with a chance below 2^-100) cannot be given back to Decrypt.
            unsupported("kms", "Encrypt", "{\"KeyId\": \"%s\", \"Plaintext\": \"%s\"}", keyId, encoded);
            String text = Base64.getEncoder().encodeToString("naïve ☃ plaintext".getBytes(StandardCharsets.UTF_8));
            String ciphertext = kms("Encrypt", "{\"KeyId\": \"%s\", \"Plaintext\": \"%s\"}", keyId, text).path("CiphertextBlob").asText();
            assertTrue(Base64.getDecoder().decode(ciphertext).length > 32, sdk + ": Encrypt's CiphertextBlob " + ciphertext);
            unsupported("kms", "Decrypt", "{\"CiphertextBlob\": \"%s\"}", ciphertext);
        } else {
            JsonNode encrypted = kms("Encrypt", "{\"KeyId\": \"%s\", \"Plaintext\": \"%s\"}", keyId, encoded);
            JsonNode decrypted = kms("Decrypt", "{\"CiphertextBlob\": \"%s\"}", encrypted.path("CiphertextBlob").asText());
            assertEquals(List.of(encoded, arn), List.of(decrypted.path("Plaintext").asText(), decrypted.path("KeyId").asText()),
                    sdk + ": Decrypt of Encrypt's CiphertextBlob gives the 256 bytes back");
        }

        List<String> keys = new ArrayList<>(List.of(keyId));
        for (int i = 1; i <= 2; i++) {
            keys.add(kms("CreateKey", "{}").path("KeyMetadata").path("KeyId").asText());
        }
        for (int i = 0; i < keys.size(); i++) {
            kms("CreateAlias", "{\"AliasName\": \"alias/sdk-compat-%d\", \"TargetKeyId\": \"%s\"}", i, keys.get(i));
        }
        List<String> pagedKeys = paged("ListKeys", "Keys", k -> k.path("KeyId").asText());
        List<String> allKeys = new ArrayList<>();
        kms("ListKeys", "{}").path("Keys").forEach(k -> allKeys.add(k.path("KeyId").asText()));
        assertEquals(allKeys, pagedKeys, sdk + ": ListKeys in pages of 1 lists every key once, as one call does");
        assertTrue(pagedKeys.containsAll(keys), sdk + ": ListKeys lists the keys created " + keys + ": " + pagedKeys);
        List<String> aliases = paged("ListAliases", "Aliases", a -> a.path("AliasName").asText() + "->" + a.path("TargetKeyId").asText());
        for (int i = 0; i < keys.size(); i++) {
            String alias = "alias/sdk-compat-" + i + "->" + keys.get(i);
            assertEquals(1, aliases.stream().filter(alias::equals).count(), sdk + ": ListAliases lists " + alias + " once: " + aliases);
        }

        kms("DisableKey", "{\"KeyId\": \"%s\"}", keyId);
        assertEquals("Disabled", keyState(keyId), sdk + ": KeyState after DisableKey");
        kms("EnableKey", "{\"KeyId\": \"%s\"}", keyId);
        assertEquals("Enabled", keyState(keyId), sdk + ": KeyState after EnableKey");
        assertEquals(false, kms("GetKeyRotationStatus", "{\"KeyId\": \"%s\"}", keyId).path("KeyRotationEnabled").asBoolean(true),
                sdk + ": KeyRotationEnabled of a new key");
        kms("EnableKeyRotation", "{\"KeyId\": \"%s\"}", keyId);
        assertEquals(true, kms("GetKeyRotationStatus", "{\"KeyId\": \"%s\"}", keyId).path("KeyRotationEnabled").asBoolean(false),
                sdk + ": KeyRotationEnabled after EnableKeyRotation");
        JsonNode deletion = kms("ScheduleKeyDeletion", "{\"KeyId\": \"%s\", \"PendingWindowInDays\": 7}", keyId);
        assertEquals(List.of(arn, "PendingDeletion"), List.of(deletion.path("KeyId").asText(), deletion.path("KeyState").asText()),
                sdk + ": ScheduleKeyDeletion " + deletion);
        double deletionDate = deletion.path("DeletionDate").asDouble();
        long inSevenDays = now.plus(Duration.ofDays(7)).getEpochSecond();
        assertTrue(deletionDate >= inSevenDays && deletionDate < inSevenDays + 86_400, sdk + ": DeletionDate " + deletionDate
                + " (epoch seconds) is 7 days after the virtual now " + now);
        assertEquals("PendingDeletion", keyState(keyId), sdk + ": KeyState after ScheduleKeyDeletion");
    }

    private String keyState(String keyId) {
        return kms("DescribeKey", "{\"KeyId\": \"%s\"}", keyId).path("KeyMetadata").path("KeyState").asText();
    }

    /** A KMS listing in pages of one, following NextMarker while Truncated. */
    private List<String> paged(String operation, String member, Function<JsonNode, String> id) {
        List<String> seen = new ArrayList<>();
        String marker = "";
        int pages = 0;
        do {
            JsonNode page = kms(operation, "{\"Limit\": 1%s}", marker);
            assertTrue(page.path(member).size() <= 1, sdk + ": " + operation + " page larger than Limit 1: " + page);
            page.path(member).forEach(e -> seen.add(id.apply(e)));
            marker = page.path("Truncated").asBoolean() ? ", \"Marker\": \"" + page.path("NextMarker").asText() + "\"" : "";
            pages++;
        } while (!marker.isEmpty() && pages < 200);
        assertTrue(pages >= 3, sdk + ": " + operation + " in pages of 1 took " + pages + " pages: " + seen);
        return seen;
    }

    /**
     * DynamoDB's KMS requests in the audit: GenerateDataKey when a table is created, Decrypt when a read comes after
     * the 5-minute table-key refresh, each invoked by dynamodb.amazonaws.com with the table's encryption context;
     * LookupEvents in pages. The clock, not a new client, forces the refresh: some HTTP clients share connections
     * between clients (the JDK's keep-alive cache), so a new client is not always a new connection.
     */
    void auditEvents(ReferenceUnderTest reference) {
        String key = tablesReadAfterTheRefresh(reference);
        for (String eventName : List.of("GenerateDataKey", "Decrypt")) {
            List<String> ids = new ArrayList<>();
            List<String> tables = new ArrayList<>();
            String token = "";
            int pages = 0;
            do {
                JsonNode page = cloudtrail("LookupEvents", "{\"LookupAttributes\": [{\"AttributeKey\": \"EventName\", \"AttributeValue\": \"%s\"}], "
                        + "\"MaxResults\": 1%s}", eventName, token);
                for (JsonNode event : page.path("Events")) {
                    assertEquals(eventName, event.path("EventName").asText(), sdk + ": LookupEvents filtered by EventName " + event);
                    ids.add(event.path("EventId").asText());
                    JsonNode record = json(event.path("CloudTrailEvent").asText());
                    if ("dynamodb.amazonaws.com".equals(record.path("userIdentity").path("invokedBy").asText())
                            && key.equals(record.path("resources").path(0).path("ARN").asText())) {
                        tables.add(record.path("requestParameters").path("encryptionContext").path("aws:dynamodb:tableName").asText());
                    }
                }
                token = page.has("NextToken") ? ", \"NextToken\": \"" + page.path("NextToken").asText() + "\"" : "";
                pages++;
            } while (!token.isEmpty() && pages < 50);
            assertEquals(ids.size(), Set.copyOf(ids).size(), sdk + ": LookupEvents pages repeat no event " + ids);
            assertTrue(pages >= 2, sdk + ": LookupEvents with MaxResults 1 paged " + pages + " times");
            assertTrue(tables.containsAll(List.of("audited-1", "audited-2")), sdk + ": " + eventName
                    + " events invoked by dynamodb.amazonaws.com on " + key + " name both tables in their encryption context: " + tables);
        }
    }
}

package earkit.reference.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.kms.model.GrantOperation;
import software.amazon.awssdk.services.kms.model.KmsException;

/** Who may do what: SigV4 against real time, key policies, other accounts and grants, the control API's guard. */
class AccessControlTest {
    private static final Instant DOMAIN_2019 = Instant.parse("2019-06-01T00:00:00Z");
    private ReferenceServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private RawClient.Reply listTables(RawClient.Signing signing) {
        RawClient raw = new RawClient(server.endpoint(), Duration.ofSeconds(10));
        return raw.send(new RawClient.Request("POST", "/", Map.of("X-Amz-Target", "DynamoDB_20120810.ListTables",
                "Content-Type", "application/x-amz-json-1.0"), "{}".getBytes(StandardCharsets.UTF_8), signing,
                "dynamodb", "us-east-1"));
    }

    private static String type(RawClient.Reply r) throws Exception {
        JsonNode json = ShapeFiller.JSON.readTree(r.body());
        assertTrue(json.path("message").isTextual(), "AWS-shaped: " + json);
        return json.path("__type").asText();
    }

    @Test
    void sigV4IsCheckedAgainstRealTimeWhileTheDomainClockShows2019() throws Exception {
        server = ReferenceServer.start(ServerOptions.defaults().withClockStart(DOMAIN_2019));
        try (Clients c = new Clients(server.endpoint())) {
            assertEquals(DOMAIN_2019.getEpochSecond(), Instant.parse(ShapeFiller.JSON.readTree(
                    get(server.endpoint().resolve("/_kit/clock"), null).body()).get("now").asText()).getEpochSecond());
        }
        assertEquals(200, listTables(RawClient.Signing.as("test", "test")).status());
        String prefix = "com.amazon.coral.service#"; // DynamoDB's framework namespace for signature errors
        RawClient.Reply unknown = listTables(RawClient.Signing.as("AKIDUNKNOWN", "x"));
        assertEquals(400, unknown.status());
        assertEquals(prefix + "UnrecognizedClientException", type(unknown));
        RawClient.Reply wrongSecret = listTables(RawClient.Signing.as("test", "wrong"));
        assertEquals(prefix + "InvalidSignatureException", type(wrongSecret));
        RawClient.Reply altered = listTables(new RawClient.Signing("test", "test", Duration.ZERO, true));
        assertEquals(prefix + "InvalidSignatureException", type(altered));
        RawClient.Reply expired = listTables(new RawClient.Signing("test", "test", Duration.ofMinutes(-16), false));
        assertEquals(prefix + "InvalidSignatureException", type(expired));
        assertTrue(new String(expired.body(), StandardCharsets.UTF_8).contains("Signature expired"));
        RawClient.Reply future = listTables(new RawClient.Signing("test", "test", Duration.ofMinutes(16), false));
        assertEquals(prefix + "InvalidSignatureException", type(future));
        assertTrue(new String(future.body(), StandardCharsets.UTF_8).contains("not yet current"));
        // Within the allowance (and years away from the domain's 2019) the request is served.
        assertEquals(200, listTables(new RawClient.Signing("test", "test", Duration.ofMinutes(-14), false)).status());
        assertEquals(200, listTables(new RawClient.Signing("test", "test", Duration.ofMinutes(14), false)).status());
        RawClient.Reply unsigned = listTables(null);
        assertEquals(prefix + "MissingAuthenticationTokenException", type(unsigned));
    }

    @Test
    void anIdentityTheKeyPolicyDeniesCannotReadATableUnderThatKeyWhileOthersStillCan() throws Exception {
        server = ReferenceServer.start(ServerOptions.defaults());
        try (Clients admin = new Clients(server.endpoint()); Clients restricted = new Clients(server.endpoint(), "restricted", "restricted")) {
            String key = admin.kms().createKey(b -> b.description("policy")).keyMetadata().keyId();
            com.fasterxml.jackson.databind.node.ObjectNode policy = (com.fasterxml.jackson.databind.node.ObjectNode)
                    ShapeFiller.JSON.readTree(admin.kms().getKeyPolicy(b -> b.keyId(key).policyName("default")).policy());
            policy.withArray("Statement").addObject().put("Sid", "DenyRestricted").put("Effect", "Deny")
                    .put("Action", "kms:*").put("Resource", "*")
                    .putObject("Principal").put("AWS", "arn:aws:iam::000000000000:user/restricted");
            admin.kms().putKeyPolicy(b -> b.keyId(key).policyName("default").policy(policy.toString()));
            admin.createTable("guarded", false, s -> s.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(key));
            admin.dynamo().putItem(b -> b.tableName("guarded").item(Map.of("pk", AttributeValue.fromS("a"),
                    "secret", AttributeValue.fromS("only for the admin"))));

            DynamoDbException denied = assertThrows(DynamoDbException.class, () -> restricted.dynamo()
                    .getItem(b -> b.tableName("guarded").key(Map.of("pk", AttributeValue.fromS("a")))));
            assertEquals(400, denied.statusCode());
            assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
            assertThrows(DynamoDbException.class, () -> restricted.dynamo().scan(b -> b.tableName("guarded")));
            KmsException kmsDenied = assertThrows(KmsException.class, () -> restricted.kms().encrypt(b -> b.keyId(key)
                    .plaintext(SdkBytes.fromUtf8String("x"))));
            assertEquals("AccessDeniedException", kmsDenied.awsErrorDetails().errorCode());

            // One caller's missing rights do not make the table inaccessible for everyone.
            assertEquals("ACTIVE", admin.dynamo().describeTable(b -> b.tableName("guarded")).table().tableStatusAsString());
            assertEquals("only for the admin", admin.dynamo().getItem(b -> b.tableName("guarded")
                    .key(Map.of("pk", AttributeValue.fromS("a")))).item().get("secret").s());
        }
    }

    @Test
    void anotherAccountCannotUseACustomerKeyWithoutAGrant() {
        server = ReferenceServer.start(ServerOptions.defaults());
        try (Clients owner = new Clients(server.endpoint()); Clients other = new Clients(server.endpoint(), "other", "other")) {
            String arn = owner.kms().createKey(b -> b.description("owned by 000000000000")).keyMetadata().arn();
            KmsException encrypt = assertThrows(KmsException.class, () -> other.kms().encrypt(b -> b.keyId(arn)
                    .plaintext(SdkBytes.fromUtf8String("x"))));
            assertEquals("AccessDeniedException", encrypt.awsErrorDetails().errorCode());
            SdkBytes blob = owner.kms().encrypt(b -> b.keyId(arn).plaintext(SdkBytes.fromUtf8String("owner's"))).ciphertextBlob();
            KmsException decrypt = assertThrows(KmsException.class, () -> other.kms().decrypt(b -> b.ciphertextBlob(blob)));
            assertEquals("AccessDeniedException", decrypt.awsErrorDetails().errorCode());
            DynamoDbException table = assertThrows(DynamoDbException.class, () -> other.createTable("borrowed", false,
                    s -> s.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(arn)));
            assertEquals(400, table.statusCode());

            owner.kms().createGrant(b -> b.keyId(arn).granteePrincipal("arn:aws:iam::111111111111:root")
                    .operations(GrantOperation.ENCRYPT, GrantOperation.DECRYPT));
            assertEquals("owner's", other.kms().decrypt(b -> b.ciphertextBlob(blob)).plaintext().asUtf8String());
            other.kms().encrypt(b -> b.keyId(arn).plaintext(SdkBytes.fromUtf8String("now allowed")));
        }
    }

    @Test
    void theControlApiCanBeSwitchedOff() throws Exception {
        server = ReferenceServer.start(ServerOptions.defaults().withControl("off"));
        HttpResponse<String> r = post(server.endpoint().resolve("/_kit/clock/advance"), "{\"by\":\"PT168H\"}", null);
        assertEquals(403, r.statusCode());
        assertEquals("AccessDeniedException", ShapeFiller.JSON.readTree(r.body()).get("__type").asText());
        assertEquals(403, get(server.endpoint().resolve("/_kit/clock"), null).statusCode());
        // The AWS APIs are unaffected.
        assertEquals(200, listTables(RawClient.Signing.as("test", "test")).status());
    }

    @Test
    void aTokenGuardsTheControlApiSoNoOneElseCanMoveTheClock() throws Exception {
        server = ReferenceServer.start(ServerOptions.defaults().withControl("token:s3cret"));
        String before = ShapeFiller.JSON.readTree(get(server.endpoint().resolve("/_kit/clock"), "s3cret").body()).get("now").asText();
        for (String wrong : new String[] {null, "guess", "S3CRET"}) {
            HttpResponse<String> r = post(server.endpoint().resolve("/_kit/clock/advance"), "{\"by\":\"PT168H\"}", wrong);
            assertEquals(403, r.statusCode());
            JsonNode json = ShapeFiller.JSON.readTree(r.body());
            assertEquals("AccessDeniedException", json.get("__type").asText());
            assertTrue(json.get("message").isTextual());
        }
        assertEquals(before, ShapeFiller.JSON.readTree(get(server.endpoint().resolve("/_kit/clock"), "s3cret").body()).get("now").asText());
        HttpResponse<String> ok = post(server.endpoint().resolve("/_kit/clock/advance"), "{\"by\":\"PT168H\"}", "s3cret");
        assertEquals(200, ok.statusCode());
        assertEquals(Instant.parse(before).plus(Duration.ofHours(168)), Instant.parse(ShapeFiller.JSON.readTree(ok.body()).get("now").asText()));
    }

    @Test
    void aMalformedControlModeIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> ReferenceServer.start(ServerOptions.defaults().withControl("token:")).close());
    }

    private static HttpResponse<String> post(URI uri, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI uri, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}

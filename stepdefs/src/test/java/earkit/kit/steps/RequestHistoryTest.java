package earkit.kit.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A reader of a failed scenario must see what was asked and answered: each scenario carries its calls as a
 * {@code request-history.json} attachment in the Cucumber messages, with secrets masked and bodies cut.
 */
class RequestHistoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theScenarioCarriesEveryCallInOrderWithItsOutcome(@TempDir Path dir) throws Exception {
        Path messages = dir.resolve("messages.ndjson");
        var request = LauncherDiscoveryRequestBuilder.request().selectors(selectPackage("features"))
                .filters(EngineFilter.includeEngines("cucumber"))
                .configurationParameter("cucumber.glue", "earkit.kit.steps")
                .configurationParameter("cucumber.filter.tags", "@EAR-CMK-003")
                .configurationParameter("cucumber.plugin", "message:" + messages)
                .configurationParameter("cucumber.publish.quiet", "true").build();
        LauncherFactory.create().execute(request);

        List<JsonNode> attachments = new ArrayList<>();
        for (String line : Files.readAllLines(messages)) {
            JsonNode m = JSON.readTree(line);
            if (m.has("attachment")) {
                attachments.add(m.get("attachment"));
            }
        }
        assertEquals(1, attachments.size(), "one history for the one scenario");
        JsonNode a = attachments.get(0);
        assertEquals("application/json", a.path("mediaType").asText());
        assertEquals(RequestHistory.FILE_NAME, a.path("fileName").asText());
        String body = a.path("contentEncoding").asText().equals("BASE64")
                ? new String(Base64.getDecoder().decode(a.path("body").asText()), StandardCharsets.UTF_8) : a.path("body").asText();
        JsonNode calls = JSON.readTree(body);
        assertTrue(calls.isArray() && calls.size() >= 3, "the clock, CreateTable and DescribeTable at least: " + calls);

        // The reference declares clock control: the scenario reads the virtual clock first, and every later call
        // is stamped with it (only the control API moves that clock).
        JsonNode clock = calls.get(0);
        assertEquals("control", clock.path("service").asText());
        java.time.Instant virtualNow = java.time.Instant.parse(clock.path("virtualTime").asText());

        JsonNode create = calls.get(1);
        assertEquals("dynamodb", create.path("service").asText());
        assertEquals("CreateTable", create.path("operation").asText());
        assertEquals(400, create.path("httpStatus").asInt());
        assertFalse(create.path("errorCode").isNull(), "the refusal's code: " + create);
        assertFalse(create.path("requestId").isNull(), "the target's request id: " + create);
        assertTrue(create.path("connection").asText().startsWith("dynamodb kept-alive #1"), create.path("connection").asText());
        assertTrue(create.path("request").asText().contains("KMSMasterKeyId"), "the request body: " + create.path("request"));
        assertTrue(create.path("response").asText().contains("__type"), "the error body: " + create.path("response"));
        assertNotNull(java.time.Instant.parse(create.path("wallTime").asText()));
        assertEquals(virtualNow, java.time.Instant.parse(create.path("virtualTime").asText()), "stamped with the virtual clock");
        assertTrue(create.has("durationMillis"));

        JsonNode describe = calls.get(2);
        assertEquals("DescribeTable", describe.path("operation").asText());
        assertEquals("ResourceNotFoundException", describe.path("errorCode").asText());
    }

    @Test
    void kmsSecretsAndCredentialsAreMaskedButItemValuesAreNot() {
        String kms = RequestHistory.shown("kms", "{\"Plaintext\":\"c2VjcmV0\",\"CiphertextBlob\":\"AQID\",\"KeyId\":\"k\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"Plaintext\":\"***\",\"CiphertextBlob\":\"***\",\"KeyId\":\"k\"}", kms);
        String ddb = RequestHistory.shown("dynamodb", "{\"Item\":{\"Plaintext\":{\"S\":\"mine\"}},\"SecretAccessKey\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"Item\":{\"Plaintext\":{\"S\":\"mine\"}},\"SecretAccessKey\":\"***\"}", ddb);
    }

    @Test
    void longBodiesAreCutWithAMarker() {
        String shown = RequestHistory.shown("dynamodb", "x".repeat(5000).getBytes(StandardCharsets.UTF_8));
        assertTrue(shown.startsWith("x".repeat(RequestHistory.BODY_LIMIT) + "… [cut: 904 more characters]"), shown.substring(4090));
        assertNull(RequestHistory.shown("dynamodb", null));
    }
}

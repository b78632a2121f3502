package earkit.reference.domain.table;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * KMS trouble at a table-key refresh (throttling, an internal error, no answer in time) is not the loss of the key:
 * a connection holding the table key keeps serving from it and retries the refresh with backoff on the virtual clock;
 * the table stays ACTIVE with no InaccessibleEncryptionDateTime, and a real loss afterwards is still detected.
 */
class KmsTroubleTest extends StoreTestBase {
    private static final String JSON_11 = "application/x-amz-json-1.1";
    private WireMockServer proxy;

    @Override
    protected ServerOptions options() {
        proxy = new WireMockServer(WireMockConfiguration.options().dynamicPort().preserveHostHeader(true));
        proxy.start();
        return ServerOptions.defaults().withKmsEndpoint(URI.create(proxy.baseUrl()));
    }

    @AfterEach
    void stopProxy() {
        proxy.stop();
    }

    private void forward() {
        proxy.resetMappings();
        proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(server.endpoint().toString())));
    }

    /** Every KMS call answered with {@code answer} until {@link #forward()}. */
    private void trouble(ResponseDefinitionBuilder answer) {
        proxy.resetMappings();
        proxy.stubFor(any(anyUrl()).willReturn(answer));
    }

    private static ResponseDefinitionBuilder error(int status, String type) {
        return aResponse().withStatus(status).withHeader("Content-Type", JSON_11)
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"injected\"}");
    }

    private int decrypts() {
        return proxy.countRequestsMatching(postRequestedFor(anyUrl()).withHeader("X-Amz-Target", equalTo("TrentService.Decrypt")).build())
                .getCount();
    }

    private String tableWithAnItem() {
        forward();
        String key = kms.createKey().keyMetadata().arn();
        createTable("Orders", null, EncryptedTablesTest.cmk(key));
        ddb.putItem(r -> r.tableName("Orders").item(item("pk", "a", "note", "kept")));
        return key;
    }

    private Map<String, AttributeValue> read() {
        return ddb.getItem(r -> r.tableName("Orders").key(item("pk", "a"))).item();
    }

    private void assertStillAccessible() {
        TableDescription d = ddb.describeTable(r -> r.tableName("Orders")).table();
        assertEquals(TableStatus.ACTIVE, d.tableStatus());
        assertNull(d.sseDescription().inaccessibleEncryptionDateTime());
    }

    private void servesThroughTrouble(ResponseDefinitionBuilder answer) {
        String key = tableWithAnItem();
        read();
        trouble(answer);
        advance("PT5M1S");
        assertEquals("kept", read().get("note").s(), "served from the connection's table key while KMS is in trouble");
        int afterFirstAttempt = decrypts();
        assertEquals("kept", read().get("note").s());
        assertEquals(afterFirstAttempt, decrypts(), "no second refresh before the backoff has passed");
        advance("PT2S");
        read();
        assertEquals(afterFirstAttempt + 1, decrypts(), "the refresh is retried once the backoff has passed");
        advance("PT1H");
        read();
        assertStillAccessible();

        forward();
        kms.disableKey(r -> r.keyId(key));
        advance("PT5M1S");
        DynamoDbException refused = assertThrows(DynamoDbException.class, this::read);
        assertEquals(400, refused.statusCode());
        assertEquals("AccessDeniedException", refused.awsErrorDetails().errorCode());
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, ddb.describeTable(r -> r.tableName("Orders")).table().tableStatus());
    }

    @Test
    void throttlingIsNotKeyLoss() {
        servesThroughTrouble(error(400, "ThrottlingException"));
    }

    @Test
    void anInternalErrorIsNotKeyLoss() {
        servesThroughTrouble(error(500, "KMSInternalException"));
    }

    /** Held for longer than a refresh waits but less than a call without a held key waits: the refresh gives up. */
    @Test
    void noAnswerInTimeIsNotKeyLoss() {
        servesThroughTrouble(heldLongerThanARefreshWaits());
    }

    /** The same hold on a connection with no table key yet: the store waits the whole call timeout and gets the answer. */
    @Test
    void aCallWithoutAHeldKeyWaitsLongerThanARefresh() {
        tableWithAnItem();
        trouble(heldLongerThanARefreshWaits());
        var fresh = dynamo("test", "us-east-1");
        try {
            assertEquals("kept", fresh.getItem(r -> r.tableName("Orders").key(item("pk", "a"))).item().get("note").s());
        } finally {
            fresh.close();
        }
        assertStillAccessible();
    }

    private ResponseDefinitionBuilder heldLongerThanARefreshWaits() {
        assertTrue(ReferenceServer.KMS_REFRESH_TIMEOUT.plusSeconds(1).compareTo(ReferenceServer.KMS_CALL_TIMEOUT) < 0);
        return aResponse().proxiedFrom(server.endpoint().toString())
                .withFixedDelay((int) ReferenceServer.KMS_REFRESH_TIMEOUT.toMillis() + 1_000);
    }

    @Test
    void aNewConnectionDuringTroubleFailsAsTheServersFaultAndLeavesTheTableAlone() {
        tableWithAnItem();
        trouble(error(400, "ThrottlingException"));
        var fresh = dynamo("test", "us-east-1");
        try {
            DynamoDbException failed = assertThrows(DynamoDbException.class,
                    () -> fresh.getItem(r -> r.tableName("Orders").key(item("pk", "a"))));
            assertEquals(500, failed.statusCode());
        } finally {
            fresh.close();
        }
        assertStillAccessible();
    }
}

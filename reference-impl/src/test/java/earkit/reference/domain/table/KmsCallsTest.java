package earkit.reference.domain.table;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import earkit.reference.ServerOptions;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store reaches KMS through a configurable endpoint, here a recording proxy in front of the mock
 * KMS: which calls it makes, in which order, and for whom (KMS Developer Guide "How Amazon DynamoDB uses AWS KMS"; DynamoDB Developer Guide "DynamoDB encryption at rest usage notes").
 */
class KmsCallsTest extends StoreTestBase {
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

    private List<LoggedRequest> kmsCalls() {
        return proxy.getAllServeEvents().stream().map(e -> e.getRequest())
                .sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate())).toList();
    }

    private static String op(LoggedRequest r) {
        return r.getHeader("X-Amz-Target").replace("TrentService.", "");
    }

    @Test
    void createUseAndDeleteMakeDynamoDbsCallsOnBehalfOfTheCallerOrThroughTheGrant() {
        proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(server.endpoint().toString())));
        String key = kms.createKey().keyMetadata().arn();
        createTable("Proxied", null, EncryptedTablesTest.cmk(key));
        List<String> creation = kmsCalls().stream().map(KmsCallsTest::op).toList();
        assertEquals(List.of("DescribeKey", "CreateGrant", "GenerateDataKey"), creation);
        List<LoggedRequest> calls = kmsCalls();
        assertEquals("arn:aws:iam::000000000000:root", calls.get(0).getHeader("x-kit-on-behalf-of"));
        assertEquals("arn:aws:iam::000000000000:root", calls.get(1).getHeader("x-kit-on-behalf-of"));
        assertNull(calls.get(2).getHeader("x-kit-on-behalf-of"), "GenerateDataKey runs through DynamoDB's grant");
        assertTrue(calls.get(2).getBodyAsString().contains("\"KeySpec\":\"AES_256\""));
        assertTrue(calls.get(2).getHeader("Authorization").contains("Credential=KITDYNAMODBSERVICE/"));

        advance("PT5M");
        ddb.putItem(r -> r.tableName("Proxied").item(item("pk", "a")));
        LoggedRequest decrypt = kmsCalls().get(3);
        assertEquals("Decrypt", op(decrypt));
        assertEquals("arn:aws:iam::000000000000:root", decrypt.getHeader("x-kit-on-behalf-of"));
        assertTrue(decrypt.getBodyAsString().contains("aws:dynamodb:subscriberId"));

        ddb.deleteTable(r -> r.tableName("Proxied"));
        ddb.waiter().waitUntilTableNotExists(r -> r.tableName("Proxied"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> kmsCalls().stream().anyMatch(r -> op(r).equals("RetireGrant")));
        LoggedRequest retire = kmsCalls().stream().filter(r -> op(r).equals("RetireGrant")).findFirst().orElseThrow();
        assertNull(retire.getHeader("x-kit-on-behalf-of"), "the retiring principal is DynamoDB itself");
    }
}

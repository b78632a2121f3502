package earkit.kit.steps;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A crash, a hang or garbage from the target must never pass for a documented refusal: each reaches the steps as a
 * {@link TargetFault}, while a well-formed HTTP 400 error stays a refusal the steps can judge, and a failure before
 * anything was sent (the kit's own credentials) stays the kit's.
 */
class TargetFaultsTest {
    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private DynamoDbClient client(URI endpoint, AwsCredentialsProvider credentials) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofSeconds(2))
                        .addExecutionInterceptor(new TargetFaults(() -> "EAR-INA-001"))).build();
    }

    private DynamoDbClient client() {
        return client(URI.create(server.baseUrl()), StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    }

    private Throwable answer(ResponseDefinitionBuilder response) {
        server.stubFor(any(anyUrl()).willReturn(response));
        try (DynamoDbClient ddb = client()) {
            return assertThrows(Throwable.class, () -> ddb.listTables());
        }
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.0").withBody(body);
    }

    private static void assertFault(Throwable t, String contains) {
        assertTrue(t instanceof TargetFault, "a target fault, not " + t);
        assertTrue(t.getMessage().startsWith("[TARGET ERROR] dynamodb ListTables: "), t.getMessage());
        assertTrue(t.getMessage().contains(contains), "names '" + contains + "': " + t.getMessage());
        assertTrue(t.getMessage().contains("EAR-INA-001"), t.getMessage());
    }

    @Test
    void http500IsATargetFault() {
        assertFault(answer(json(500, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"boom\"}")),
                "HTTP 500 InternalServerError");
    }

    @Test
    void http503IsATargetFault() {
        assertFault(answer(json(503, "{\"__type\":\"ServiceUnavailable\"}")), "HTTP 503");
    }

    @Test
    void anErrorWithoutCodeIsATargetFault() {
        assertFault(answer(aResponse().withStatus(400).withBody("<html>Bad Request</html>")), "HTTP 400");
    }

    @Test
    void aBodyTheSdkCannotParseIsATargetFault() {
        assertFault(answer(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>nginx</html>")),
                "SdkClientException");
    }

    @Test
    void aResetConnectionIsATargetFault() {
        assertFault(answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)), "SdkClientException");
    }

    @Test
    void aTimeoutIsATargetFault() {
        assertFault(answer(json(200, "{}").withFixedDelay(3000)), "did not complete before");
    }

    @Test
    void aRefusedConnectionIsATargetFault() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (DynamoDbClient ddb = client(URI.create("http://127.0.0.1:" + port),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))) {
            assertFault(assertThrows(Throwable.class, ddb::listTables), "refused");
        }
    }

    /** The Netty client is asynchronous: the fault completes its future and reaches the steps through {@link SdkClients#blocking}. */
    @Test
    void http500ThroughTheNettyClientIsATargetFault() {
        server.stubFor(any(anyUrl()).willReturn(json(500, "{\"__type\":\"InternalServerError\"}")));
        DynamoDbAsyncClient async = DynamoDbAsyncClient.builder().endpointOverride(URI.create(server.baseUrl()))
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(SdkClients.netty(1))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(new TargetFaults(() -> "EAR-INA-001"))).build();
        try (async) {
            assertFault(assertThrows(Throwable.class, () -> SdkClients.blocking(async).listTables()), "HTTP 500");
        }
    }

    @Test
    void aDocumentedRefusalStaysARefusal() {
        Throwable t = answer(json(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\",\"message\":\"gone\"}"));
        assertTrue(t instanceof AwsServiceException, "a refusal: " + t);
        assertEquals("ResourceNotFoundException", ((AwsServiceException) t).awsErrorDetails().errorCode());
    }

    @Test
    void missingCredentialsAreTheKitsProblemNotTheTargets() {
        AwsCredentialsProvider none = () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers");
        };
        try (DynamoDbClient ddb = client(URI.create(server.baseUrl()), none)) {
            Throwable t = assertThrows(Throwable.class, ddb::listTables);
            assertTrue(t instanceof SdkClientException && !(t instanceof TargetFault), "left as it was: " + t);
        }
    }
}

package earkit.sdkcompat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The reference keeps a connection of the AWS Common Runtime alive: the CRT's connection manager, capped at one
 * connection, sends hundreds of sequential requests over that one connection. So the further connections of
 * {@code java-v2-crt} (the sync {@code AwsCrtHttpClient}) are not the reference's doing but a race in that client's
 * response adapter, which shuts the connection down when the caller closes the response stream before the CRT's
 * completion callback has handed the connection back to its pool (docs/sdk-compatibility.md, "Why the sync CRT
 * client opens further connections").
 */
class CrtConnectionReuseTest {
    private static final int REQUESTS = 500;

    @Test
    void theCrtConnectionManagerKeepsOneConnectionToTheReferenceForHundredsOfRequests() {
        Runnability.assume(SdkConfiguration.JAVA_V2_CRT);
        try (ReferenceUnderTest reference = new ReferenceUnderTest();
             SdkAsyncHttpClient http = AwsCrtAsyncHttpClient.builder().maxConcurrency(1).build();
             DynamoDbAsyncClient dynamodb = DynamoDbAsyncClient.builder().endpointOverride(reference.endpoint())
                     .region(Region.US_EAST_1).httpClient(http)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .build()) {
            for (int i = 0; i < REQUESTS; i++) {
                dynamodb.listTables().join();
            }
            JsonNode clients = reference.clients().path("clients");
            assertEquals(1, clients.size(), clients.toString());
            JsonNode crt = clients.get(0);
            assertEquals("AwsCommonRuntime", crt.path("httpClient").asText(), crt.toString());
            assertEquals(REQUESTS, crt.path("requests").asInt(), crt.toString());
            assertEquals(1, crt.path("connections").asInt(), "every request on the one kept-alive connection: " + crt);
        }
    }
}

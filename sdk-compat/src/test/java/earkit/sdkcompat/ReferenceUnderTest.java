package earkit.sdkcompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;

/**
 * The reference, in process on an ephemeral port of 127.0.0.1, with what a test observes beside the SDK under test:
 * the virtual clock through the control API, and the KMS calls DynamoDB made, counted through CloudTrail with the
 * kit's own SDK v2 client so that the SDK under test never counts its own traffic.
 */
final class ReferenceUnderTest implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ReferenceServer server = ReferenceServer.start(ServerOptions.defaults());
    private final HttpClient control = HttpClient.newHttpClient();
    private final CloudTrailClient trail = CloudTrailClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(ApacheHttpClient.create()).build();

    URI endpoint() {
        return server.endpoint();
    }

    /** Moves the virtual clock, e.g. {@code PT5M1S}, past the 5-minute table-key refresh. */
    Instant advanceClock(String by) {
        return Instant.parse(control("POST", "/_kit/clock/advance", "{\"by\":\"" + by + "\"}").path("now").asText());
    }

    Instant now() {
        return Instant.parse(control("GET", "/_kit/clock", null).path("now").asText());
    }

    /** How many KMS Decrypt calls the audit trail holds: DynamoDB's table-key refreshes, one per new connection. */
    long decryptEvents() {
        return trail.lookupEventsPaginator(b -> b.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME)
                .attributeValue("Decrypt"))).events().stream().count();
    }

    /** The connection-reuse report, {@code GET /_kit/clients}. */
    JsonNode clients() {
        return control("GET", "/_kit/clients", null);
    }

    /** The same report as the table {@code kit serve} prints on exit. */
    String clientTable() {
        return server.clientReport().table();
    }

    private JsonNode control(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint().resolve(path));
        request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = control.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        trail.close();
        server.close();
    }
}

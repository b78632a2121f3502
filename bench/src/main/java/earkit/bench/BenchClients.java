package earkit.bench;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * SDK v2 sync clients as a test suite makes them: Apache HTTP client, one pooled connection per client
 * (so one client is one kept-alive connection), no retries (a failure is counted, not hidden).
 */
final class BenchClients {
    private static final StaticCredentialsProvider TEST = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private BenchClients() {
    }

    static DynamoDbClient dynamoDb(int port) {
        return dynamoDb(port, false);
    }

    /** With {@code connectionPerCall}, every request says {@code Connection: close}: one TCP connection per call. */
    static DynamoDbClient dynamoDb(int port, boolean connectionPerCall) {
        ClientOverrideConfiguration.Builder o = ClientOverrideConfiguration.builder().retryPolicy(RetryPolicy.none())
                .apiCallTimeout(Duration.ofMinutes(10));
        if (connectionPerCall) {
            o.putHeader("Connection", "close");
        }
        return DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .credentialsProvider(TEST).overrideConfiguration(o.build())
                // The first Query or Scan of a table after a restart waits while its items are opened: minutes for millions.
                .httpClient(ApacheHttpClient.builder().maxConnections(1).socketTimeout(Duration.ofMinutes(10)).build()).build();
    }

    static KmsClient kms(int port) {
        return KmsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .credentialsProvider(TEST).httpClient(ApacheHttpClient.builder().build()).build();
    }

    static CloudTrailClient cloudTrail(int port) {
        return CloudTrailClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .credentialsProvider(TEST).httpClient(ApacheHttpClient.builder().build()).build();
    }
}

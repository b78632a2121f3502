package earkit.reference.domain.table;

import earkit.reference.protocol.IdentityStore;
import earkit.reference.protocol.Router;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * How the store reaches KMS: as DynamoDB does, through an SDK client per region, signed with the
 * service identity, naming the caller it acts for in {@code x-kit-on-behalf-of} when it acts for one.
 * Clients are made on first use, when the server's own port (the default endpoint) is known. The HTTP
 * client is given: the built-in KMS is reached in process, another KMS over the network.
 */
public final class KmsGateway implements AutoCloseable {
    private final Supplier<URI> endpoint;
    private final SdkHttpClient http;
    private final Map<String, KmsClient> clients = new ConcurrentHashMap<>();

    public KmsGateway(Supplier<URI> endpoint, SdkHttpClient http) {
        this.endpoint = endpoint;
        this.http = http;
    }

    public KmsClient client(String region) {
        return clients.computeIfAbsent(region, r -> KmsClient.builder()
                .region(Region.of(r))
                .endpointOverride(endpoint.get())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(IdentityStore.SERVICE_ACCESS_KEY, IdentityStore.SERVICE_SECRET)))
                .httpClient(http)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build());
    }

    /** Request options naming the caller the store acts for; {@code null} means the service acts on its own. */
    public static AwsRequestOverrideConfiguration onBehalfOf(String callerArn) {
        AwsRequestOverrideConfiguration.Builder b = AwsRequestOverrideConfiguration.builder();
        if (callerArn != null) {
            b.putHeader(Router.ON_BEHALF_OF_HEADER, callerArn);
        }
        return b.build();
    }

    @Override
    public void close() {
        clients.values().forEach(KmsClient::close);
        http.close();
    }
}

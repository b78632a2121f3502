package earkit.kit.steps;

import earkit.kit.target.TargetSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The scenario's AWS SDK clients. Every DynamoDB client has its own connection pool, so "a client"
 * in a feature is one connection to the target; {@link ConnectionMode#NEW_PER_REQUEST} clients send
 * {@code Connection: close} so that each request opens a new one. Retries are off: a refusal must
 * surface as it was sent.
 */
final class Clients implements AutoCloseable {
    private final TargetSession session;
    private final Map<String, AutoCloseable> cache = new HashMap<>();
    private final List<AutoCloseable> owned = new ArrayList<>();

    Clients(TargetSession session) {
        this.session = session;
    }

    DynamoDbClient dynamo(String region) {
        return (DynamoDbClient) cache.computeIfAbsent("ddb " + region, k -> newDynamo(region, ConnectionMode.KEPT_ALIVE, session.credentials()));
    }

    /** A DynamoDB client whose every request comes on a new connection. */
    DynamoDbClient dynamoOnNewConnections(String region) {
        return (DynamoDbClient) cache.computeIfAbsent("ddb-new " + region, k -> newDynamo(region, ConnectionMode.NEW_PER_REQUEST, session.credentials()));
    }

    DynamoDbClient newDynamo(String region, ConnectionMode mode, AwsCredentialsProvider credentials) {
        ClientOverrideConfiguration.Builder o = ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallTimeout(Duration.ofSeconds(30));
        if (mode == ConnectionMode.NEW_PER_REQUEST) {
            o.addExecutionInterceptor(new CloseConnection());
        }
        DynamoDbClient c = DynamoDbClient.builder().endpointOverride(session.endpoint("dynamodb", region))
                .region(Region.of(region)).credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(1))
                .overrideConfiguration(o.build()).build();
        owned.add(c);
        return c;
    }

    DynamoDbStreamsClient streams(String region) {
        return (DynamoDbStreamsClient) cache.computeIfAbsent("streams " + region, k -> DynamoDbStreamsClient.builder()
                .endpointOverride(session.endpoint("streams", region)).region(Region.of(region))
                .credentialsProvider(session.credentials()).httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(noRetries()).build());
    }

    KmsClient kms(String region) {
        return (KmsClient) cache.computeIfAbsent("kms " + region, k -> KmsClient.builder()
                .endpointOverride(session.endpoint("kms", region)).region(Region.of(region))
                .credentialsProvider(session.credentials()).httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(noRetries()).build());
    }

    CloudTrailClient cloudTrail(String region) {
        return (CloudTrailClient) cache.computeIfAbsent("ct " + region, k -> CloudTrailClient.builder()
                .endpointOverride(session.endpoint("cloudtrail", region)).region(Region.of(region))
                .credentialsProvider(session.credentials()).httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(noRetries()).build());
    }

    private static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build();
    }

    @Override
    public void close() {
        cache.values().forEach(Clients::quietly);
        owned.forEach(Clients::quietly);
    }

    private static void quietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // a client that fails to close cannot affect the verdict
        }
    }

    /** Asks the server to close the connection after the answer, so the next request opens a new one. */
    private static final class CloseConnection implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            return context.httpRequest().toBuilder().putHeader("Connection", "close").build();
        }
    }
}

package earkit.kit.steps;

import earkit.kit.spi.ClientSettings;
import earkit.kit.spi.TargetSession;
import earkit.sdkcompat.SdkConfiguration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The scenario's AWS SDK clients. Every DynamoDB client has its own connection pool, so "a client"
 * in a feature is one connection to the target; {@link ConnectionMode#NEW_PER_REQUEST} clients send
 * {@code Connection: close} so that each request opens a new one. Retries are off: a refusal must
 * surface as it was sent.
 */
final class ScenarioClients implements AutoCloseable {
    private final TargetSession session;
    private final TargetFaults faults;
    private final RequestHistory history;
    private final Map<String, AutoCloseable> cache = new HashMap<>();
    private final List<AutoCloseable> owned = new ArrayList<>();
    private int dynamoClients;

    ScenarioClients(TargetSession session, TargetFaults faults, RequestHistory history) {
        this.session = session;
        this.faults = faults;
        this.history = history;
    }

    DynamoDbClient dynamo(String region) {
        return (DynamoDbClient) cache.computeIfAbsent("ddb " + region, k -> newDynamo(region, ConnectionMode.KEPT_ALIVE, session.credentials()));
    }

    /** A DynamoDB client whose every request comes on a new connection. */
    DynamoDbClient dynamoOnNewConnections(String region) {
        return (DynamoDbClient) cache.computeIfAbsent("ddb-new " + region, k -> newDynamo(region, ConnectionMode.NEW_PER_REQUEST, session.credentials()));
    }

    DynamoDbClient newDynamo(String region, ConnectionMode mode, AwsCredentialsProvider credentials) {
        ClientSettings settings = session.clientSettings();
        String connection = "dynamodb " + (mode == ConnectionMode.KEPT_ALIVE ? "kept-alive" : "new-connection") + " #"
                + ++dynamoClients + " " + region;
        ClientOverrideConfiguration.Builder o = overrides("dynamodb", connection);
        Optional<SdkConfiguration> sdk = DriverDynamoDb.selected();
        if (sdk.isPresent()) {
            DynamoDbClient c = DriverDynamoDb.open(sdk.get(), session.endpoint("dynamodb", region), region,
                    credentials.resolveCredentials(), mode == ConnectionMode.KEPT_ALIVE, settings.apiCallTimeout(), faults, history, connection);
            owned.add(c);
            return c;
        }
        if (mode == ConnectionMode.NEW_PER_REQUEST) {
            o.addExecutionInterceptor(new CloseConnection());
        }
        if (settings.httpClient() == ClientSettings.HttpClient.NETTY) {
            DynamoDbAsyncClient async = DynamoDbAsyncClient.builder().endpointOverride(session.endpoint("dynamodb", region))
                    .region(Region.of(region)).credentialsProvider(credentials).httpClientBuilder(SdkClients.netty(1))
                    .overrideConfiguration(o.build()).build();
            owned.add(async);
            return SdkClients.blocking(async);
        }
        DynamoDbClient c = SdkClients.http(DynamoDbClient.builder(), settings, 1).endpointOverride(session.endpoint("dynamodb", region))
                .region(Region.of(region)).credentialsProvider(credentials)
                .overrideConfiguration(o.build()).build();
        owned.add(c);
        return c;
    }

    DynamoDbStreamsClient streams(String region) {
        return (DynamoDbStreamsClient) cache.computeIfAbsent("streams " + region, k -> SdkClients.http(DynamoDbStreamsClient.builder(), session.clientSettings(), 0)
                .endpointOverride(session.endpoint("streams", region)).region(Region.of(region))
                .credentialsProvider(session.credentials()).overrideConfiguration(overrides("streams", "streams " + region).build()).build());
    }

    /** A DynamoDB Streams client whose every request comes on a new connection (no table key cached from before). */
    DynamoDbStreamsClient streamsOnNewConnections(String region) {
        return (DynamoDbStreamsClient) cache.computeIfAbsent("streams-new " + region, k -> SdkClients.http(DynamoDbStreamsClient.builder(), session.clientSettings(), 0)
                .endpointOverride(session.endpoint("streams", region)).region(Region.of(region)).credentialsProvider(session.credentials())
                .overrideConfiguration(overrides("streams", "streams new-connection " + region).addExecutionInterceptor(new CloseConnection()).build()).build());
    }

    KmsClient kms(String region) {
        return (KmsClient) cache.computeIfAbsent("kms " + region, k -> SdkClients.http(KmsClient.builder(), session.clientSettings(), 0)
                .endpointOverride(session.endpoint("kms", region)).region(Region.of(region))
                .credentialsProvider(session.credentials()).overrideConfiguration(overrides("kms", "kms " + region).build()).build());
    }

    CloudTrailClient cloudTrail(String region) {
        return (CloudTrailClient) cache.computeIfAbsent("ct " + region, k -> SdkClients.http(CloudTrailClient.builder(), session.clientSettings(), 0)
                .endpointOverride(session.endpoint("cloudtrail", region)).region(Region.of(region))
                .credentialsProvider(session.credentials()).overrideConfiguration(overrides("cloudtrail", "cloudtrail " + region).build()).build());
    }

    CloudWatchLogsClient logs(String region) {
        return (CloudWatchLogsClient) cache.computeIfAbsent("logs " + region, k -> SdkClients.http(CloudWatchLogsClient.builder(), session.clientSettings(), 0)
                .endpointOverride(session.endpoint("logs", region)).region(Region.of(region))
                .credentialsProvider(session.credentials()).overrideConfiguration(overrides("logs", "logs " + region).build()).build());
    }

    /**
     * No retries (a refusal must surface as it was sent), the profile's timeouts, each call written into the
     * scenario's request history under {@code connection}, and target faults sorted out. The SDK runs the
     * answer-side hooks in reverse order, so the faults are added first: the history must hear of a call before
     * its fault is thrown.
     */
    private ClientOverrideConfiguration.Builder overrides(String service, String connection) {
        return SdkClients.timeouts(ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry())
                .addExecutionInterceptor(faults).addExecutionInterceptor(new HistoryRecorder(history, service, connection)),
                session.clientSettings());
    }

    @Override
    public void close() {
        cache.values().forEach(ScenarioClients::quietly);
        owned.forEach(ScenarioClients::quietly);
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

package earkit.reference.reliability;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kms.KmsClient;

/** SDK clients (no retries, keep-alive) for one identity against a reference endpoint. */
final class Clients implements AutoCloseable {
    private final URI endpoint;
    private final String accessKey;
    private final String secret;
    private final List<SdkClient> open = new ArrayList<>();
    private DynamoDbClient dynamo;
    private KmsClient kms;
    private CloudTrailClient trail;
    private software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient streams;

    Clients(URI endpoint) {
        this(endpoint, "test", "test");
    }

    Clients(URI endpoint, String accessKey, String secret) {
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secret = secret;
    }

    synchronized DynamoDbClient dynamo() {
        if (dynamo == null) {
            dynamo = keep(DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(credentials()).httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
                    .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build());
        }
        return dynamo;
    }

    synchronized KmsClient kms() {
        if (kms == null) {
            kms = keep(KmsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(credentials()).httpClientBuilder(ApacheHttpClient.builder())
                    .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build());
        }
        return kms;
    }

    synchronized CloudTrailClient trail() {
        if (trail == null) {
            trail = keep(CloudTrailClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(credentials()).httpClientBuilder(ApacheHttpClient.builder())
                    .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build());
        }
        return trail;
    }

    synchronized software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient streams() {
        if (streams == null) {
            streams = keep(software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient.builder()
                    .endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(credentials()).httpClientBuilder(ApacheHttpClient.builder())
                    .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build());
        }
        return streams;
    }

    /** A table with string hash key {@code pk} and, if {@code range}, number sort key {@code sk}; waits for ACTIVE. */
    void createTable(String name, boolean range, Consumer<SSESpecification.Builder> sse) {
        List<KeySchemaElement> keys = new ArrayList<>(List.of(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        List<AttributeDefinition> attrs = new ArrayList<>(List.of(AttributeDefinition.builder().attributeName("pk")
                .attributeType(ScalarAttributeType.S).build()));
        if (range) {
            keys.add(KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build());
            attrs.add(AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build());
        }
        dynamo().createTable(b -> b.tableName(name).keySchema(keys).attributeDefinitions(attrs)
                .billingMode(BillingMode.PAY_PER_REQUEST).sseSpecification(sse));
        dynamo().waiter().waitUntilTableExists(r -> r.tableName(name));
    }

    private <T extends SdkClient> T keep(T client) {
        open.add(client);
        return client;
    }

    private StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret));
    }

    @Override
    public synchronized void close() {
        open.forEach(SdkClient::close);
        open.clear();
    }
}

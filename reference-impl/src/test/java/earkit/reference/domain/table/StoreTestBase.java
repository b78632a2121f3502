package earkit.reference.domain.table;

import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** A reference server on an ephemeral port and keep-alive SDK clients of it (DynamoDB, its streams, KMS, CloudTrail) for each test. */
abstract class StoreTestBase {
    protected ReferenceServer server;
    protected DynamoDbClient ddb;
    protected DynamoDbStreamsClient streams;

    protected KmsClient kms;
    protected CloudTrailClient trail;

    protected ServerOptions options() {
        return ServerOptions.defaults();
    }

    @BeforeEach
    void startServer() {
        server = ReferenceServer.start(options());
        ddb = dynamo("test", "us-east-1");
        streams = client(DynamoDbStreamsClient.builder(), "us-east-1");
        kms = client(KmsClient.builder(), "us-east-1");
        trail = client(CloudTrailClient.builder(), "us-east-1");
    }

    /** KMS events DynamoDB caused, by name, as the audit shows them. */
    protected List<Event> kmsEvents(String name) {
        List<Event> out = new java.util.ArrayList<>();
        trail.lookupEventsPaginator(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME)
                .attributeValue(name))).events().forEach(out::add);
        return out;
    }

    protected void advance(String duration) {
        control("/_kit/clock/advance", "{\"by\":\"" + duration + "\"}");
    }

    @AfterEach
    void stopServer() {
        ddb.close();
        streams.close();
        kms.close();
        trail.close();
        server.close();
    }

    protected DynamoDbClient dynamo(String accessKey, String region) {
        return client(DynamoDbClient.builder(), accessKey, region);
    }

    /** An SDK client of the server in {@code region} as the shipped identity "test". */
    protected <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder, String region) {
        return client(builder, "test", region);
    }

    /**
     * An SDK client ({@code KmsClient.builder()}, {@code DynamoDbStreamsClient.builder()}, ...) of the server in
     * {@code region}, signed as {@code accessKey} (whose secret is the same), keep-alive and without retries, so
     * that a test sees each answer the server gives.
     */
    protected <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder, String accessKey, String region) {
        return builder.endpointOverride(server.endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, accessKey)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** Creates a table with a string hash key {@code pk} and, if given, a range key {@code sk} of that type, and waits for it. */
    protected TableDescription createTable(String name, ScalarAttributeType sortType) {
        return createTable(name, sortType, null);
    }

    protected TableDescription createTable(String name, ScalarAttributeType sortType,
                                           software.amazon.awssdk.services.dynamodb.model.SSESpecification sse) {
        CreateTableRequest.Builder b = CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .sseSpecification(sse);
        if (sortType == null) {
            b.keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build());
        } else {
            b.keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName("sk").attributeType(sortType).build());
        }
        TableDescription created = ddb.createTable(b.build()).tableDescription();
        ddb.waiter().waitUntilTableExists(r -> r.tableName(name));
        return created;
    }

    protected static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    protected static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    /** POSTs JSON to the control API. */
    protected String control(String path, String json) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).header("content-type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static Map<String, AttributeValue> item(Object... kv) {
        Map<String, AttributeValue> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put((String) kv[i], v instanceof AttributeValue a ? a : v instanceof Number ? n(v.toString()) : s(v.toString()));
        }
        return m;
    }
}

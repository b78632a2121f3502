package earkit.kit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import earkit.kit.spi.Capability;
import earkit.kit.spi.SessionRequest;
import earkit.kit.spi.Target;
import earkit.kit.spi.TargetSession;
import earkit.sdkcompat.DriverSettings;
import earkit.sdkcompat.SdkConfiguration;
import earkit.sdkcompat.SdkDriver;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * What an SDK configuration costs in KMS requests (S45-S49): on a target that declares {@code kms-audit}, a table
 * under a new customer managed key, one item, then 1,000 GetItem calls through one client of the SDK (100 through the
 * AWS CLI, a command each: each costs about a tenth of a second in process, and more runs show nothing more);
 * the Decrypt events DynamoDB caused for that table in the account's CloudTrail are the cost. DynamoDB documents one
 * per connection per five minutes of active traffic, so a client that keeps its connections causes about as many as
 * its pool opens, and one that opens a connection per request about one per request. The same measurement through
 * the kit's own kept-alive Java v2 client tells a target that calls KMS too often (EAR-REF-001) from a client that
 * connects too often: only in the second case is the SDK's configuration what to change.
 */
final class KmsCostProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REFRESH = Duration.ofMinutes(5);

    private final Target target;
    private Integer baselineExcess;

    KmsCostProbe(Target target) {
        this.target = target;
    }

    static boolean applies(Target target) {
        return target.capabilities().contains(Capability.KMS_AUDIT.wireName());
    }

    /** The cost through {@code sdk}, as {@code sdk.json}'s {@code kmsCost}; empty, with a line on {@code log}, if it failed. */
    Optional<ObjectNode> measure(SdkConfiguration sdk, java.io.PrintStream log) {
        try {
            if (baselineExcess == null) {
                Measurement base = run(SdkConfiguration.JAVA_V2_APACHE);
                baselineExcess = base.decrypts - base.expectedAtMost();
            }
            Measurement m = run(sdk);
            ObjectNode cost = JSON.createObjectNode().put("operations", sdk.costProbeOperations()).put("decryptCalls", m.decrypts)
                    .put("expectedAtMost", m.expectedAtMost());
            if (m.decrypts > m.expectedAtMost()) {
                cost.put("advice", baselineExcess > 0
                        ? "the target's: the kit's own kept-alive Java v2 client also caused more than documented (EAR-REF-001)"
                        : (m.decrypts >= sdk.costProbeOperations() ? "a connection per request: " : "more connections than its traffic needs: ")
                                + sdk.connectionAdvice());
            }
            return Optional.of(cost);
        } catch (RuntimeException e) {
            if (log != null) {
                log.println("KMS cost through " + sdk.label + " not measured: " + e);
            }
            return Optional.empty();
        }
    }

    private record Measurement(int decrypts, int connections, Duration elapsed) {
        /** One Decrypt per connection per started five minutes of traffic; a client without keep-alive is allowed one. */
        int expectedAtMost() {
            long windows = 1 + elapsed.toSeconds() / REFRESH.toSeconds();
            return (int) (Math.max(1, connections) * windows);
        }
    }

    private Measurement run(SdkConfiguration sdk) {
        try (TargetSession session = target.open(SessionRequest.plain())) {
            String region = session.region();
            String table = "earkit-kms-cost-" + UUID.randomUUID().toString().substring(0, 8);
            String keyArn;
            try (KmsClient kms = client(KmsClient.builder(), session, "kms");
                 DynamoDbClient ddb = client(DynamoDbClient.builder(), session, "dynamodb")) {
                keyArn = kms.createKey(b -> b.description("earkit KMS cost of " + sdk.label)).keyMetadata().arn();
                ddb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                        .sseSpecification(s -> s.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(keyArn)));
                Awaitility.await("table " + table + " ACTIVE").atMost(session.asyncTimeout().plusSeconds(30)).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> ddb.describeTable(b -> b.tableName(table)).table().tableStatus() == TableStatus.ACTIVE);
                ddb.putItem(b -> b.tableName(table).item(java.util.Map.of("pk", AttributeValue.builder().s("cost").build())));
            }
            int before = decrypts(session, table);
            AwsCredentials credentials = session.credentials().resolveCredentials();
            long start = System.nanoTime();
            try (SdkDriver driver = sdk.open(new DriverSettings(session.endpoint("dynamodb", region), region,
                    credentials.accessKeyId(), credentials.secretAccessKey(), true, false,
                    Optional.of(session.clientSettings().apiCallTimeout())))) {
                ObjectNode input = JSON.createObjectNode().put("TableName", table);
                input.putObject("Key").putObject("pk").put("S", "cost");
                for (int i = 0; i < sdk.costProbeOperations(); i++) {
                    driver.call("dynamodb", "GetItem", input);
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            int after = decrypts(session, table);
            try (DynamoDbClient ddb = client(DynamoDbClient.builder(), session, "dynamodb")) {
                ddb.deleteTable(b -> b.tableName(table));
            }
            return new Measurement(after - before, sdk.connectionsAtMost, elapsed);
        }
    }

    /** DynamoDB's Decrypt events for the table, from CloudTrail, each parsed. */
    private static int decrypts(TargetSession session, String table) {
        int n = 0;
        try (CloudTrailClient trail = client(CloudTrailClient.builder(), session, "cloudtrail")) {
            for (var e : trail.lookupEventsPaginator(b -> b.maxResults(50).lookupAttributes(a -> a
                    .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("Decrypt"))).events()) {
                JsonNode event = JSON.readTree(e.cloudTrailEvent());
                if (table.equals(event.path("requestParameters").path("encryptionContext").path("aws:dynamodb:tableName").asText(null))
                        && "dynamodb.amazonaws.com".equals(event.path("userIdentity").path("invokedBy").asText(null))) {
                    n++;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("a CloudTrailEvent is not JSON: " + e.getMessage(), e);
        }
        return n;
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C client(B builder, TargetSession session,
                                                                                                   String service) {
        return builder.endpointOverride(session.endpoint(service, session.region())).region(Region.of(session.region()))
                .credentialsProvider(session.credentials())
                .overrideConfiguration(o -> o.apiCallTimeout(session.clientSettings().apiCallTimeout())
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}

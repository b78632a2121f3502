package earkit.reference.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import earkit.reference.KitServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * {@code GET /_kit/clients} tells a client that keeps one connection from one that opens a connection per request:
 * connections, requests, the table-key refreshes (S46-S49) and KMS calls DynamoDB made for each, the projected cost,
 * and the flag with what to change. Two Java v2 clients under their own access keys: one Apache pool of one
 * connection, and one that sends {@code Connection: close} with every request.
 */
class ClientReportTest {
    private static final int READS = 30;

    @Test
    void aClientThatClosesEveryConnectionIsFlaggedAndCostsARefreshPerRequest() {
        try (KitServer kit = KitServer.start();
             SdkHttpClient pooled = ApacheHttpClient.builder().maxConnections(1).build();
             SdkHttpClient closing = ApacheHttpClient.builder().maxConnections(1).build()) {
            workload(kit, "test", pooled, false);
            workload(kit, "other", closing, true);

            KitServer.Answer answer = kit.control("GET", "/_kit/clients", null);
            assertEquals(200, answer.status(), answer.body());
            Map<String, JsonNode> rows = byAccessKey(answer.json().path("clients"));
            assertEquals(List.of("other", "test"), rows.keySet().stream().sorted().toList(),
                    "one row per access key; the unsigned control request and the store's own KMS calls are no client's");

            // Requests: CreateKey, CreateTable, PutItem and the reads. CreateTable costs DescribeKey, CreateGrant and
            // GenerateDataKey (the table key); each new connection then refreshes it with one Decrypt.
            long requests = 3 + READS;
            JsonNode kept = rows.get("test");
            assertEquals(1, kept.path("connections").asLong(), kept.toString());
            assertEquals(requests, kept.path("requests").asLong());
            assertEquals((double) requests, kept.path("requestsPerConnection").asDouble());
            assertEquals(1, kept.path("tableKeyRefreshes").asLong(), "the GenerateDataKey of CreateTable, then the cache");
            assertEquals(3, kept.path("kmsCalls").asLong());
            assertFalse(kept.path("connectionPerRequest").asBoolean());
            assertTrue(kept.path("advice").isNull());

            JsonNode closed = rows.get("other");
            assertEquals(requests, closed.path("connections").asLong(), closed.toString());
            assertEquals(requests, closed.path("requests").asLong());
            assertEquals(1.0, closed.path("requestsPerConnection").asDouble());
            assertEquals(1 + (requests - 2), closed.path("tableKeyRefreshes").asLong(),
                    "GenerateDataKey at CreateTable, then a Decrypt for the PutItem and every read, each on a new connection");
            assertEquals(3 + (requests - 2), closed.path("kmsCalls").asLong());
            assertTrue(closed.path("connectionPerRequest").asBoolean());
            assertTrue(closed.path("advice").asText().startsWith("keep one client for the application's life"), closed.toString());

            for (JsonNode row : List.of(kept, closed)) {
                assertEquals("aws-sdk-java/2.x", row.path("sdk").asText(), row.toString());
                assertEquals(1, row.path("versions").size(), row.toString());
                assertTrue(row.path("versions").path(0).asText().startsWith("2."), row.toString());
                assertEquals("AWS SDK for Java v2", row.path("sdkName").asText());
                assertEquals("Apache", row.path("httpClient").asText());
                double kmsPerRequest = row.path("kmsCalls").asDouble() / row.path("requests").asDouble();
                assertEquals(Math.round(kmsPerRequest * 3.0 * 100) / 100.0, row.path("kmsUsdPerMillionRequests").asDouble(),
                        "$0.03 per 10,000 KMS requests");
                assertEquals(Math.round(kmsPerRequest * 20.0 * 100) / 100.0, row.path("cloudTrailUsdPerMillionRequests").asDouble(),
                        "$2.00 per 100,000 management events in an additional copy");
            }
            assertTrue(closed.path("kmsUsdPerMillionRequests").asDouble() > 10 * kept.path("kmsUsdPerMillionRequests").asDouble());
            assertEquals("https://aws.amazon.com/kms/pricing/", answer.json().path("prices").path("kmsSource").asText());
        }
    }

    @Test
    void aFewRequestsOnFreshConnectionsAreNotYetFlagged() {
        try (KitServer kit = KitServer.start(); SdkHttpClient closing = ApacheHttpClient.create();
             KmsClient kms = kms(kit, "test", closing, true)) {
            for (int i = 0; i < ClientReport.FLAG_AFTER_REQUESTS - 1; i++) {
                kms.listKeys();
            }
            JsonNode row = byAccessKey(kit.control("GET", "/_kit/clients", null).json().path("clients")).get("test");
            assertEquals(ClientReport.FLAG_AFTER_REQUESTS - 1, row.path("connections").asLong(), row.toString());
            assertFalse(row.path("connectionPerRequest").asBoolean(), "fewer than 20 requests say little about reuse");
            assertEquals(0, row.path("kmsCalls").asLong(), "the client's own KMS requests are not DynamoDB's");
            kms.listKeys();
            row = byAccessKey(kit.control("GET", "/_kit/clients", null).json().path("clients")).get("test");
            assertTrue(row.path("connectionPerRequest").asBoolean(), row.toString());
        }
    }

    @Test
    void withNoClientTheTableSaysSo() {
        try (KitServer kit = KitServer.start()) {
            assertEquals(0, kit.control("GET", "/_kit/clients", null).json().path("clients").size());
        }
    }

    private static void workload(KitServer kit, String accessKey, SdkHttpClient http, boolean closeEach) {
        try (KmsClient kms = kms(kit, accessKey, http, closeEach);
             DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(kit.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, accessKey)))
                     .httpClient(http).overrideConfiguration(o -> closing(o, closeEach)).build()) {
            String key = kms.createKey().keyMetadata().arn();
            ddb.createTable(b -> b.tableName("reuse").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .sseSpecification(s -> s.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(key)));
            ddb.putItem(b -> b.tableName("reuse").item(Map.of("pk", AttributeValue.fromS("a"), "v", AttributeValue.fromN("1"))));
            for (int i = 0; i < READS; i++) {
                assertEquals("1", ddb.getItem(b -> b.tableName("reuse").key(Map.of("pk", AttributeValue.fromS("a"))))
                        .item().get("v").n());
            }
        }
    }

    private static KmsClient kms(KitServer kit, String accessKey, SdkHttpClient http, boolean closeEach) {
        return KmsClient.builder().endpointOverride(kit.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, accessKey)))
                .httpClient(http).overrideConfiguration(o -> closing(o, closeEach)).build();
    }

    /** A client that asks the server to close each connection after its answer: a connection per request. */
    private static void closing(software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.Builder o, boolean closeEach) {
        if (closeEach) {
            o.addExecutionInterceptor(new ExecutionInterceptor() {
                @Override
                public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                    return context.httpRequest().toBuilder().putHeader("Connection", "close").build();
                }
            });
        }
    }

    private static Map<String, JsonNode> byAccessKey(JsonNode clients) {
        Map<String, JsonNode> rows = new java.util.TreeMap<>();
        List<String> seen = new ArrayList<>();
        clients.forEach(c -> {
            seen.add(c.path("accessKey").asText());
            rows.put(c.path("accessKey").asText(), c);
        });
        assertEquals(seen.size(), rows.size(), "one row per access key here: " + seen);
        return rows;
    }
}

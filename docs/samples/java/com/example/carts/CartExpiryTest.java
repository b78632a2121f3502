package com.example.carts;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Carts expire by DynamoDB's Time to Live: the application turns it on (UpdateTimeToLive, DescribeTimeToLive),
 * hides expired carts itself until the service deletes them (DynamoDB deletes expired items in the background,
 * not at the second they expire), and relies on the deletion. How long the deletion may take is the one
 * setting besides the endpoint ({@code ttl.wait}, ISO-8601, default 30 seconds).
 */
class CartExpiryTest {
    private static final String TABLE = "Carts";
    private static DynamoDbClient client;
    private static DynamoDbTable<Cart> carts;

    @BeforeAll
    static void connect() {
        client = DynamoDbClient.builder()
                .endpointOverride(URI.create(System.getProperty("dynamodb.endpoint", "http://localhost:8000")))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
        carts = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build().table(TABLE, TableSchema.fromBean(Cart.class));
        carts.createTable();
        client.waiter().waitUntilTableExists(r -> r.tableName(TABLE));
    }

    @AfterAll
    static void disconnect() {
        carts.deleteTable();
        client.close();
    }

    /** The carts the application shows: those whose expiry has not passed, deleted by DynamoDB or not. */
    private static List<String> liveCarts() {
        return carts.scan(ScanEnhancedRequest.builder().consistentRead(true)
                        .filterExpression(Expression.builder().expression("expiresAt > :now")
                                .expressionValues(Map.of(":now", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond()))))
                                .build()).build())
                .items().stream().map(Cart::getId).sorted().collect(Collectors.toList());
    }

    private static Cart read(String id) {
        return carts.getItem(GetItemEnhancedRequest.builder().key(Key.builder().partitionValue(id).build()).consistentRead(true).build());
    }

    @Test
    void expiredCartsAreHiddenThenDeletedByDynamoDb() {
        client.updateTimeToLive(r -> r.tableName(TABLE).timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));
        TimeToLiveDescription ttl = client.describeTimeToLive(r -> r.tableName(TABLE)).timeToLiveDescription();
        assertEquals("expiresAt", ttl.attributeName());
        assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus());

        long now = Instant.now().getEpochSecond();
        carts.putItem(Cart.of("abandoned", "ann", now - 60));
        carts.putItem(Cart.of("active", "bob", now + 86_400));
        carts.putItem(Cart.of("saved", "cy", null)); // no expiry attribute: never expires

        assertEquals(List.of("active"), liveCarts()); // "saved" has no expiry to compare

        Duration wait = Duration.parse(System.getProperty("ttl.wait", "PT30S"));
        await().atMost(wait).pollInterval(Duration.ofMillis(100)).until(() -> read("abandoned") == null);

        Cart active = read("active");
        assertNotNull(active, "a cart that has not expired is kept");
        assertEquals("bob", active.getOwner());
        assertEquals(now + 86_400, active.getExpiresAt());
        assertEquals("cy", read("saved").getOwner());
    }
}

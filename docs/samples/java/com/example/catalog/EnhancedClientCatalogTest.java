package com.example.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
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
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactGetItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.Document;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * An application's test suite written against DynamoDB with the AWS SDK for Java v2 Enhanced Client: optimistic
 * locking by version attribute, queries with key conditions and filters, scans, partial updates, transactions. Only the
 * endpoint and the credentials say where it runs.
 */
class EnhancedClientCatalogTest {
    private static DynamoDbClient client;
    private static DynamoDbEnhancedClient enhanced;
    private static DynamoDbTable<Product> products;

    @BeforeAll
    static void connect() {
        client = DynamoDbClient.builder()
                .endpointOverride(URI.create(System.getProperty("dynamodb.endpoint", "http://localhost:8000")))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
        enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        products = enhanced.table("Products", TableSchema.fromBean(Product.class));
        products.createTable();
        client.waiter().waitUntilTableExists(r -> r.tableName("Products"));
    }

    @AfterAll
    static void disconnect() {
        products.deleteTable();
        client.close();
    }

    @Test
    void optimisticLockingByVersion() {
        Product lamp = Product.of("lighting", "L-1", "Desk lamp", 24.50, 10);
        products.putItem(lamp);
        Product first = products.getItem(Key.builder().partitionValue("lighting").sortValue("L-1").build());
        assertEquals(1L, first.getVersion());
        assertEquals(24.5, first.getPrice());

        first.setStock(9);
        Product saved = products.updateItem(first);
        assertEquals(2L, saved.getVersion());

        Product stale = Product.of("lighting", "L-1", "Desk lamp", 19.99, 10);
        stale.setVersion(1L);
        assertThrows(ConditionalCheckFailedException.class, () -> products.putItem(stale));
        assertEquals(9, products.getItem(saved).getStock());

        products.deleteItem(saved);
        assertNull(products.getItem(saved));
    }

    @Test
    void queriesAndScansWithFilters() {
        for (Product p : List.of(Product.of("garden", "G-1", "Hose", 30, 0), Product.of("garden", "G-2", "Rake", 15, 4),
                Product.of("garden", "G-3", "Shovel", 25, 7), Product.of("garden", "H-1", "Hammock", 80, 2),
                Product.of("kitchen", "K-1", "Kettle", 35, 3))) {
            products.putItem(p);
        }
        List<String> inStockG = products.query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(Key.builder().partitionValue("garden").sortValue("G-").build()))
                .filterExpression(Expression.builder().expression("stock > :none")
                        .expressionValues(Map.of(":none", AttributeValue.fromN("0"))).build())
                .build()).items().stream().map(Product::getSku).collect(Collectors.toList());
        assertEquals(List.of("G-2", "G-3"), inStockG);

        List<String> cheap = products.scan(ScanEnhancedRequest.builder()
                .filterExpression(Expression.builder().expression("price < :max")
                        .expressionValues(Map.of(":max", AttributeValue.fromN("30"))).build())
                .build()).items().stream().map(Product::getSku).sorted().collect(Collectors.toList());
        assertEquals(List.of("G-2", "G-3"), cheap);

        List<String> lastTwo = products.query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue("garden").build()))
                .scanIndexForward(false).limit(2).build()).stream().findFirst().orElseThrow()
                .items().stream().map(Product::getSku).collect(Collectors.toList());
        assertEquals(List.of("H-1", "G-3"), lastTwo);
    }

    @Test
    void transactionsMoveStockAllOrNothing() {
        Key stapler = Key.builder().partitionValue("office").sortValue("O-1").build();
        Key tape = Key.builder().partitionValue("office").sortValue("O-2").build();
        products.putItem(Product.of("office", "O-1", "Stapler", 12, 5));
        products.putItem(Product.of("office", "O-2", "Tape", 3, 0));
        Product from = products.getItem(stapler);
        Product to = products.getItem(tape);
        from.setStock(4);
        to.setStock(1);
        enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                .addUpdateItem(products, from).addUpdateItem(products, to).build());

        List<Document> both = enhanced.transactGetItems(TransactGetItemsEnhancedRequest.builder()
                .addGetItem(products, stapler).addGetItem(products, tape).build());
        assertEquals(4, both.get(0).getItem(products).getStock());
        assertEquals(1, both.get(1).getItem(products).getStock());

        // "from" still carries the version it was read with: its update fails, so the other one is not applied either.
        Product current = products.getItem(tape);
        current.setStock(99);
        from.setStock(0);
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> enhanced.transactWriteItems(
                TransactWriteItemsEnhancedRequest.builder().addUpdateItem(products, current).addUpdateItem(products, from).build()));
        assertEquals(List.of("None", "ConditionalCheckFailed"),
                e.cancellationReasons().stream().map(r -> r.code()).collect(Collectors.toList()));
        assertEquals(1, products.getItem(tape).getStock());
        assertEquals(4, products.getItem(stapler).getStock());
    }
}

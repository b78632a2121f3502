package com.example.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
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
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementErrorCodeEnum;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The catalog of {@link EnhancedClientCatalogTest} read and written with PartiQL: the application keeps its
 * Enhanced Client mapping and sends statements through the low-level client the Enhanced Client wraps
 * (ExecuteStatement with parameters and paging by NextToken, BatchExecuteStatement, ExecuteTransaction).
 */
class PartiqlCatalogTest {
    private static final String TABLE = "Shelf";
    private static DynamoDbClient client;
    private static DynamoDbTable<Product> shelf;

    @BeforeAll
    static void connect() {
        client = DynamoDbClient.builder()
                .endpointOverride(URI.create(System.getProperty("dynamodb.endpoint", "http://localhost:8000")))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        shelf = enhanced.table(TABLE, TableSchema.fromBean(Product.class));
        shelf.createTable();
        client.waiter().waitUntilTableExists(r -> r.tableName(TABLE));
    }

    @AfterAll
    static void disconnect() {
        shelf.deleteTable();
        client.close();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(Object v) {
        return AttributeValue.fromN(v.toString());
    }

    private static void insert(String category, String sku, String name, double price, int stock) {
        client.executeStatement(r -> r.statement("INSERT INTO \"" + TABLE + "\" VALUE "
                        + "{'category': ?, 'sku': ?, 'name': ?, 'price': ?, 'stock': ?, 'version': 1}")
                .parameters(s(category), s(sku), s(name), n(price), n(stock)));
    }

    @Test
    void statementsWithParametersAndPaging() {
        for (int i = 1; i <= 5; i++) {
            insert("books", "B-" + i, "Book " + i, 10 + i, i);
        }
        // What PartiQL wrote, the Enhanced Client reads as its own bean.
        Product third = shelf.getItem(Key.builder().partitionValue("books").sortValue("B-3").build());
        assertEquals("Book 3", third.getName());
        assertEquals(13.0, third.getPrice());
        assertEquals(1L, third.getVersion());

        List<String> skus = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            String token = next;
            ExecuteStatementResponse page = client.executeStatement(r -> r
                    .statement("SELECT sku, stock FROM \"" + TABLE + "\" WHERE category = ? AND stock >= ?")
                    .parameters(s("books"), n(2)).limit(2).nextToken(token));
            assertTrue(page.items().size() <= 2, "a page holds at most Limit items");
            page.items().forEach(item -> skus.add(item.get("sku").s()));
            next = page.nextToken();
            pages++;
        } while (next != null);
        assertEquals(List.of("B-2", "B-3", "B-4", "B-5"), skus);
        assertTrue(pages >= 3, "5 items evaluated 2 at a time take at least 3 pages, took " + pages);

        ExecuteStatementResponse sold = client.executeStatement(r -> r
                .statement("UPDATE \"" + TABLE + "\" SET stock = stock - ? WHERE category = ? AND sku = ? AND stock >= ? "
                        + "RETURNING ALL NEW *")
                .parameters(n(2), s("books"), s("B-3"), n(2)));
        assertEquals("1", sold.items().get(0).get("stock").n());

        // Not enough stock left: the WHERE is the update's condition, and nothing is written.
        assertThrows(ConditionalCheckFailedException.class, () -> client.executeStatement(r -> r
                .statement("UPDATE \"" + TABLE + "\" SET stock = stock - ? WHERE category = ? AND sku = ? AND stock >= ?")
                .parameters(n(2), s("books"), s("B-3"), n(2))));
        assertEquals(1, shelf.getItem(Key.builder().partitionValue("books").sortValue("B-3").build()).getStock());
    }

    @Test
    void batchesOfStatements() {
        insert("music", "M-1", "Vinyl", 25, 3);
        List<BatchStatementResponse> written = client.batchExecuteStatement(r -> r.statements(
                write("INSERT INTO \"" + TABLE + "\" VALUE {'category': ?, 'sku': ?, 'name': ?, 'version': 1}", "music", "M-2", "Cassette"),
                write("INSERT INTO \"" + TABLE + "\" VALUE {'category': ?, 'sku': ?, 'name': ?, 'version': 1}", "music", "M-1", "Duplicate"))).responses();
        assertNull(written.get(0).error());
        assertEquals(BatchStatementErrorCodeEnum.DUPLICATE_ITEM, written.get(1).error().code());

        List<BatchStatementResponse> read = client.batchExecuteStatement(r -> r.statements(
                read("music", "M-1"), read("music", "M-2"), read("music", "M-9"))).responses();
        assertEquals("Vinyl", read.get(0).item().get("name").s());
        assertEquals("Cassette", read.get(1).item().get("name").s());
        assertFalse(read.get(2).hasItem(), "M-9 was never written");
        assertNull(read.get(2).error());
    }

    private static BatchStatementRequest write(String statement, String... values) {
        return BatchStatementRequest.builder().statement(statement)
                .parameters(java.util.Arrays.stream(values).map(AttributeValue::fromS).collect(Collectors.toList())).build();
    }

    private static BatchStatementRequest read(String category, String sku) {
        return BatchStatementRequest.builder().statement("SELECT * FROM \"" + TABLE + "\" WHERE category = ? AND sku = ?")
                .parameters(s(category), s(sku)).build();
    }

    @Test
    void transactionsOfStatements() {
        insert("games", "G-1", "Chess", 30, 2);
        insert("games", "G-2", "Go", 40, 0);
        String move = "UPDATE \"" + TABLE + "\" SET stock = stock + ? WHERE category = ? AND sku = ?";
        client.executeTransaction(r -> r.transactStatements(
                statement(move, n(-1), s("games"), s("G-1")),
                statement(move, n(1), s("games"), s("G-2"))));

        Map<String, Integer> stock = stockOf("G-1", "G-2");
        assertEquals(Map.of("G-1", 1, "G-2", 1), stock);

        // One statement fails (the key exists), so none is applied: the first update is cancelled too.
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> client.executeTransaction(r -> r
                .transactStatements(statement(move, n(-1), s("games"), s("G-1")),
                        statement("INSERT INTO \"" + TABLE + "\" VALUE {'category': ?, 'sku': ?, 'version': 1}",
                                s("games"), s("G-2")))));
        assertEquals(List.of("None", "DuplicateItem"),
                e.cancellationReasons().stream().map(CancellationReason::code).collect(Collectors.toList()));
        assertEquals(Map.of("G-1", 1, "G-2", 1), stockOf("G-1", "G-2"));
    }

    private static ParameterizedStatement statement(String text, AttributeValue... parameters) {
        return ParameterizedStatement.builder().statement(text).parameters(parameters).build();
    }

    /** Both items read in one transaction, so the two counts belong together. */
    private static Map<String, Integer> stockOf(String... skus) {
        List<ParameterizedStatement> reads = java.util.Arrays.stream(skus).map(sku -> statement(
                "SELECT sku, stock FROM \"" + TABLE + "\" WHERE category = ? AND sku = ?", s("games"), s(sku))).toList();
        return client.executeTransaction(r -> r.transactStatements(reads)).responses().stream()
                .collect(Collectors.toMap(i -> i.item().get("sku").s(), i -> Integer.parseInt(i.item().get("stock").n())));
    }
}

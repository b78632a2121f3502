package earkit.reference.domain.table;

import static earkit.reference.domain.table.TransactionsTest.assertRefused;
import static earkit.reference.domain.table.TransactionsTest.put;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.reference.domain.expression.AttributeValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** The limits of a transaction, the table keys it uses, and transactions that span a table DynamoDB cannot serve. */
class TransactionLimitsTest extends StoreTestBase {

    private List<TransactWriteItem> puts(String table, int count) {
        List<TransactWriteItem> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(put(table, item("pk", "k" + i)));
        }
        return out;
    }

    private List<TransactGetItem> gets(String table, int count) {
        List<TransactGetItem> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String pk = "k" + i;
            out.add(TransactGetItem.builder().get(g -> g.tableName(table).key(Map.of("pk", s(pk)))).build());
        }
        return out;
    }

    private boolean exists(DynamoDbClient c, String table, String pk) {
        return c.getItem(r -> r.tableName(table).key(Map.of("pk", s(pk))).consistentRead(true)).hasItem();
    }

    /** An item of exactly {@code bytes} bytes as DynamoDB counts them (names and values). */
    private static Map<String, AttributeValue> sized(String pk, long bytes) {
        Map<String, AttributeValue> item = item("pk", pk, "v", "x".repeat((int) (bytes - "pk".length() - pk.length() - "v".length())));
        assertEquals(bytes, AttributeValues.size(item));
        return item;
    }

    @Test
    void aHundredActionsAreOneTransactionAndAHundredAndOneAreRefused() {
        createTable("Many", null);
        ddb.transactWriteItems(r -> r.transactItems(puts("Many", 100)));
        assertTrue(exists(ddb, "Many", "k99"));
        assertEquals(100, ddb.transactGetItems(r -> r.transactItems(gets("Many", 100))).responses().stream()
                .filter(x -> x.hasItem()).count());

        createTable("TooMany", null);
        assertRefused("ValidationException", () -> ddb.transactWriteItems(r -> r.transactItems(puts("TooMany", 101))));
        assertFalse(exists(ddb, "TooMany", "k0"));
        assertRefused("ValidationException", () -> ddb.transactGetItems(r -> r.transactItems(gets("Many", 101))));
    }

    @Test
    void twoActionsOnOneItemAreRefused() {
        createTable("Once", null);
        createTable("Twice", null);
        DynamoDbException e = org.junit.jupiter.api.Assertions.assertThrows(DynamoDbException.class, () -> ddb.transactWriteItems(r -> r.transactItems(
                put("Once", item("pk", "a")), put("Twice", item("pk", "a")), TransactionsTest.exists("Once", "a"))));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertEquals("Transaction request cannot include multiple operations on one item", e.awsErrorDetails().errorMessage());
        assertFalse(exists(ddb, "Once", "a"));
        assertFalse(exists(ddb, "Twice", "a"), "the same key in another table is another item, yet nothing was applied");
        ddb.transactWriteItems(r -> r.transactItems(put("Once", item("pk", "a")), put("Twice", item("pk", "a"))));
        assertRefused("ValidationException", () -> ddb.transactGetItems(r -> r.transactItems(
                TransactGetItem.builder().get(g -> g.tableName("Once").key(item("pk", "a"))).build(),
                TransactGetItem.builder().get(g -> g.tableName("Once").key(item("pk", "a"))).build())));
    }

    @Test
    void theItemsOfATransactionMayAddUpToFourMegabytesAndNoMore() {
        createTable("Bulk", null);
        long max = 4L * 1024 * 1024;
        long item = 400 * 1024;
        List<TransactWriteItem> atLimit = new ArrayList<>();
        List<TransactWriteItem> overLimit = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            atLimit.add(put("Bulk", sized("a" + i, item)));
            overLimit.add(put("Bulk", sized("b" + i, item)));
        }
        atLimit.add(put("Bulk", sized("a10", max - 10 * item)));
        overLimit.add(put("Bulk", sized("b10", max - 10 * item + 1)));

        assertRefused("ValidationException", () -> ddb.transactWriteItems(r -> r.transactItems(overLimit)));
        assertFalse(exists(ddb, "Bulk", "b0"));
        ddb.transactWriteItems(r -> r.transactItems(atLimit));
        assertTrue(exists(ddb, "Bulk", "a10"));

        List<TransactGetItem> reads = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            String pk = "a" + i;
            reads.add(TransactGetItem.builder().get(g -> g.tableName("Bulk").key(Map.of("pk", s(pk)))).build());
        }
        assertEquals(11, ddb.transactGetItems(r -> r.transactItems(reads)).responses().size(), "exactly 4 MB read");
        ddb.putItem(r -> r.tableName("Bulk").item(sized("a10", max - 10 * item + 1)));
        assertRefused("ValidationException", () -> ddb.transactGetItems(r -> r.transactItems(reads)));
    }

    @Test
    void aTransactionTouchingAnInaccessibleTableAppliesNothingAnywhere() {
        String key = kms.createKey().keyMetadata().arn();
        createTable("Alpha", null);
        createTable("Middle", null, EncryptedTablesTest.cmk(key));
        createTable("Zulu", null);
        ddb.putItem(r -> r.tableName("Middle").item(item("pk", "m", "v", "before")));
        kms.disableKey(r -> r.keyId(key));
        advance("PT5M");
        DynamoDbException e = org.junit.jupiter.api.Assertions.assertThrows(DynamoDbException.class, () -> ddb.transactWriteItems(r -> r.transactItems(
                put("Zulu", item("pk", "z")), put("Middle", item("pk", "m", "v", "after")), put("Alpha", item("pk", "a")))));
        assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("KMS key access denied error: "), e.awsErrorDetails().errorMessage());
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, ddb.describeTable(r -> r.tableName("Middle")).table().tableStatus());
        assertRefused("AccessDeniedException", () -> ddb.transactGetItems(r -> r.transactItems(
                TransactGetItem.builder().get(g -> g.tableName("Alpha").key(item("pk", "a"))).build(),
                TransactGetItem.builder().get(g -> g.tableName("Middle").key(item("pk", "m"))).build())));

        assertFalse(exists(ddb, "Alpha", "a"), "the healthy table before it in lock order is untouched");
        assertFalse(exists(ddb, "Zulu", "z"), "the healthy table after it in lock order is untouched");
        kms.enableKey(r -> r.keyId(key));
        try (DynamoDbClient fresh = dynamo("test", "us-east-1")) {
            assertEquals("before", fresh.getItem(r -> r.tableName("Middle").key(item("pk", "m"))).item().get("v").s());
        }
    }

    @Test
    void aTransactionTouchingAnArchivedTableIsRefusedAsItsItemCallsAre() {
        String key = kms.createKey().keyMetadata().arn();
        createTable("Healthy", null);
        createTable("Gone", null, EncryptedTablesTest.cmk(key));
        kms.disableKey(r -> r.keyId(key));
        advance("PT1H");
        advance("P7D");
        advance("PT1H");
        await().atMost(Duration.ofSeconds(5)).until(() -> ddb.describeTable(r -> r.tableName("Gone")).table().tableStatus() == TableStatus.ARCHIVED);
        DynamoDbException single = org.junit.jupiter.api.Assertions.assertThrows(DynamoDbException.class,
                () -> ddb.putItem(r -> r.tableName("Gone").item(item("pk", "g"))));
        DynamoDbException e = org.junit.jupiter.api.Assertions.assertThrows(DynamoDbException.class, () -> ddb.transactWriteItems(r -> r.transactItems(
                put("Healthy", item("pk", "h")), put("Gone", item("pk", "g")))));
        assertEquals(single.awsErrorDetails().errorCode(), e.awsErrorDetails().errorCode());
        assertEquals(single.awsErrorDetails().errorMessage(), e.awsErrorDetails().errorMessage());
        assertEquals(400, e.statusCode());
        assertFalse(exists(ddb, "Healthy", "h"));
    }

    @Test
    void aTransactionUsesTheTableKeysCachedForItsConnection() {
        createTable("First", null, EncryptedTablesTest.cmk(kms.createKey().keyMetadata().arn()));
        createTable("Second", null, EncryptedTablesTest.cmk(kms.createKey().keyMetadata().arn()));
        int start = kmsEvents("Decrypt").size();
        for (int i = 0; i < 5; i++) {
            String pk = "k" + i;
            ddb.transactWriteItems(r -> r.transactItems(put("First", item("pk", pk)), put("Second", item("pk", pk))));
        }
        ddb.transactGetItems(r -> r.transactItems(gets("First", 5)));
        assertEquals(start, kmsEvents("Decrypt").size(), "the connection that created both tables holds both keys");
        try (DynamoDbClient fresh = dynamo("test", "us-east-1")) {
            fresh.transactWriteItems(r -> r.transactItems(put("First", item("pk", "x")), put("Second", item("pk", "x"))));
            fresh.transactWriteItems(r -> r.transactItems(put("First", item("pk", "y")), put("Second", item("pk", "y"))));
        }
        assertEquals(start + 2, kmsEvents("Decrypt").size(), "a new connection decrypts each table key once");
        advance("PT5M");
        ddb.transactGetItems(r -> r.transactItems(gets("Second", 2)));
        assertEquals(start + 3, kmsEvents("Decrypt").size(), "five minutes on, the connection refreshes the key it uses");
    }

    @Test
    void transactionsNamingTablesInOppositeOrdersDoNotDeadlock() throws Exception {
        createTable("Left", null);
        createTable("Right", null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                boolean leftFirst = t == 0;
                runs.add(pool.submit(() -> {
                    try (DynamoDbClient c = dynamo("test", "us-east-1")) {
                        for (int i = 0; i < 100; i++) {
                            TransactWriteItem l = TransactionsTest.add("Left", "n", 1);
                            TransactWriteItem r = TransactionsTest.add("Right", "n", 1);
                            c.transactWriteItems(x -> x.transactItems(leftFirst ? List.of(l, r) : List.of(r, l)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals("200", ddb.getItem(r -> r.tableName("Left").key(item("pk", "n"))).item().get("n").n());
        assertEquals("200", ddb.getItem(r -> r.tableName("Right").key(item("pk", "n"))).item().get("n").n());
    }
}

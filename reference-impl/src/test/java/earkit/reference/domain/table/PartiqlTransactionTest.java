package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionResponse;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** ExecuteTransaction through the SDK over HTTP: reads, writes, cancellation, idempotency, refusals. */
class PartiqlTransactionTest extends StoreTestBase {

    @BeforeEach
    void music() {
        createTable("Music", ScalarAttributeType.N);
        ddb.putItem(r -> r.tableName("Music").item(item("pk", "a", "sk", 1, "title", "One", "plays", 5)));
        ddb.putItem(r -> r.tableName("Music").item(item("pk", "b", "sk", 2, "title", "Two")));
    }

    private static ParameterizedStatement st(String statement, AttributeValue... params) {
        return ParameterizedStatement.builder().statement(statement).parameters(params.length == 0 ? null : List.of(params)).build();
    }

    private ExecuteTransactionResponse tx(ParameterizedStatement... statements) {
        return ddb.executeTransaction(r -> r.transactStatements(statements));
    }

    private Map<String, AttributeValue> get(String pk, int sk) {
        Map<String, AttributeValue> item = ddb.getItem(r -> r.tableName("Music").key(item("pk", pk, "sk", sk)).consistentRead(true)).item();
        return item.isEmpty() ? null : item;
    }

    private static DynamoDbException refused(Runnable call, String code) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call::run);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(400, e.statusCode());
        return e;
    }

    @Test
    void readsAnswerEachStatementInOrderWithItsProjection() {
        ExecuteTransactionResponse r = ddb.executeTransaction(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .transactStatements(st("SELECT title FROM \"Music\" WHERE pk = 'b' AND sk = 2"),
                        st("SELECT * FROM \"Music\" WHERE pk = ? AND sk = ?", s("none"), n("9")),
                        st("SELECT * FROM \"Music\" WHERE pk = 'a' AND sk = 1")));
        assertEquals(3, r.responses().size());
        assertEquals(Map.of("title", s("Two")), r.responses().get(0).item());
        assertFalse(r.responses().get(1).hasItem(), "a key with no item answers an empty response in its place");
        assertEquals(get("a", 1), r.responses().get(2).item());
        assertEquals(1, r.consumedCapacity().size());
        assertEquals("Music", r.consumedCapacity().get(0).tableName());
        assertEquals(6.0, r.consumedCapacity().get(0).capacityUnits(), "three transactional reads of 2 units each");
    }

    @Test
    void aReadsFurtherConditionsDecideWhetherItsItemIsSelected() {
        ExecuteTransactionResponse r = tx(st("SELECT title FROM \"Music\" WHERE pk = 'a' AND sk = 1 AND plays = 5"),
                st("SELECT title FROM \"Music\" WHERE pk = 'b' AND sk = 2 AND plays = 5"));
        assertEquals(Map.of("title", s("One")), r.responses().get(0).item());
        assertFalse(r.responses().get(1).hasItem(), "an item failing the WHERE is not selected");
    }

    @Test
    void aWhereThatAlsoFiltersAKeyAttributeStillSelectsByTheWholeKey() {
        ExecuteTransactionResponse r = tx(st("SELECT title FROM \"Music\" WHERE pk = 'a' AND sk = 1 AND pk <> 'z'"),
                st("SELECT title FROM \"Music\" WHERE pk = 'b' AND sk = 2 AND pk <> 'b'"));
        assertEquals(Map.of("title", s("One")), r.responses().get(0).item());
        assertFalse(r.responses().get(1).hasItem());
    }

    @Test
    void anExistsCheckThatHoldsLetsTheWritesThrough() {
        tx(st("EXISTS(SELECT * FROM \"Music\" WHERE pk = 'a' AND sk = 1 AND plays = ?)", n("5")),
                st("DELETE FROM \"Music\" WHERE pk = 'b' AND sk = 2"));
        assertNull(get("b", 2));
    }

    @Test
    void anExistsCheckThatFailsCancelsWithConditionalCheckFailed() {
        for (String check : List.of("exists (SELECT * FROM \"Music\" WHERE pk = 'a' AND sk = 1 AND plays = 4)",
                "EXISTS(SELECT * FROM \"Music\" WHERE pk = 'none' AND sk = 1)")) {
            TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> ddb.executeTransaction(r -> r
                    .transactStatements(st("DELETE FROM \"Music\" WHERE pk = 'b' AND sk = 2"),
                            ParameterizedStatement.builder().statement(check).returnValuesOnConditionCheckFailure("ALL_OLD").build())));
            assertEquals(List.of("None", "ConditionalCheckFailed"), e.cancellationReasons().stream().map(CancellationReason::code).toList());
            CancellationReason failed = e.cancellationReasons().get(1);
            if (check.contains("'a'")) {
                assertEquals(get("a", 1), failed.item(), "ALL_OLD returns the item the check found");
            } else {
                assertFalse(failed.hasItem(), "no item to return");
            }
            assertEquals("Two", get("b", 2).get("title").s());
        }
        refused(() -> tx(st("EXISTS(SELECT * FROM \"Music\" WHERE pk = 'a')")), "ValidationException");
        String padded = "EXISTS(SELECT * FROM \"Music\" WHERE pk = 'a' AND sk = 1";
        String longest = padded + " ".repeat(8192 - padded.length() - 1) + ")";
        tx(st(longest), st("DELETE FROM \"Music\" WHERE pk = 'zz' AND sk = 1"));
        DynamoDbException tooLong = refused(() -> tx(st(longest.replace(" )", "  )"))), "ValidationException");
        assertTrue(tooLong.awsErrorDetails().errorMessage().contains("less than or equal to 8192"), tooLong.getMessage());
        refused(() -> tx(st("EXISTS(SELECT title FROM \"Music\" WHERE pk = 'a' AND sk = 1)")), "ValidationException");
        refused(() -> tx(st("EXISTS(DELETE FROM \"Music\" WHERE pk = 'a' AND sk = 1)")), "ValidationException");
        refused(() -> tx(st("EXISTS(SELECT * FROM \"Music\" WHERE pk = 'a' AND sk = 1)"),
                st("SELECT * FROM \"Music\" WHERE pk = 'b' AND sk = 2")), "ValidationException");
    }

    @Test
    void writesAreAppliedTogether() {
        ExecuteTransactionResponse r = tx(st("INSERT INTO \"Music\" VALUE {'pk': 'c', 'sk': 3, 'title': 'Three'}"),
                st("UPDATE \"Music\" SET plays = plays + 1 WHERE pk = 'a' AND sk = 1"),
                st("DELETE FROM \"Music\" WHERE pk = 'b' AND sk = 2"));
        assertFalse(r.hasResponses() && !r.responses().isEmpty(), "writes answer no items");
        assertEquals("Three", get("c", 3).get("title").s());
        assertEquals("6", get("a", 1).get("plays").n());
        assertNull(get("b", 2));
    }

    @Test
    void aFailedStatementCancelsAllWithReasonsInOrder() {
        ddb.putItem(r -> r.tableName("Music").item(item("pk", "c", "sk", 3, "plays", 3)));
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> ddb.executeTransaction(r -> r
                .transactStatements(st("DELETE FROM \"Music\" WHERE pk = 'b' AND sk = 2"),
                        st("INSERT INTO \"Music\" VALUE {'pk': 'a', 'sk': 1, 'title': 'Again'}"),
                        ParameterizedStatement.builder().statement("UPDATE \"Music\" SET plays = 0 WHERE pk = 'c' AND sk = 3 AND plays = 4")
                                .returnValuesOnConditionCheckFailure("ALL_OLD").build(),
                        st("UPDATE \"Music\" SET plays = 1 WHERE pk = 'zz' AND sk = 1"))));
        assertEquals(400, e.statusCode());
        assertEquals("TransactionCanceledException", e.awsErrorDetails().errorCode());
        List<CancellationReason> reasons = e.cancellationReasons();
        assertEquals(List.of("None", "DuplicateItem", "ConditionalCheckFailed", "ConditionalCheckFailed"),
                reasons.stream().map(CancellationReason::code).toList());
        assertFalse(reasons.get(1).hasItem());
        assertEquals(get("c", 3), reasons.get(2).item(), "ALL_OLD returns the item whose condition failed");
        assertTrue(e.awsErrorDetails().errorMessage().endsWith("[None, DuplicateItem, ConditionalCheckFailed, ConditionalCheckFailed]"),
                e.awsErrorDetails().errorMessage());
        assertEquals("Two", get("b", 2).get("title").s(), "the statement that would have gone through was not applied");
        assertEquals("One", get("a", 1).get("title").s());
        assertEquals("3", get("c", 3).get("plays").n());
        assertNull(get("zz", 1), "an UPDATE of a missing item creates nothing");
    }

    @Test
    void readsAndWritesTogetherAreRefused() {
        DynamoDbException e = refused(() -> tx(st("SELECT * FROM \"Music\" WHERE pk = 'a' AND sk = 1"),
                st("DELETE FROM \"Music\" WHERE pk = 'b' AND sk = 2")), "ValidationException");
        assertTrue(e.awsErrorDetails().errorMessage().contains("either read statements or write statements"), e.getMessage());
        assertEquals("Two", get("b", 2).get("title").s());
    }

    @Test
    void aReadMustNameTheWholeKey() {
        refused(() -> tx(st("SELECT * FROM \"Music\" WHERE pk = 'a'")), "ValidationException");
        refused(() -> tx(st("SELECT * FROM \"Music\"")), "ValidationException");
    }

    @Test
    void aRepeatedTokenAppliesOnceAndADifferentRequestUnderItIsAMismatch() {
        ExecuteTransactionRequest once = ExecuteTransactionRequest.builder().clientRequestToken("tok-1")
                .transactStatements(st("UPDATE \"Music\" SET plays = plays + 1 WHERE pk = 'a' AND sk = 1")).build();
        ddb.executeTransaction(once);
        ddb.executeTransaction(once);
        assertEquals("6", get("a", 1).get("plays").n(), "the repeated request was not applied again");
        refused(() -> ddb.executeTransaction(once.toBuilder()
                .transactStatements(st("UPDATE \"Music\" SET plays = plays + 2 WHERE pk = 'a' AND sk = 1")).build()),
                "IdempotentParameterMismatchException");
        assertEquals("6", get("a", 1).get("plays").n());
        advance("PT11M");
        ddb.executeTransaction(once);
        assertEquals("7", get("a", 1).get("plays").n(), "after ten minutes the token is new again");
    }

    @Test
    void aTransactionTouchingAnInaccessibleTableIsRefusedAndAppliesNothing() {
        String key = kms.createKey().keyMetadata().arn();
        createTable("Locked", null, EncryptedTablesTest.cmk(key));
        ddb.putItem(r -> r.tableName("Locked").item(item("pk", "l", "v", "before")));
        kms.disableKey(r -> r.keyId(key));
        advance("PT5M");
        DynamoDbException e = refused(() -> tx(st("UPDATE \"Music\" SET plays = 0 WHERE pk = 'a' AND sk = 1"),
                st("UPDATE \"Locked\" SET v = 'after' WHERE pk = 'l'")), "AccessDeniedException");
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("KMS key access denied error: "), e.getMessage());
        refused(() -> tx(st("SELECT * FROM \"Locked\" WHERE pk = 'l'")), "AccessDeniedException");
        assertEquals("5", get("a", 1).get("plays").n(), "the healthy table is untouched");
        kms.enableKey(r -> r.keyId(key));
        try (var fresh = dynamo("test", "us-east-1")) {
            assertEquals("before", fresh.getItem(r -> r.tableName("Locked").key(item("pk", "l"))).item().get("v").s());
        }
    }

    @Test
    void badRequestsAreValidationErrors() {
        refused(() -> ddb.executeTransaction(r -> r.transactStatements(List.of())), "ValidationException");
        refused(() -> ddb.executeTransaction(r -> r.transactStatements((List<ParameterizedStatement>) null)), "ValidationException");
        refused(() -> tx(st("SELEC * FROM \"Music\"")), "ValidationException");
        refused(() -> tx(st("SELECT * FROM \"Nowhere\" WHERE pk = 'a'")), "ResourceNotFoundException");
        refused(() -> tx(ParameterizedStatement.builder().build()), "ValidationException");
        refused(() -> tx(st("DELETE FROM \"Music\" WHERE pk = 'a' AND sk = 1"), st("DELETE FROM \"Music\" WHERE pk = 'a' AND sk = 1")),
                "ValidationException");
        refused(() -> ddb.executeTransaction(r -> r.clientRequestToken("x".repeat(37))
                .transactStatements(st("DELETE FROM \"Music\" WHERE pk = 'a' AND sk = 1"))), "ValidationException");
        assertEquals("One", get("a", 1).get("title").s());
    }

    @Test
    void aHundredStatementsAreOneTransactionAndAHundredAndOneAreRefused() {
        List<ParameterizedStatement> inserts = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            inserts.add(st("INSERT INTO \"Music\" VALUE {'pk': 'n', 'sk': ?}", n(Integer.toString(i))));
        }
        DynamoDbException e = refused(() -> ddb.executeTransaction(r -> r.transactStatements(inserts)), "ValidationException");
        assertTrue(e.awsErrorDetails().errorMessage().contains("less than or equal to 100"), e.getMessage());
        assertNull(get("n", 0));
        ddb.executeTransaction(r -> r.transactStatements(inserts.subList(0, 100)));
        assertTrue(get("n", 99) != null && get("n", 0) != null);
        assertNull(get("n", 100));
    }
}

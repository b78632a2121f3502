package earkit.reference.service.dynamodb.partiql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import earkit.reference.protocol.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** The translation itself: which item call a statement becomes, and the transaction action a write hands on. */
class StatementTranslatorTest {
    private static final KeyNames MUSIC = new KeyNames("Artist", "Song", Map.of("byYear", new KeyNames("Year", null, Map.of())));

    private static PartiqlStatement translate(String statement, AttributeValue... params) {
        return StatementTranslator.translate(statement, List.of(params), name -> MUSIC);
    }

    @Test
    void dynamoDbsClausesAreFoundOutsideQuotedText() {
        WriteStatement w = (WriteStatement) translate("UPDATE \"Music\" SET note = 'SET x = 1 REMOVE y WHERE' SET tags = <<'a', 'b'>> "
                + "REMOVE \"old\", junk[2] WHERE Artist = 'A' AND Song = 'S' AND note <> 'RETURNING' RETURNING ALL NEW *");
        assertEquals("SET #n0 = :v0, #n1 = :v1 REMOVE #n2, #n3[2]", w.update().updateExpression());
        assertEquals(Map.of("#n0", "note", "#n1", "tags", "#n2", "old", "#n3", "junk", "#n4", "Artist"),
                w.update().expressionAttributeNames());
        assertEquals("attribute_exists(#n4) AND (#n0 <> :v2)", w.update().conditionExpression());
        assertEquals("SET x = 1 REMOVE y WHERE", w.update().expressionAttributeValues().get(":v0").s());
        assertEquals(List.of("a", "b"), w.update().expressionAttributeValues().get(":v1").ss());
        assertEquals("ALL_NEW", w.update().returnValuesAsString());
        assertEquals(Map.of("Artist", AttributeValue.fromS("A"), "Song", AttributeValue.fromS("S")), w.update().key());
    }

    @Test
    void aSelectNamingThePartitionKeyIsAQueryElseAScan() {
        ReadStatement q = (ReadStatement) translate("SELECT * FROM Music WHERE Artist = ? AND Song > 'M' AND plays > 3",
                AttributeValue.fromS("A"));
        assertNotNull(q.query());
        assertEquals("#n0 = :v0 AND #n1 > :v1", q.query().keyConditionExpression());
        assertEquals("(#n2 > :v2)", q.query().filterExpression());
        assertNull(q.key());

        ReadStatement s = (ReadStatement) translate("SELECT * FROM Music WHERE Artist = 'A' OR Song = 'S'");
        assertNotNull(s.scan());
        ReadStatement keyInFilter = (ReadStatement) translate("SELECT * FROM Music WHERE Artist = 'A' AND (Song = 'a' OR Song = 'b')");
        assertNotNull(keyInFilter.scan(), "a Query may not filter on a key attribute");

        ReadStatement ix = (ReadStatement) translate("SELECT Song FROM \"Music\".\"byYear\" WHERE \"Year\" = 1999");
        assertEquals("byYear", ix.query().indexName());
        assertNull(ix.key());

        ReadStatement whole = (ReadStatement) translate("SELECT * FROM Music WHERE Song = 'S' AND Artist = 'A'");
        assertEquals(Map.of("Artist", AttributeValue.fromS("A"), "Song", AttributeValue.fromS("S")), whole.key());
    }

    @Test
    void writesBecomeTheTransactionActionsExecuteTransactionNeeds() {
        WriteStatement insert = (WriteStatement) translate("INSERT INTO Music VALUE {'Artist': 'A', 'Song': 'S', 'n': 1}");
        TransactWriteItem put = insert.transactItem();
        assertEquals("attribute_not_exists(#n0)", put.put().conditionExpression());
        assertEquals(Map.of("#n0", "Artist"), put.put().expressionAttributeNames());
        assertEquals("DuplicateItem", insert.conditionFailureCode());

        WriteStatement update = (WriteStatement) translate("UPDATE Music SET n = n + 1 WHERE Artist = 'A' AND Song = 'S' AND n < 5");
        TransactWriteItem up = update.transactItem();
        assertEquals("attribute_exists(#n1) AND (#n0 < :v1)", up.update().conditionExpression());
        assertEquals("SET #n0 = #n0 + :v0", up.update().updateExpression());
        assertEquals("ConditionalCheckFailed", update.conditionFailureCode());

        WriteStatement delete = (WriteStatement) translate("DELETE FROM Music WHERE Artist = 'A' AND Song = 'S'");
        assertNull(delete.transactItem().delete().conditionExpression());
        assertEquals("Music", delete.transactItem().delete().tableName());
    }

    @Test
    void outsideTheSubsetIsRefused() {
        for (String s : List.of("SELECT * FROM Music WHERE Artist LIKE 'a%'", "UPDATE Music SET n = 1 WHERE Artist = 'A'",
                "INSERT INTO \"Music\".\"byYear\" VALUE {'Artist': 'A'}", "DELETE FROM Music WHERE Artist = 'A' AND Song = 'S' RETURNING ALL NEW *")) {
            assertEquals("ValidationException", assertThrows(ApiException.class, () -> translate(s), s).code());
        }
    }
}

package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** ExecuteStatement and BatchExecuteStatement through the SDK over HTTP: each statement kind, its errors, its pages. */
class PartiqlApiTest extends StoreTestBase {

    @BeforeEach
    void music() {
        createTable("Music", ScalarAttributeType.N);
    }

    private ExecuteStatementResponse run(String statement, AttributeValue... params) {
        return ddb.executeStatement(r -> r.statement(statement).parameters(params.length == 0 ? null : List.of(params)));
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
    void insertSelectUpdateDeleteEachGoThroughTheItemCalls() {
        assertTrue(run("INSERT INTO \"Music\" VALUE {'pk': 'a', 'sk': 1, 'title': 'One', 'tags': <<'x', 'y'>>, 'm': {'n': [1, 'two']}}")
                .items().isEmpty());
        Map<String, AttributeValue> stored = get("a", 1);
        assertEquals("One", stored.get("title").s());
        assertEquals(Set.of("x", "y"), Set.copyOf(stored.get("tags").ss()));
        assertEquals("two", stored.get("m").m().get("n").l().get(1).s());

        ExecuteStatementResponse sel = run("SELECT title, m.n[0] FROM \"Music\" WHERE pk = 'a' AND sk = 1");
        assertEquals(List.of(Map.of("title", s("One"), "m", AttributeValue.fromM(Map.of("n", AttributeValue.fromL(List.of(n("1"))))))),
                sel.items());

        run("UPDATE \"Music\" SET title = 'Uno' SET plays = 1 REMOVE tags WHERE pk = 'a' AND sk = 1");
        stored = get("a", 1);
        assertEquals("Uno", stored.get("title").s());
        assertEquals("1", stored.get("plays").n());
        assertFalse(stored.containsKey("tags"));

        run("UPDATE \"Music\" SET plays = plays + 2, m.n = list_append(m.n, [3]) WHERE pk = 'a' AND sk = 1");
        stored = get("a", 1);
        assertEquals("3", stored.get("plays").n());
        assertEquals(3, stored.get("m").m().get("n").l().size());

        run("UPDATE \"Music\" SET tags = set_add(tags, <<'z'>>) WHERE pk = 'a' AND sk = 1");
        assertEquals(List.of("z"), get("a", 1).get("tags").ss());

        run("DELETE FROM \"Music\" WHERE pk = 'a' AND sk = 1");
        assertNull(get("a", 1));
    }

    @Test
    void parametersFillTheQuestionMarksInOrder() {
        run("INSERT INTO Music VALUE {'pk': ?, 'sk': ?, 'v': ?}", s("p"), n("7"), AttributeValue.fromB(
                software.amazon.awssdk.core.SdkBytes.fromUtf8String("bin")));
        ExecuteStatementResponse r = run("SELECT * FROM Music WHERE pk = ? AND sk = ?", s("p"), n("7"));
        assertEquals(1, r.items().size());
        assertEquals("bin", r.items().get(0).get("v").b().asUtf8String());
        assertTrue(run("SELECT * FROM Music WHERE pk = ? AND sk = ?", s("p"), n("8")).items().isEmpty());

        DynamoDbException e = refused(() -> run("SELECT * FROM Music WHERE pk = ? AND sk = ?", s("p")), "ValidationException");
        assertEquals("Number of parameters in request and statement don't match.", e.awsErrorDetails().errorMessage());
        refused(() -> run("SELECT * FROM Music WHERE pk = ?", s("p"), n("1")), "ValidationException");
        refused(() -> run("SELECT * FROM Music WHERE pk = 'p'", s("p")), "ValidationException");
    }

    @Test
    void whereServesDynamoDbsOperatorsOnQueryAndScan() {
        for (int i = 1; i <= 6; i++) {
            int k = i;
            ddb.putItem(r -> r.tableName("Music").item(item("pk", k % 2 == 0 ? "even" : "odd", "sk", k, "name", "n" + k,
                    "tracks", AttributeValue.fromL(List.of(n("1"), n("2"), n(Integer.toString(k)))))));
        }
        ddb.putItem(r -> r.tableName("Music").item(item("pk", "odd", "sk", 9, "extra", AttributeValue.fromNul(true))));
        assertEquals(Set.of(2, 4, 6), sks(run("SELECT * FROM Music WHERE pk = 'even'")));
        assertEquals(Set.of(4, 6), sks(run("SELECT * FROM Music WHERE pk = 'even' AND sk > 2")));
        assertEquals(Set.of(2, 4), sks(run("SELECT * FROM Music WHERE pk = 'even' AND sk BETWEEN 2 AND 4")));
        assertEquals(Set.of(4), sks(run("SELECT * FROM Music WHERE pk = 'even' AND name = 'n4'")));
        assertEquals(Set.of(1, 2), sks(run("SELECT * FROM Music WHERE sk IN [1, 2]")));
        assertEquals(Set.of(1, 2, 3, 4, 5, 6), sks(run("SELECT * FROM Music WHERE begins_with(name, 'n')")));
        assertEquals(Set.of(5, 6), sks(run("SELECT * FROM Music WHERE contains(tracks, 5) OR contains(tracks, 6)")));
        assertEquals(Set.of(1, 2, 3, 4, 5, 6), sks(run("SELECT * FROM Music WHERE size(tracks) = 3")));
        assertEquals(Set.of(9), sks(run("SELECT * FROM Music WHERE name IS MISSING")));
        assertEquals(Set.of(9), sks(run("SELECT * FROM Music WHERE extra IS NULL")));
        assertEquals(Set.of(1, 3, 5, 9), sks(run("SELECT * FROM Music WHERE NOT pk = 'even'")));
        assertEquals(Set.of(1, 3), sks(run("SELECT * FROM Music WHERE pk = 'odd' AND sk <> 5 AND attribute_exists(name)")));
        assertEquals(Set.of(3, 5), sks(run("SELECT * FROM Music WHERE pk = 'odd' AND (sk = 3 OR sk = 5)")));
        assertEquals(Set.of(), sks(run("SELECT * FROM Music WHERE pk = 'none'")));
    }

    @Test
    void orderByFollowsTheSortKeyEitherWay() {
        for (int k : new int[] {3, 1, 2}) {
            ddb.putItem(r -> r.tableName("Music").item(item("pk", "o", "sk", k, "name", "n" + k)));
        }
        assertEquals(List.of("3", "2", "1"), run("SELECT sk FROM Music WHERE pk = 'o' ORDER BY sk DESC").items().stream()
                .map(i -> i.get("sk").n()).toList());
        assertEquals(List.of("1", "2", "3"), run("SELECT sk FROM Music WHERE pk = 'o' ORDER BY pk, sk ASC").items().stream()
                .map(i -> i.get("sk").n()).toList());
        DynamoDbException noWhere = refused(() -> run("SELECT * FROM Music ORDER BY sk"), "ValidationException");
        assertEquals("Must have WHERE clause in the statement when using ORDER BY clause.", noWhere.awsErrorDetails().errorMessage());
        refused(() -> run("SELECT * FROM Music WHERE pk = 'o' ORDER BY name"), "ValidationException");
        refused(() -> run("SELECT * FROM Music WHERE pk = 'o' ORDER BY pk ASC, sk DESC"), "ValidationException");
    }

    private static Set<Integer> sks(ExecuteStatementResponse r) {
        Set<Integer> out = new HashSet<>();
        r.items().forEach(i -> out.add(Integer.parseInt(i.get("sk").n())));
        return out;
    }

    @Test
    void aSelectOverSeveralPagesIsReadWholeThroughNextToken() {
        for (int i = 0; i < 25; i++) {
            int k = i;
            ddb.putItem(r -> r.tableName("Music").item(item("pk", k < 20 ? "one" : "other", "sk", k)));
        }
        for (String statement : List.of("SELECT * FROM Music WHERE pk = 'one'", "SELECT * FROM Music WHERE sk < 20")) {
            List<Integer> seen = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                String from = token;
                ExecuteStatementResponse page = ddb.executeStatement(r -> r.statement(statement).limit(7).nextToken(from));
                page.items().forEach(i -> seen.add(Integer.parseInt(i.get("sk").n())));
                token = page.nextToken();
                pages++;
            } while (token != null);
            assertEquals(20, seen.size(), statement);
            assertEquals(20, new HashSet<>(seen).size(), statement);
            assertTrue(pages >= 3, statement + ": " + pages + " pages");
        }
        String token = ddb.executeStatement(r -> r.statement("SELECT * FROM Music WHERE pk = 'one'").limit(5)).nextToken();
        assertNotNull(token);
        refused(() -> ddb.executeStatement(r -> r.statement("SELECT * FROM Music WHERE pk = 'other'").nextToken(token)),
                "ValidationException");
        refused(() -> ddb.executeStatement(r -> r.statement("SELECT * FROM Music WHERE pk = 'one'").nextToken("garbage!")),
                "ValidationException");
        refused(() -> ddb.executeStatement(r -> r.statement("SELECT * FROM Music").limit(0)), "ValidationException");
    }

    @Test
    void returningGivesTheItemBeforeOrAfter() {
        run("INSERT INTO Music VALUE {'pk': 'r', 'sk': 1, 'a': 1, 'b': 2}");
        assertEquals(List.of(Map.of("a", n("5"))), run("UPDATE Music SET a = 5 WHERE pk = 'r' AND sk = 1 RETURNING MODIFIED NEW *").items());
        assertEquals(List.of(Map.of("a", n("5"))), run("UPDATE Music SET a = 6 WHERE pk = 'r' AND sk = 1 RETURNING MODIFIED OLD *").items());
        assertEquals("6", run("UPDATE Music SET b = 3 WHERE pk = 'r' AND sk = 1 RETURNING ALL NEW *").items().get(0).get("a").n());
        assertEquals("3", run("DELETE FROM Music WHERE pk = 'r' AND sk = 1 RETURNING ALL OLD *").items().get(0).get("b").n());
        refused(() -> run("DELETE FROM Music WHERE pk = 'r' AND sk = 1 RETURNING ALL NEW *"), "ValidationException");
        refused(() -> run("UPDATE Music SET a = 1 WHERE pk = 'r' AND sk = 1 RETURNING SOME *"), "ValidationException");
    }

    @Test
    void documentedErrorsAreHttp400WithTheirCodes() {
        run("INSERT INTO Music VALUE {'pk': 'd', 'sk': 1, 'v': 1}");
        DynamoDbException dup = refused(() -> run("INSERT INTO Music VALUE {'pk': 'd', 'sk': 1, 'v': 2}"), "DuplicateItemException");
        assertEquals("Duplicate primary key exists in table", dup.awsErrorDetails().errorMessage());
        assertEquals("1", get("d", 1).get("v").n(), "a refused INSERT changes nothing");

        DynamoDbException noKey = refused(() -> run("UPDATE Music SET v = 3 WHERE pk = 'd'"), "ValidationException");
        assertEquals("Where clause does not contain a mandatory equality on all key attributes", noKey.awsErrorDetails().errorMessage());
        refused(() -> run("DELETE FROM Music WHERE pk = 'd' AND sk > 0"), "ValidationException");
        refused(() -> run("DELETE FROM Music WHERE pk = 'd' OR sk = 1"), "ValidationException");

        refused(() -> run("UPDATE Music SET v = 3 WHERE pk = 'nobody' AND sk = 1"), "ConditionalCheckFailedException");
        assertNull(get("nobody", 1), "UPDATE creates no item");
        refused(() -> run("UPDATE Music SET v = 3 WHERE pk = 'd' AND sk = 1 AND v = 2"), "ConditionalCheckFailedException");
        refused(() -> run("DELETE FROM Music WHERE pk = 'd' AND sk = 1 AND v > 1"), "ConditionalCheckFailedException");
        assertEquals("1", get("d", 1).get("v").n());
        run("UPDATE Music SET v = 3 WHERE pk = 'd' AND sk = 1 AND v = 1");
        assertEquals("3", get("d", 1).get("v").n());

        refused(() -> run("SELECT * FROM Nowhere WHERE pk = 'd'"), "ResourceNotFoundException");
        refused(() -> run("SELECT * FROM Music.nosuch WHERE pk = 'd'"), "ValidationException");
        refused(() -> run("UPDATE Music SET pk = 'x' WHERE pk = 'd' AND sk = 1"), "ValidationException");
        refused(() -> run("INSERT INTO Music VALUE {'pk': 'd'}"), "ValidationException");
        refused(() -> run("INSERT INTO Music VALUE {'pk': 'd', 'sk': 'not a number'}"), "ValidationException");
    }

    @Test
    void garbageStatementsAreValidationExceptionsNeverServerErrors() {
        List<String> garbage = List.of("", " ", "SELEC * FROM Music", "SELECT * FROM", "SELECT * FROM Music WHERE",
                "DROP TABLE Music", "SELECT * FROM Music; SELECT * FROM Music", "INSERT INTO Music {'pk': 'a', 'sk': 1}",
                "INSERT INTO Music VALUE 5", "INSERT INTO Music VALUE {'pk': 'a', 'sk': 1", "UPDATE Music WHERE pk = 'a' AND sk = 1",
                "UPDATE Music SET WHERE pk = 'a'", "DELETE FROM Music", "SELECT * FROM Music, Music",
                "SELECT * FROM Music AS m WHERE m.pk = 'a'", "SELECT COUNT(*) FROM Music", "SELECT * FROM Music ORDER BY sk",
                "SELECT * FROM Music WHERE pk = 'a' LIMIT 1", "SELECT * FROM Music WHERE pk LIKE 'a%'",
                "SELECT * FROM Music WHERE pk = (SELECT * FROM Music)", "SELECT * FROM Music WHERE x = <<>>",
                "SELECT * FROM Music WHERE x = <<1, 'a'>>", "SELECT * FROM Music WHERE 'unterminated",
                "SELECT * FROM \"Music\".\"a\".\"b\"", "SELECT * FROM Music WHERE " + "(".repeat(5000) + "1" + ")".repeat(5000),
                "SELECT * FROM Music WHERE pk = 'a' RETURNING ALL OLD *", "UPSERT INTO Music VALUE {'pk': 'a'}",
                "\u0000\uFFFF", "SELECT * FROM Music WHERE pk = ?", "x".repeat(8193));
        for (String g : garbage) {
            DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.executeStatement(r -> r.statement(g)), g);
            assertEquals(400, e.statusCode(), g + ": " + e.getMessage());
            assertEquals("ValidationException", e.awsErrorDetails().errorCode(), g + ": " + e.getMessage());
        }
        DynamoDbException dml = refused(() -> run("DROP TABLE Music"), "ValidationException");
        assertEquals("Statement wasn't well formed, can't be processed: Expected data manipulation", dml.awsErrorDetails().errorMessage());
        assertTrue(refused(() -> run("SELEC * FROM Music"), "ValidationException").awsErrorDetails().errorMessage()
                .startsWith("Statement wasn't well formed, can't be processed: "));
    }

    private BatchExecuteStatementResponse batch(String... statements) {
        List<BatchStatementRequest> list = new ArrayList<>();
        for (String s : statements) {
            list.add(BatchStatementRequest.builder().statement(s).build());
        }
        return ddb.batchExecuteStatement(r -> r.statements(list));
    }

    @Test
    void batchesRunEachStatementOnItsOwnAndReportEachError() {
        run("INSERT INTO Music VALUE {'pk': 'b', 'sk': 1, 'v': 'old'}");
        List<BatchStatementResponse> w = batch("INSERT INTO Music VALUE {'pk': 'b', 'sk': 2}",
                "INSERT INTO Music VALUE {'pk': 'b', 'sk': 1}", "UPDATE Music SET v = 'new' WHERE pk = 'b' AND sk = 1",
                "UPDATE Music SET v = 'x' WHERE pk = 'b'", "SELEC").responses();
        assertEquals(5, w.size());
        assertNull(w.get(0).error());
        assertEquals("Music", w.get(0).tableName());
        assertEquals("DuplicateItem", w.get(1).error().codeAsString());
        assertEquals("Duplicate primary key exists in table", w.get(1).error().message());
        assertNull(w.get(2).error());
        assertEquals("ValidationError", w.get(3).error().codeAsString());
        assertNull(w.get(3).tableName());
        assertEquals("ValidationError", w.get(4).error().codeAsString());
        assertNotNull(get("b", 2));
        assertEquals("new", get("b", 1).get("v").s());

        List<BatchStatementResponse> r = batch("SELECT * FROM Music WHERE pk = 'b' AND sk = 1",
                "SELECT * FROM Music WHERE pk = 'b' AND sk = 3", "SELECT * FROM Music WHERE pk = 'b'",
                "SELECT * FROM Nowhere WHERE pk = 'b' AND sk = 1").responses();
        assertEquals("new", r.get(0).item().get("v").s());
        assertEquals("Music", r.get(0).tableName());
        assertNull(r.get(1).error());
        assertFalse(r.get(1).hasItem() && !r.get(1).item().isEmpty());
        assertEquals("ValidationError", r.get(2).error().codeAsString());
        assertEquals("ResourceNotFound", r.get(3).error().codeAsString());

        DynamoDbException mixed = refused(() -> batch("SELECT * FROM Music WHERE pk = 'b' AND sk = 1",
                "DELETE FROM Music WHERE pk = 'b' AND sk = 1"), "ValidationException");
        assertTrue(mixed.awsErrorDetails().errorMessage().contains("either read statements or write statements"));
        assertNotNull(get("b", 1), "a refused batch does nothing");
        String[] many = new String[26];
        java.util.Arrays.fill(many, "SELECT * FROM Music WHERE pk = 'b' AND sk = 1");
        refused(() -> batch(many), "ValidationException");
        refused(() -> ddb.batchExecuteStatement(x -> x.statements(List.of())), "ValidationException");
    }

    @Test
    void aBatchWriteThatFailsItsConditionCanReturnTheItemItFound() {
        run("INSERT INTO Music VALUE {'pk': 'c', 'sk': 1, 'v': 1}");
        BatchExecuteStatementResponse r = ddb.batchExecuteStatement(x -> x.statements(
                BatchStatementRequest.builder().statement("UPDATE Music SET v = 2 WHERE pk = 'c' AND sk = 1 AND v = 5")
                        .returnValuesOnConditionCheckFailure("ALL_OLD").build(),
                BatchStatementRequest.builder().statement("UPDATE Music SET v = 2 WHERE pk = 'c' AND sk = 1 AND v = 5").build()));
        assertEquals("ConditionalCheckFailed", r.responses().get(0).error().codeAsString());
        assertEquals("1", r.responses().get(0).error().item().get("v").n());
        assertFalse(r.responses().get(1).error().hasItem() && !r.responses().get(1).error().item().isEmpty());
    }

    @Test
    void consumedCapacityIsTheItemCallsOwn() {
        ExecuteStatementResponse w = ddb.executeStatement(ExecuteStatementRequest.builder()
                .statement("INSERT INTO Music VALUE {'pk': 'cap', 'sk': 1}").returnConsumedCapacity("TOTAL").build());
        assertEquals(1.0, w.consumedCapacity().capacityUnits());
        ExecuteStatementResponse r = ddb.executeStatement(ExecuteStatementRequest.builder()
                .statement("SELECT * FROM Music WHERE pk = 'cap'").consistentRead(true).returnConsumedCapacity("TOTAL").build());
        assertEquals(1.0, r.consumedCapacity().capacityUnits());
        assertEquals("Music", r.consumedCapacity().tableName());
    }
}

package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Numbers as DynamoDB keeps them (Developer Guide, "Data types — Number"): canonical on every write path,
 * 38 significant digits, magnitude 1E-130 to below 1E+126, keys and set members equal by value.
 */
class NumberFidelityTest extends StoreTestBase {

    @ParameterizedTest
    @CsvSource({
        "-0015.789e6, -15789000",
        "1.50E-3, 0.0015",
        "-0, 0",
        "0.000, 0",
        "+7, 7",
        "100, 100",
        "1E+2, 100",
        "12.500, 12.5",
        "9.9999999999999999999999999999999999999E+125, 999999999999999999999999999999999999990000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
        "1E-130, 0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001"
    })
    void putItemStoresTheCanonicalFormAndAnswersItEverywhere(String written, String canonical) {
        createTable("Numbers", null);
        ddb.putItem(r -> r.tableName("Numbers").item(item("pk", "k", "n", n(written))));
        assertEquals(canonical, ddb.getItem(r -> r.tableName("Numbers").key(item("pk", "k"))).item().get("n").n());
        Map<String, AttributeValue> old = ddb.putItem(r -> r.tableName("Numbers").item(item("pk", "k"))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        assertEquals(canonical, old.get("n").n(), "ReturnValues ALL_OLD answers the stored form");
    }

    @Test
    void numbersInsideSetsMapsAndListsAreCanonicalToo() {
        createTable("Nested", null);
        ddb.putItem(r -> r.tableName("Nested").item(item("pk", "k",
                "ns", AttributeValue.fromNs(List.of("1.0", "2e1", "-0.50")),
                "m", AttributeValue.fromM(Map.of("x", n("0010"))),
                "l", AttributeValue.fromL(List.of(n("3.000"), AttributeValue.fromM(Map.of("y", n("4E0"))))))));
        Map<String, AttributeValue> got = ddb.getItem(r -> r.tableName("Nested").key(item("pk", "k"))).item();
        assertEquals(List.of("1", "20", "-0.5"), got.get("ns").ns());
        assertEquals("10", got.get("m").m().get("x").n());
        assertEquals("3", got.get("l").l().get(0).n());
        assertEquals("4", got.get("l").l().get(1).m().get("y").n());
    }

    @Test
    void updateItemAndBatchWriteItemStoreCanonicalNumbers() {
        createTable("Writes", null);
        Map<String, AttributeValue> updated = ddb.updateItem(r -> r.tableName("Writes").key(item("pk", "u"))
                .updateExpression("SET a = :a, b = :b ADD c :c")
                .expressionAttributeValues(Map.of(":a", n("1.500"), ":b", n("2E3"), ":c", n("00.25")))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        assertEquals("1.5", updated.get("a").n());
        assertEquals("2000", updated.get("b").n());
        assertEquals("0.25", updated.get("c").n());
        Map<String, AttributeValue> sum = ddb.updateItem(r -> r.tableName("Writes").key(item("pk", "u"))
                .updateExpression("SET a = a + :a ADD c :c")
                .expressionAttributeValues(Map.of(":a", n("1.5"), ":c", n("0.75")))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        assertEquals(Map.of("a", n("3"), "c", n("1")), sum);
        ddb.batchWriteItem(r -> r.requestItems(Map.of("Writes", List.of(WriteRequest.builder()
                .putRequest(p -> p.item(item("pk", "b", "n", n("5.0E+1")))).build()))));
        assertEquals("50", ddb.getItem(r -> r.tableName("Writes").key(item("pk", "b"))).item().get("n").n());
    }

    @Test
    void numberKeysAreOneKeyByValue() {
        createTable("NumKeys", ScalarAttributeType.N);
        ddb.putItem(r -> r.tableName("NumKeys").item(item("pk", "k", "sk", n("1"), "v", "first")));
        ddb.putItem(r -> r.tableName("NumKeys").item(item("pk", "k", "sk", n("1.0"), "v", "second")));
        Map<String, AttributeValue> got = ddb.getItem(r -> r.tableName("NumKeys").key(item("pk", "k", "sk", n("10E-1")))).item();
        assertEquals("second", got.get("v").s(), "1, 1.0 and 10E-1 name the same item");
        assertEquals("1", got.get("sk").n());
        assertEquals(1, ddb.scan(r -> r.tableName("NumKeys")).count());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "12345678901234567890123456789012345678.9|Attempting to store more than 38 significant digits in a Number",
        "1E+126|Number overflow. Attempting to store a number with magnitude larger than supported range",
        "-1E+126|Number overflow. Attempting to store a number with magnitude larger than supported range",
        "1E-131|Number underflow. Attempting to store a number with magnitude smaller than supported range",
        "123456789012345678901234567890123456789E+200|Number overflow. Attempting to store a number with magnitude larger than supported range",
        "12ab|The parameter cannot be converted to a numeric value: 12ab"
    })
    void numbersDynamoDbCannotRepresentAreRefused(String written, String message) {
        createTable("Bad", null);
        for (AttributeValue v : List.of(n(written), AttributeValue.fromNs(List.of("1", written)))) {
            DynamoDbException e = assertThrows(DynamoDbException.class,
                    () -> ddb.putItem(r -> r.tableName("Bad").item(item("pk", "k", "n", v))));
            assertEquals(400, e.statusCode());
            assertEquals("ValidationException", e.awsErrorDetails().errorCode());
            assertEquals(message, e.awsErrorDetails().errorMessage());
        }
        DynamoDbException arithmetic = assertThrows(DynamoDbException.class, () -> ddb.updateItem(r -> r.tableName("Bad")
                .key(item("pk", "k")).updateExpression("SET n = :v").expressionAttributeValues(Map.of(":v", n(written)))));
        assertEquals(message, arithmetic.awsErrorDetails().errorMessage());
    }

    @Test
    void arithmeticThatLeavesTheRangeIsRefused() {
        createTable("Arith", null);
        ddb.putItem(r -> r.tableName("Arith").item(item("pk", "k", "n", n("9E+125"))));
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.updateItem(r -> r.tableName("Arith")
                .key(item("pk", "k")).updateExpression("ADD n :v").expressionAttributeValues(Map.of(":v", n("9E+125")))));
        assertEquals("Number overflow. Attempting to store a number with magnitude larger than supported range",
                e.awsErrorDetails().errorMessage());
        DynamoDbException digits = assertThrows(DynamoDbException.class, () -> ddb.updateItem(r -> r.tableName("Arith")
                .key(item("pk", "k")).updateExpression("SET n = n + :v").expressionAttributeValues(Map.of(":v", n("1")))));
        assertEquals("Attempting to store more than 38 significant digits in a Number", digits.awsErrorDetails().errorMessage());
    }

    @Test
    void numberSetMembersEqualByValueAreDuplicates() {
        createTable("Dups", null);
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.putItem(r -> r.tableName("Dups")
                .item(item("pk", "k", "ns", AttributeValue.fromNs(List.of("1", "1.0"))))));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertEquals("One or more parameter values were invalid: Input collection [1, 1.0] contains duplicates.",
                e.awsErrorDetails().errorMessage());
    }
}

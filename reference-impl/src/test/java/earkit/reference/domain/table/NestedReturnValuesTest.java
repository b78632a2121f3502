package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** UPDATED_OLD and UPDATED_NEW answer only the paths an update wrote, nested ones in their place. */
class NestedReturnValuesTest extends StoreTestBase {

    private Map<String, AttributeValue> update(String expression, Map<String, AttributeValue> values, ReturnValue rv) {
        return ddb.updateItem(r -> r.tableName("Nested").key(item("pk", "k")).updateExpression(expression)
                .expressionAttributeValues(values).returnValues(rv)).attributes();
    }

    @Test
    void onlyTheUpdatedPathsAreAnswered() {
        createTable("Nested", null);
        ddb.putItem(r -> r.tableName("Nested").item(item("pk", "k", "other", "o",
                "m", AttributeValue.fromM(Map.of("a", n("1"), "b", n("2"))),
                "l", AttributeValue.fromL(List.of(s("x"), s("y"), s("z"))))));
        assertEquals(Map.of("m", AttributeValue.fromM(Map.of("a", n("1")))),
                update("SET m.a = :v", Map.of(":v", n("5")), ReturnValue.UPDATED_OLD));
        assertEquals(Map.of("m", AttributeValue.fromM(Map.of("a", n("6")))),
                update("SET m.a = :v", Map.of(":v", n("6")), ReturnValue.UPDATED_NEW));
        assertEquals(Map.of("l", AttributeValue.fromL(List.of(s("y")))),
                update("SET l[1] = :v", Map.of(":v", s("Y")), ReturnValue.UPDATED_OLD));
        assertEquals(Map.of("l", AttributeValue.fromL(List.of(s("Y"))), "m", AttributeValue.fromM(Map.of("c", n("3")))),
                update("SET l[1] = :v, m.c = :c", Map.of(":v", s("Y"), ":c", n("3")), ReturnValue.UPDATED_NEW));
        Map<String, AttributeValue> whole = ddb.getItem(r -> r.tableName("Nested").key(item("pk", "k"))).item();
        assertEquals(AttributeValue.fromM(Map.of("a", n("6"), "b", n("2"), "c", n("3"))), whole.get("m"),
                "the item itself keeps its other members");
    }

    @Test
    void aRemovedPathIsInUpdatedOldButNotInUpdatedNew() {
        createTable("Nested", null);
        ddb.putItem(r -> r.tableName("Nested").item(item("pk", "k",
                "m", AttributeValue.fromM(Map.of("a", n("1"), "b", n("2"))))));
        assertEquals(Map.of("m", AttributeValue.fromM(Map.of("b", n("2")))),
                ddb.updateItem(r -> r.tableName("Nested").key(item("pk", "k")).updateExpression("REMOVE m.b")
                        .returnValues(ReturnValue.UPDATED_OLD)).attributes());
        assertEquals(Map.of(), ddb.updateItem(r -> r.tableName("Nested").key(item("pk", "k")).updateExpression("REMOVE m.a")
                .returnValues(ReturnValue.UPDATED_NEW)).attributes());
    }
}

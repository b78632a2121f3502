package earkit.reference.domain.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The parameters that predate expressions (API reference: "Legacy conditional parameters"), accepted with
 * their checks and wording: Expected, ConditionalOperator, AttributeUpdates, KeyConditions, QueryFilter,
 * ScanFilter, AttributesToGet, and their exclusion with the expression parameters.
 */
class LegacyParametersTest extends StoreTestBase {

    private static ExpectedAttributeValue exists(boolean exists) {
        return ExpectedAttributeValue.builder().exists(exists).build();
    }

    private static ExpectedAttributeValue equalTo(AttributeValue v) {
        return ExpectedAttributeValue.builder().value(v).build();
    }

    private static Condition cond(ComparisonOperator op, AttributeValue... values) {
        return Condition.builder().comparisonOperator(op).attributeValueList(values).build();
    }

    private static void refused(String message, Executable call) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call);
        assertEquals(400, e.statusCode());
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
    }

    @Test
    void expectedGuardsPutItemAsDynamoDbMapperVersionedSavesUseIt() {
        createTable("Versioned", null);
        ddb.putItem(r -> r.tableName("Versioned").item(item("pk", "k", "version", n("1")))
                .expected(Map.of("pk", exists(false))));
        assertThrows(ConditionalCheckFailedException.class, () -> ddb.putItem(r -> r.tableName("Versioned")
                .item(item("pk", "k", "version", n("1"))).expected(Map.of("pk", exists(false)))));
        ddb.putItem(r -> r.tableName("Versioned").item(item("pk", "k", "version", n("2")))
                .expected(Map.of("version", equalTo(n("1.0")))));
        assertThrows(ConditionalCheckFailedException.class, () -> ddb.putItem(r -> r.tableName("Versioned")
                .item(item("pk", "k", "version", n("3"))).expected(Map.of("version", equalTo(n("1"))))));
        assertEquals("2", ddb.getItem(r -> r.tableName("Versioned").key(item("pk", "k"))).item().get("version").n());
    }

    @Test
    void expectedComparisonOperatorsAndConditionalOperator() {
        createTable("Ops", null);
        ddb.putItem(r -> r.tableName("Ops").item(item("pk", "k", "n", n("5"), "s", "hello")));
        ddb.deleteItem(r -> r.tableName("Ops").key(item("pk", "k")).expected(Map.of(
                "n", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.GT).value(n("9")).build(),
                "s", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.BEGINS_WITH)
                        .attributeValueList(s("he")).build())).conditionalOperator(ConditionalOperator.OR)
                .returnValues(ReturnValue.ALL_OLD));
        assertNull(ddb.getItem(r -> r.tableName("Ops").key(item("pk", "k"))).item().get("pk"), "deleted: one of two held under OR");
        ddb.putItem(r -> r.tableName("Ops").item(item("pk", "k", "n", n("5"))));
        assertThrows(ConditionalCheckFailedException.class, () -> ddb.deleteItem(r -> r.tableName("Ops").key(item("pk", "k"))
                .expected(Map.of("n", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.BETWEEN)
                        .attributeValueList(n("1"), n("4")).build(),
                        "gone", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.NULL).build()))));
        ddb.deleteItem(r -> r.tableName("Ops").key(item("pk", "k"))
                .expected(Map.of("n", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.IN)
                        .attributeValueList(n("4"), n("5")).build(),
                        "gone", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.NULL).build())));
    }

    @Test
    void expectedIsCheckedAsDynamoDbChecksIt() {
        createTable("Checks", null);
        Map<String, AttributeValue> it = item("pk", "k");
        refused("One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: a",
                () -> ddb.putItem(r -> r.tableName("Checks").item(it).expected(Map.of("a", exists(true)))));
        refused("One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: a",
                () -> ddb.putItem(r -> r.tableName("Checks").item(it).expected(Map.of("a", ExpectedAttributeValue.builder().build()))));
        refused("One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: a",
                () -> ddb.putItem(r -> r.tableName("Checks").item(it).expected(Map.of("a",
                        ExpectedAttributeValue.builder().exists(false).value(s("x")).build()))));
        refused("One or more parameter values were invalid: Exists and ComparisonOperator cannot be used together for Attribute: a",
                () -> ddb.putItem(r -> r.tableName("Checks").item(it).expected(Map.of("a", ExpectedAttributeValue.builder()
                        .exists(true).comparisonOperator(ComparisonOperator.EQ).value(s("x")).build()))));
        refused("One or more parameter values were invalid: AttributeValueList can only be used with a ComparisonOperator for Attribute: a",
                () -> ddb.putItem(r -> r.tableName("Checks").item(it).expected(Map.of("a", ExpectedAttributeValue.builder()
                        .attributeValueList(s("x")).build()))));
        refused("One or more parameter values were invalid: Value or AttributeValueList must be used with ComparisonOperator: EQ for Attribute: a",
                () -> ddb.putItem(r -> r.tableName("Checks").item(it).expected(Map.of("a", ExpectedAttributeValue.builder()
                        .comparisonOperator(ComparisonOperator.EQ).build()))));
        refused("One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator",
                () -> ddb.putItem(r -> r.tableName("Checks").item(it).expected(Map.of("a", ExpectedAttributeValue.builder()
                        .comparisonOperator(ComparisonOperator.BETWEEN).attributeValueList(n("1")).build()))));
        refused("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound",
                () -> ddb.putItem(r -> r.tableName("Checks").item(it).expected(Map.of("a", ExpectedAttributeValue.builder()
                        .comparisonOperator(ComparisonOperator.BETWEEN).attributeValueList(n("9"), n("1")).build()))));
        refused("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}",
                () -> ddb.putItem(r -> r.tableName("Checks").item(it).expected(Map.of("a", exists(false)))
                        .conditionExpression("attribute_not_exists(a)")));
        refused("1 validation error detected: Value 'XOR' at 'conditionalOperator' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [OR, AND]",
                () -> ddb.putItem(r -> r.tableName("Checks").item(it).expected(Map.of("a", exists(false)))
                        .conditionalOperator("XOR")));
    }

    @Test
    void attributeUpdatesPutAddAndDelete() {
        createTable("Updates", null);
        ddb.putItem(r -> r.tableName("Updates").item(item("pk", "k", "gone", "x", "tags", AttributeValue.fromSs(List.of("a", "b", "c")),
                "list", AttributeValue.fromL(List.of(s("first"))))));
        Map<String, AttributeValue> updated = ddb.updateItem(r -> r.tableName("Updates").key(item("pk", "k")).attributeUpdates(Map.of(
                "name", AttributeValueUpdate.builder().value(s("new")).build(),
                "count", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n("2")).build(),
                "tags", AttributeValueUpdate.builder().action(AttributeAction.DELETE).value(AttributeValue.fromSs(List.of("b"))).build(),
                "list", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(AttributeValue.fromL(List.of(s("second")))).build(),
                "gone", AttributeValueUpdate.builder().action(AttributeAction.DELETE).build()))
                .expected(Map.of("gone", equalTo(s("x")))).returnValues(ReturnValue.ALL_NEW)).attributes();
        assertEquals("new", updated.get("name").s());
        assertEquals("2", updated.get("count").n());
        assertEquals(Set.of("a", "c"), new TreeSet<>(updated.get("tags").ss()));
        assertEquals(List.of(s("first"), s("second")), updated.get("list").l());
        assertFalse(updated.containsKey("gone"));
        Map<String, AttributeValue> again = ddb.updateItem(r -> r.tableName("Updates").key(item("pk", "k")).attributeUpdates(Map.of(
                "count", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n("3")).build()))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        assertEquals(Map.of("count", n("5")), again);
    }

    @Test
    void attributeUpdatesAreCheckedAsDynamoDbChecksThem() {
        createTable("UpdateChecks", null);
        refused("One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified",
                () -> ddb.updateItem(r -> r.tableName("UpdateChecks").key(item("pk", "k")).attributeUpdates(Map.of(
                        "a", AttributeValueUpdate.builder().action(AttributeAction.PUT).build()))));
        refused("One or more parameter values were invalid: DELETE action with value is not supported for the type S",
                () -> ddb.updateItem(r -> r.tableName("UpdateChecks").key(item("pk", "k")).attributeUpdates(Map.of(
                        "a", AttributeValueUpdate.builder().action(AttributeAction.DELETE).value(s("x")).build()))));
        refused("One or more parameter values were invalid: ADD action is not supported for the type S",
                () -> ddb.updateItem(r -> r.tableName("UpdateChecks").key(item("pk", "k")).attributeUpdates(Map.of(
                        "a", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(s("x")).build()))));
        refused("One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key",
                () -> ddb.updateItem(r -> r.tableName("UpdateChecks").key(item("pk", "k")).attributeUpdates(Map.of(
                        "pk", AttributeValueUpdate.builder().value(s("other")).build()))));
        refused("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}",
                () -> ddb.updateItem(r -> r.tableName("UpdateChecks").key(item("pk", "k")).updateExpression("SET a = :a")
                        .expressionAttributeValues(Map.of(":a", s("x")))
                        .attributeUpdates(Map.of("b", AttributeValueUpdate.builder().value(s("y")).build()))));
    }

    private void seedQueryTable() {
        createTable("Qry", ScalarAttributeType.S);
        for (String sk : List.of("a1", "a2", "b1", "b2", "c1")) {
            ddb.putItem(r -> r.tableName("Qry").item(item("pk", "p", "sk", sk, "n", n(String.valueOf(sk.charAt(1))))));
        }
        ddb.putItem(r -> r.tableName("Qry").item(item("pk", "other", "sk", "a1")));
    }

    private List<String> sortKeys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get("sk").s()).toList();
    }

    @Test
    void queryWithKeyConditionsAndQueryFilter() {
        seedQueryTable();
        assertEquals(List.of("a1", "a2"), sortKeys(ddb.query(r -> r.tableName("Qry").keyConditions(Map.of(
                "pk", cond(ComparisonOperator.EQ, s("p")), "sk", cond(ComparisonOperator.BEGINS_WITH, s("a"))))).items()));
        assertEquals(List.of("c1", "b2", "b1"), sortKeys(ddb.query(r -> r.tableName("Qry").scanIndexForward(false)
                .keyConditions(Map.of("pk", cond(ComparisonOperator.EQ, s("p")),
                        "sk", cond(ComparisonOperator.BETWEEN, s("b"), s("c9"))))).items()));
        assertEquals(List.of("a2", "b2"), sortKeys(ddb.query(r -> r.tableName("Qry")
                .keyConditions(Map.of("pk", cond(ComparisonOperator.EQ, s("p"))))
                .queryFilter(Map.of("n", cond(ComparisonOperator.EQ, n("2"))))).items()));
        assertEquals(List.of("a1", "a2", "b1", "b2", "c1"), sortKeys(ddb.query(r -> r.tableName("Qry")
                .keyConditions(Map.of("pk", cond(ComparisonOperator.EQ, s("p"))))
                .queryFilter(Map.of("n", cond(ComparisonOperator.EQ, n("1")), "x", cond(ComparisonOperator.NULL)))
                .conditionalOperator(ConditionalOperator.OR)).items()), "OR: every item lacks x");
        assertEquals(List.of("a1", "b1", "c1"), sortKeys(ddb.query(r -> r.tableName("Qry")
                .keyConditions(Map.of("pk", cond(ComparisonOperator.EQ, s("p"))))
                .queryFilter(Map.of("n", cond(ComparisonOperator.EQ, n("1")), "x", cond(ComparisonOperator.NULL)))).items()));
        // KeyConditions go with a FilterExpression: only KeyConditionExpression excludes them.
        assertEquals(List.of("a2", "b2"), sortKeys(ddb.query(r -> r.tableName("Qry")
                .keyConditions(Map.of("pk", cond(ComparisonOperator.EQ, s("p"))))
                .filterExpression("n = :two").expressionAttributeValues(Map.of(":two", n("2")))).items()));
    }

    @Test
    void keyConditionsAreCheckedAsDynamoDbChecksThem() {
        seedQueryTable();
        refused("Query key condition not supported", () -> ddb.query(r -> r.tableName("Qry").keyConditions(Map.of(
                "pk", cond(ComparisonOperator.BEGINS_WITH, s("p"))))));
        refused("Attempted conditional constraint is not an indexable operation", () -> ddb.query(r -> r.tableName("Qry")
                .keyConditions(Map.of("pk", cond(ComparisonOperator.EQ, s("p")), "sk", cond(ComparisonOperator.NE, s("x"))))));
        refused("Query condition missed key schema element: pk", () -> ddb.query(r -> r.tableName("Qry")
                .keyConditions(Map.of("sk", cond(ComparisonOperator.EQ, s("a1"))))));
        refused("One or more parameter values were invalid: Condition parameter type does not match schema type",
                () -> ddb.query(r -> r.tableName("Qry").keyConditions(Map.of("pk", cond(ComparisonOperator.EQ, n("1"))))));
        refused("Conditions can be of length 1 or 2 only", () -> ddb.query(r -> r.tableName("Qry").keyConditions(Map.of(
                "pk", cond(ComparisonOperator.EQ, s("p")), "sk", cond(ComparisonOperator.EQ, s("a1")),
                "n", cond(ComparisonOperator.EQ, n("1"))))));
        refused("QueryFilter can only contain non-primary key attributes: Primary key attribute: sk",
                () -> ddb.query(r -> r.tableName("Qry").keyConditions(Map.of("pk", cond(ComparisonOperator.EQ, s("p"))))
                        .queryFilter(Map.of("sk", cond(ComparisonOperator.EQ, s("a1"))))));
        refused("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}",
                () -> ddb.query(r -> r.tableName("Qry").keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p")))
                        .keyConditions(Map.of("pk", cond(ComparisonOperator.EQ, s("p"))))));
        refused("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.",
                () -> ddb.query(r -> r.tableName("Qry")));
    }

    @Test
    void scanFilterWithEveryKindOfOperator() {
        seedQueryTable();
        assertEquals(2, ddb.scan(r -> r.tableName("Qry").scanFilter(Map.of("n", cond(ComparisonOperator.IN, n("2"), n("9"))))).count());
        assertEquals(1, ddb.scan(r -> r.tableName("Qry").scanFilter(Map.of("n", cond(ComparisonOperator.NULL)))).count());
        assertEquals(5, ddb.scan(r -> r.tableName("Qry").scanFilter(Map.of("n", cond(ComparisonOperator.NOT_NULL)))).count());
        assertEquals(2, ddb.scan(r -> r.tableName("Qry").scanFilter(Map.of("sk", cond(ComparisonOperator.CONTAINS, s("2"))))).count());
        assertEquals(4, ddb.scan(r -> r.tableName("Qry").scanFilter(Map.of("sk", cond(ComparisonOperator.NOT_CONTAINS, s("2"))))).count());
        assertEquals(4, ddb.scan(r -> r.tableName("Qry").scanFilter(Map.of("n", cond(ComparisonOperator.LE, n("1")),
                "pk", cond(ComparisonOperator.EQ, s("other")))).conditionalOperator(ConditionalOperator.OR)).count());
        assertEquals(0, ddb.scan(r -> r.tableName("Qry").scanFilter(Map.of("n", cond(ComparisonOperator.LE, n("1")),
                "pk", cond(ComparisonOperator.EQ, s("other"))))).count(), "AND by default");
        assertEquals(List.of("sk"), ddb.scan(r -> r.tableName("Qry").attributesToGet("sk")
                .scanFilter(Map.of("sk", cond(ComparisonOperator.EQ, s("c1"))))).items().get(0).keySet().stream().toList());
    }

    @Test
    void scanFilterIsCheckedAsDynamoDbChecksIt() {
        seedQueryTable();
        refused("One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type",
                () -> ddb.scan(r -> r.tableName("Qry").scanFilter(Map.of("n", cond(ComparisonOperator.BEGINS_WITH, n("1"))))));
        refused("One or more parameter values were invalid: Invalid number of argument(s) for the NULL ComparisonOperator",
                () -> ddb.scan(r -> r.tableName("Qry").scanFilter(Map.of("n", cond(ComparisonOperator.NULL, n("1"))))));
        refused("One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type",
                () -> ddb.scan(r -> r.tableName("Qry").scanFilter(Map.of("n", cond(ComparisonOperator.IN, n("1"), s("1"))))));
        refused("1 validation error detected: Value null at 'scanFilter.n.member.comparisonOperator' failed to satisfy constraint: "
                        + "Member must not be null",
                () -> ddb.scan(r -> r.tableName("Qry").scanFilter(Map.of("n", Condition.builder().attributeValueList(n("1")).build()))));
        refused("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {ScanFilter} Expression parameters: {FilterExpression}",
                () -> ddb.scan(r -> r.tableName("Qry").filterExpression("n = :n").expressionAttributeValues(Map.of(":n", n("1")))
                        .scanFilter(Map.of("n", cond(ComparisonOperator.EQ, n("1"))))));
        refused("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}",
                () -> ddb.scan(r -> r.tableName("Qry").projectionExpression("n").attributesToGet("n")));
        refused("One or more parameter values were invalid: Duplicate value in attribute name: n",
                () -> ddb.getItem(r -> r.tableName("Qry").key(item("pk", "p", "sk", "a1")).attributesToGet("n", "n")));
    }
}

package earkit.reference.domain.expression;

import static earkit.reference.domain.expression.Av.assertValidation;
import static earkit.reference.domain.expression.Av.b;
import static earkit.reference.domain.expression.Av.item;
import static earkit.reference.domain.expression.Av.n;
import static earkit.reference.domain.expression.Av.names;
import static earkit.reference.domain.expression.Av.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** KeyConditionExpression: which conditions on the partition and sort key Query accepts, and what they select. */
class KeyConditionExpressionTest {
    private static final Map<String, AttributeValue> V =
            item(":pk", s("user#1"), ":lo", n("10"), ":hi", n("20"), ":p", s("2024-"));

    private static KeyCondition parse(String expr) {
        return Expressions.keyCondition(expr, names("#pk", "pk", "#sk", "sk"), V, "pk", "sk");
    }

    @Test
    void hashOnly() {
        KeyCondition k = parse("pk = :pk");
        assertEquals(s("user#1"), k.hashValue());
        assertFalse(k.hasRangeCondition());
        assertTrue(k.rangeMatches(n("1")));
        assertTrue(k.rangeMatches(null));
        assertEquals(Set.of(":pk"), k.usedValues());
    }

    @ParameterizedTest
    @CsvSource({
            "sk = :lo, 10, true", "sk = :lo, 11, false",
            "sk < :lo, 9, true", "sk < :lo, 10, false",
            "sk <= :lo, 10, true", "sk <= :lo, 11, false",
            "sk > :lo, 11, true", "sk > :lo, 10, false",
            "sk >= :lo, 10, true", "sk >= :lo, 9, false",
            ":lo < sk, 11, true", ":lo >= sk, 11, false",
            "sk BETWEEN :lo AND :hi, 10, true", "sk BETWEEN :lo AND :hi, 20, true",
            "sk BETWEEN :lo AND :hi, 21, false", "sk BETWEEN :lo AND :hi, 9.99, false"})
    void rangeOperators(String range, String sortKey, boolean expected) {
        KeyCondition k = parse("pk = :pk AND " + range);
        assertTrue(k.hasRangeCondition());
        assertEquals(expected, k.rangeMatches(n(sortKey)));
    }

    @Test
    void beginsWithOnTheSortKey() {
        KeyCondition k = parse("#pk = :pk and begins_with(#sk, :p)");
        assertTrue(k.rangeMatches(s("2024-05-01")));
        assertFalse(k.rangeMatches(s("2023-12-31")));
        assertFalse(k.rangeMatches(n("2024")));
        assertEquals(Set.of("#pk", "#sk"), k.usedNames());
    }

    @Test
    void beginsWithOnBinarySortKey() {
        KeyCondition k = Expressions.keyCondition("pk = :pk AND begins_with(sk, :b)", null,
                item(":pk", s("x"), ":b", b(1)), "pk", "sk");
        assertTrue(k.rangeMatches(b(1, 9)));
        assertFalse(k.rangeMatches(b(2)));
    }

    @Test
    void orderAndParenthesesDoNotMatter() {
        KeyCondition k = parse("(sk > :lo) AND (pk = :pk)");
        assertEquals(s("user#1"), k.hashValue());
        assertTrue(k.rangeMatches(n("11")));
        assertFalse(k.rangeMatches(s("11")));
    }

    @Test
    void partitionKeyMustBeCompared() {
        assertValidation("Query condition missed key schema element: pk", () -> parse("sk = :lo"));
        assertValidation("Query condition missed key schema element: pk", () -> parse("foo = :lo"));
    }

    @Test
    void partitionKeyOnlyTakesEquality() {
        assertValidation("Query key condition not supported", () -> parse("pk < :pk"));
        assertValidation("Query key condition not supported", () -> parse("begins_with(pk, :p)"));
        assertValidation("Query key condition not supported", () -> parse("pk BETWEEN :lo AND :hi"));
    }

    @Test
    void onlyKeyAttributes() {
        assertValidation("Query key condition not supported", () -> parse("pk = :pk AND foo = :lo"));
        assertValidation("Query key condition not supported", () -> Expressions.keyCondition(
                "pk = :pk AND foo = :lo", null, V, "pk", null));
    }

    @Test
    void unsupportedOperators() {
        assertValidation("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR",
                () -> parse("pk = :pk OR sk = :lo"));
        assertValidation("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: NOT",
                () -> parse("pk = :pk AND NOT sk = :lo"));
        assertValidation("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: IN",
                () -> parse("pk = :pk AND sk IN (:lo)"));
        assertValidation("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: <>",
                () -> parse("pk = :pk AND sk <> :lo"));
        assertValidation("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression:"
                + " attribute_exists", () -> parse("pk = :pk AND attribute_exists(sk)"));
        assertValidation("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: contains",
                () -> parse("pk = :pk AND contains(sk, :p)"));
        assertValidation("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: size",
                () -> parse("pk = :pk AND size(sk) > :lo"));
    }

    @Test
    void shapeErrors() {
        assertValidation("KeyConditionExpressions must only contain one condition per key",
                () -> parse("pk = :pk AND pk = :pk"));
        assertValidation("KeyConditionExpressions must only contain one condition per key",
                () -> parse("pk = :pk AND sk > :lo AND sk < :hi"));
        assertValidation("Query key condition not supported", () -> parse("pk = :pk AND sk > :lo AND foo < :hi"));
        assertValidation("Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested"
                + " attributes", () -> parse("pk = :pk AND sk.x = :lo"));
        assertValidation("Invalid KeyConditionExpression: Invalid condition in KeyConditionExpression: = operator"
                + " must have one key attribute and values as operands", () -> parse("pk = sk"));
        assertValidation("Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than"
                + " or equal to lower bound; lower bound operand: AttributeValue: {N:20}, upper bound operand:"
                + " AttributeValue: {N:10}", () -> parse("pk = :pk AND sk BETWEEN :hi AND :lo"));
        assertValidation("Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or"
                + " function: begins_with, operand type: N", () -> parse("pk = :pk AND begins_with(sk, :lo)"));
        assertValidation("Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"",
                () -> parse("pk = :pk AND"));
    }
}

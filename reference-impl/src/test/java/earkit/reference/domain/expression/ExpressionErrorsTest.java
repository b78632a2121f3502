package earkit.reference.domain.expression;

import static earkit.reference.domain.expression.Av.assertValidation;
import static earkit.reference.domain.expression.Av.item;
import static earkit.reference.domain.expression.Av.n;
import static earkit.reference.domain.expression.Av.names;
import static earkit.reference.domain.expression.Av.s;
import static earkit.reference.domain.expression.Av.ss;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Expression refusals and their precedence, worded as DynamoDB words them, since clients and the suite match the messages. */
class ExpressionErrorsTest {
    private static final Map<String, AttributeValue> V = item(":v", n("1"), ":w", n("2"));

    private static void condition(String expr) {
        Expressions.condition("ConditionExpression", expr, names("#n", "name"), V);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a < < b             | <     | < < b",
            "customer-id = :v    | -     | customer-id",
            "a =                 | <EOF> | =",
            "a = :v AND          | <EOF> | AND",
            "(a = :v             | <EOF> | :v",
            "a = :v)             | )     | :v)",
            "a $ :v              | $     | a $ :v",
            "a[x] = :v           | x     | [x]",
            "# = :v              | #     | # =",
            "a = :v AND OR b = :v | OR   | AND OR b",
            "a BETWEEN :v :w     | :w    | :v :w",
            "a IN :v             | :v    | IN :v",
            "a IN ()             | )     | ()",
            "attribute_exists()  | )     | ()",
            "a.[0] = :v          | [     | .[0",
            "a = :v :w           | :w    | :v :w",
            "a = and             | and   | = and",
            "a b                 | b     | a b",
            "a[                  | <EOF> | [",
            "a[1                 | <EOF> | 1"})
    void syntaxErrorsNameTheTokenAndItsNeighbours(String expr, String token, String near) {
        assertValidation("Invalid ConditionExpression: Syntax error; token: \"" + token + "\", near: \"" + near + "\"",
                () -> condition(expr));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptyExpressionsAreRefused(String expr) {
        assertValidation("Invalid FilterExpression: The expression can not be empty;",
                () -> Expressions.condition("FilterExpression", expr, null, null));
        assertValidation("Invalid UpdateExpression: The expression can not be empty;",
                () -> Expressions.update(expr, null, null));
        assertValidation("Invalid ProjectionExpression: The expression can not be empty;",
                () -> Expressions.projection(expr, null));
    }

    @Test
    void expressionsAreAtMostFourKilobytes() {
        String fits = "a = :v" + " ".repeat(4096 - 6);
        assertDoesNotThrow(() -> condition(fits));
        assertValidation("Invalid UpdateExpression: Expression size has exceeded the maximum allowed size;"
                + " expression size: 4097", () -> Expressions.update("SET a = :v" + " ".repeat(4097 - 10), null, V));
        String multiByte = "a = :v OR b = :v" + "\u00e9".repeat(2041);
        assertValidation("Invalid FilterExpression: Expression size has exceeded the maximum allowed size;"
                + " expression size: 4098", () -> Expressions.condition("FilterExpression", multiByte, null, V));
    }

    @Test
    void syntaxErrorsComeBeforeMeaningErrors() {
        assertValidation("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"(\"",
                () -> condition("status = :undefined AND ("));
    }

    @ParameterizedTest
    @CsvSource({"status = :v, status", "a.status = :v, status", "Status = :v, Status", "a = #n OR size(DATA) = :v, DATA",
            "attribute_exists(name), name", "x[0].count = :v, count"})
    void reservedWordsMustBeEscaped(String expr, String word) {
        assertValidation("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: " + word,
                () -> condition(expr));
    }

    @Test
    void reservedWordsAreFineBehindPlaceholders() {
        assertDoesNotThrow(() -> condition("#n = :v"));
        assertTrue(ReservedWords.count() > 570);
        assertTrue(ReservedWords.isReserved("timestamp"));
        assertTrue(ReservedWords.isReserved("TTL"));
    }

    @Test
    void undefinedPlaceholders() {
        assertValidation("Invalid ConditionExpression: An expression attribute name used in the document path is not"
                + " defined; attribute name: #m", () -> condition("#m = :v"));
        assertValidation("Invalid ConditionExpression: An expression attribute value used in expression is not"
                + " defined; attribute value: :x", () -> condition("a = :x"));
        assertValidation("Invalid KeyConditionExpression: An expression attribute value used in expression is not"
                + " defined; attribute value: :pk",
                () -> Expressions.keyCondition("pk = :pk", null, null, "pk", null));
        assertValidation("Invalid ProjectionExpression: An expression attribute name used in the document path is"
                + " not defined; attribute name: #p", () -> Expressions.projection("a, b.#p", Map.of()));
    }

    @Test
    void functionsAreCheckedByNameAndOperands() {
        assertValidation("Invalid ConditionExpression: Invalid function name; function: foo",
                () -> condition("foo(a)"));
        assertValidation("Invalid ConditionExpression: Invalid function name; function: ATTRIBUTE_EXISTS",
                () -> condition("ATTRIBUTE_EXISTS(a)"));
        assertValidation("Invalid ConditionExpression: The function is not allowed to be used this way in an"
                + " expression; function: size", () -> condition("size(a)"));
        assertValidation("Invalid ConditionExpression: The function is not allowed to be used this way in an"
                + " expression; function: attribute_exists", () -> condition("attribute_exists(a) = :v"));
        assertValidation("Invalid ConditionExpression: Invalid function name; function: if_not_exists",
                () -> condition("if_not_exists(a, :v)"));
        assertValidation("Invalid ConditionExpression: The function is not allowed to be used this way in an"
                + " expression; function: contains", () -> condition("size(contains(a, b)) > :v"));
        assertValidation("Invalid ConditionExpression: The function is not allowed to be used this way in an"
                + " expression; function: attribute_exists", () -> condition("a IN (b, attribute_exists(c))"));
        assertValidation("Invalid ConditionExpression: Operator or function requires a document path; operator or"
                + " function: attribute_exists", () -> condition("attribute_exists(:v)"));
        assertValidation("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or"
                + " function: size, operand type: N", () -> condition("size(:v) > :w"));
        assertValidation("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or"
                + " function: size, operand type: N", () -> condition("size(size(a)) > :w"));
        assertValidation("Invalid ConditionExpression: Incorrect number of operands for operator or function;"
                + " operator or function: attribute_not_exists, number of operands: 2",
                () -> condition("attribute_not_exists(a, b)"));
        assertValidation("Invalid ConditionExpression: Incorrect number of operands for operator or function;"
                + " operator or function: contains, number of operands: 1", () -> condition("contains(a)"));
        assertValidation("Invalid ConditionExpression: Incorrect number of operands for operator or function;"
                + " operator or function: begins_with, number of operands: 3",
                () -> condition("begins_with(a, :v, :w)"));
    }

    @Test
    void operandTypesOfConstantsAreChecked() {
        assertValidation("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or"
                + " function: attribute_type, operand type: N", () -> condition("attribute_type(a, :v)"));
        assertValidation("Invalid ConditionExpression: Invalid attribute type name found; type: STRING, valid types:"
                + " {B,NULL,SS,BOOL,L,BS,N,NS,S,M}", () -> Expressions.condition("ConditionExpression",
                "attribute_type(a, :t)", null, item(":t", s("STRING"))));
        assertValidation("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or"
                + " function: begins_with, operand type: N", () -> condition("begins_with(a, :v)"));
        assertValidation("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or"
                + " function: attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}",
                () -> condition("attribute_type(a, b)"));
        assertValidation("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or"
                + " function: begins_with, operand type: N", () -> condition("begins_with(:v, a)"));
        assertValidation("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or"
                + " function: begins_with, operand type: N", () -> condition("begins_with(a, size(b))"));
        // ordering comparisons of sets are not refused, they are just never true
        assertDoesNotThrow(() -> Expressions.condition("ConditionExpression", "a < :s", null, item(":s", ss("x"))));
    }

    @Test
    void betweenBoundsMustBeOrderedAndOfOneType() {
        assertValidation("Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or"
                + " equal to lower bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue:"
                + " {N:1}",
                () -> condition("a BETWEEN :w AND :v"));
        assertValidation("Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and"
                + " upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue:"
                + " {S:z}", () -> Expressions.condition("ConditionExpression", "a BETWEEN :v AND :z", null,
                item(":v", n("1"), ":z", s("z"))));
        assertDoesNotThrow(() -> condition("a BETWEEN :v AND :v"));
        assertValidation("Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or"
                + " equal to lower bound; lower bound operand: AttributeValue: {B:Ag==}, upper bound operand:"
                + " AttributeValue: {B:AQ==}", () -> Expressions.condition("ConditionExpression",
                "a BETWEEN :x AND :y", null, item(":x", Av.b(2), ":y", Av.b(1))));
    }

    @Test
    void comparingAPathWithItselfIsRefused() {
        String message = "Invalid ConditionExpression: The first operand must be distinct from the remaining operands"
                + " for this operator or function; operator: ";
        assertValidation(message + "=, first operand: [a]", () -> condition("a = a AND b = :v"));
        assertValidation(message + "<>, first operand: [a]",
                () -> Expressions.condition("ConditionExpression", "#a <> a", names("#a", "a"), null));
        assertValidation(message + "contains, first operand: [a, b, [1], c]", () -> condition("contains(a.b[1].c, (a.b[1]).c)"));
        assertValidation(message + "begins_with, first operand: [a]", () -> condition("begins_with(a, a)"));
        assertDoesNotThrow(() -> condition(":v > :v"));
    }

    @Test
    void doubledParenthesesAreRedundant() {
        for (String expr : new String[] {"a = :v AND a > ((b))", "(a)between(((b.c)).d)and(c)",
                "a = :v AND ((a = :v AND a = :w)) AND a = :w", "((a = :v))", "a > whatever((:v), ((a)))"}) {
            assertValidation("Invalid ConditionExpression: The expression has redundant parentheses;",
                    () -> condition(expr));
        }
        assertDoesNotThrow(() -> condition("((a = :v) OR (a = :w))"));
    }

    @Test
    void problemsAreRankedLikeDynamoDb() {
        // unknown function before reserved word before undefined placeholder
        assertValidation("Invalid ConditionExpression: Invalid function name; function: whatever",
                () -> condition("status = :nope AND whatever(a) > :v"));
        assertValidation("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: abOrT",
                () -> condition(":nope < abOrT"));
        // within the first faulty comparison or function: undefined placeholder, operand count, same operands, type
        assertValidation("Invalid ConditionExpression: An expression attribute name used in the document path is not"
                + " defined; attribute name: #p", () -> condition("attribute_exists(#p.q, :v) AND a = :v"));
        assertValidation("Invalid ConditionExpression: An expression attribute value used in expression is not"
                + " defined; attribute value: :h", () -> condition("begins_with(:h, #x, #y)"));
        assertValidation("Invalid ConditionExpression: Incorrect operand type for operator or function; operator or"
                + " function: attribute_type, operand type: N", () -> condition("attribute_type(a, size(a)) AND a = a"));
        assertValidation("Invalid ConditionExpression: Incorrect number of operands for operator or function;"
                + " operator or function: contains, number of operands: 1", () -> condition("contains(a) AND b = :nope"));
    }

    @Test
    void documentPathsNestAtMostThirtyTwoLevels() {
        String ok = "a" + ".a".repeat(31);
        assertDoesNotThrow(() -> condition("attribute_exists(" + ok + ")"));
        assertValidation("Invalid ConditionExpression: The document path has too many nesting levels; nesting levels:"
                + " 33", () -> condition("attribute_exists(" + ok + "[0])"));
    }

    @Test
    void unusedPlaceholdersAreRefused() {
        Map<String, String> names = names("#a", "a", "#b", "b");
        Map<String, AttributeValue> values = item(":x", n("1"), ":y", n("2"), ":z", n("3"));
        Condition c = Expressions.condition("ConditionExpression", "#a = :x", names, values);
        Projection p = Expressions.projection("#b", names);
        assertValidation("Value provided in ExpressionAttributeValues unused in expressions: keys: {:y, :z}",
                () -> Expressions.checkAllUsed(names, values, c, p));
        assertValidation("Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}",
                () -> Expressions.checkAllUsed(names, values, c));
        Update u = Expressions.update("SET y = :y ADD z :z", null, values);
        assertDoesNotThrow(() -> Expressions.checkAllUsed(names, values, c, p, u));
        assertDoesNotThrow(() -> Expressions.checkAllUsed(null, null));
        assertDoesNotThrow(() -> Expressions.checkAllUsed(Map.of(), Map.of(), (Parsed) null));
    }

    @Test
    void placeholderKeysMustLookLikePlaceholders() {
        assertValidation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"n\"",
                () -> Expressions.checkAllUsed(names("n", "a"), null));
        assertValidation("ExpressionAttributeValues contains invalid key: Syntax error; key: \":a-b\"",
                () -> Expressions.checkPlaceholderKeys(null, item(":a-b", n("1"))));
        assertDoesNotThrow(() -> Expressions.checkPlaceholderKeys(names("#A_1", "a"), item(":0x", n("1"))));
    }

    @Test
    void errorPrefixNamesTheExpressionKind() {
        assertValidation("Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"=\"",
                () -> Expressions.condition("FilterExpression", "a =", null, null));
    }
}

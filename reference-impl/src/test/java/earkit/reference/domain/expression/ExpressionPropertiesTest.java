package earkit.reference.domain.expression;

import static earkit.reference.domain.expression.Av.item;
import static earkit.reference.domain.expression.Av.l;
import static earkit.reference.domain.expression.Av.m;
import static earkit.reference.domain.expression.Av.n;
import static earkit.reference.domain.expression.Av.names;
import static earkit.reference.domain.expression.Av.s;
import static earkit.reference.domain.expression.Av.ss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.reference.domain.DomainException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Properties over generated input: any text is parsed or refused as a ValidationException, never a crash, and number arithmetic and negation stay consistent. */
class ExpressionPropertiesTest {
    private static final Map<String, String> NAMES = names("#a", "a", "#b", "b");
    private static final Map<String, AttributeValue> VALUES =
            item(":x", n("1"), ":y", s("y"), ":l", l(n("1")), ":s", ss("a"));
    private static final Map<String, AttributeValue> ITEM =
            item("a", n("5"), "b", m("c", l(n("1"), s("x"))), "d", ss("a", "b"));

    /** Fragments of the expression language, glued at random: most results are nonsense the parser must refuse cleanly. */
    @Provide
    Arbitrary<String> expressionSoup() {
        return Arbitraries.of("a", "b", "#a", "#b", "#zz", ":x", ":y", ":l", ":s", ":q", ".", "[", "]", "0", "12",
                "(", ")", ",", "=", "<>", "<", "<=", ">", ">=", "+", "-", "AND", "OR", "NOT", "BETWEEN", "IN",
                "SET", "REMOVE", "ADD", "DELETE", "size", "attribute_exists", "attribute_type", "begins_with",
                "contains", "if_not_exists", "list_append", "status", "$", " ")
                .list().ofMinSize(0).ofMaxSize(14).map(parts -> String.join(" ", parts));
    }

    @Property(tries = 3000)
    void anyTextIsParsedOrRefusedAsValidationError(@ForAll("expressionSoup") String text) {
        everyParser(text).forEach(this::parsesOrRefuses);
    }

    private List<Runnable> everyParser(String text) {
        return List.of(
                () -> Expressions.condition("ConditionExpression", text, NAMES, VALUES).test(ITEM),
                () -> Expressions.keyCondition(text, NAMES, VALUES, "a", "b").rangeMatches(n("1")),
                () -> Expressions.update(text, NAMES, VALUES).apply(ITEM),
                () -> Expressions.projection(text, NAMES).apply(ITEM));
    }

    private void parsesOrRefuses(Runnable parse) {
        try {
            parse.run();
        } catch (DomainException e) {
            assertEquals("ValidationException", e.code());
            assertTrue(!e.getMessage().isBlank());
        }
    }

    @Provide
    Arbitrary<BigDecimal> numbers() {
        return Arbitraries.bigDecimals().between(new BigDecimal("-1E+20"), new BigDecimal("1E+20")).ofScale(10);
    }

    @Property(tries = 500)
    void numbersOrderAndEqualByValue(@ForAll("numbers") BigDecimal x, @ForAll("numbers") BigDecimal y) {
        AttributeValue a = n(x.toPlainString());
        AttributeValue b = n(y.toPlainString());
        assertEquals(Integer.signum(x.compareTo(y)), Integer.signum(AttributeValues.compare(a, b)));
        assertEquals(x.compareTo(y) == 0, AttributeValues.equal(a, b));
        assertTrue(AttributeValues.equal(a, n(x.stripTrailingZeros().toString())));
    }

    @Property(tries = 500)
    void addingThenSubtractingRestoresTheNumber(@ForAll("numbers") BigDecimal start, @ForAll("numbers") BigDecimal d) {
        Map<String, AttributeValue> values = item(":d", n(d.toPlainString()));
        Map<String, AttributeValue> item = item("a", n(start.toPlainString()));
        Map<String, AttributeValue> added = Expressions.update("ADD a :d", null, values).apply(item);
        Map<String, AttributeValue> back = Expressions.update("SET a = a - :d", null, values).apply(added);
        assertTrue(AttributeValues.equal(item.get("a"), back.get("a")));
        assertEquals(0, new BigDecimal(added.get("a").n()).compareTo(start.add(d)));
    }

    @Property(tries = 300)
    void conditionAndItsNegationNeverAgree(@ForAll("comparisons") String comparison) {
        Consumer<Map<String, AttributeValue>> check = item -> {
            boolean plain = Expressions.condition("FilterExpression", comparison, NAMES, VALUES).test(item);
            boolean negated = Expressions.condition("FilterExpression", "NOT (" + comparison + ")", NAMES, VALUES)
                    .test(item);
            assertTrue(plain != negated);
        };
        check.accept(ITEM);
        check.accept(Map.of());
    }

    @Provide
    Arbitrary<String> comparisons() {
        Arbitrary<String> operand = Arbitraries.of("a", "#b.c[0]", "d", "absent", ":x", ":y", "size(d)");
        Arbitrary<String> operator = Arbitraries.of("=", "<>", "<", "<=", ">", ">=");
        return Combinators.combine(operand, operator, operand).as((l, o, r) -> l + " " + o + " " + r)
                .filter(c -> !c.startsWith("a ") || !c.endsWith(" a"))
                .filter(c -> !c.startsWith("d ") || !c.endsWith(" d"))
                .filter(c -> !c.startsWith("absent ") || !c.endsWith(" absent"))
                .filter(c -> !c.startsWith("#b.c[0] ") || !c.endsWith(" #b.c[0]"));
    }
}

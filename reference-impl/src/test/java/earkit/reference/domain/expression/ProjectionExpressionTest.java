package earkit.reference.domain.expression;

import static earkit.reference.domain.expression.Av.assertValidation;
import static earkit.reference.domain.expression.Av.item;
import static earkit.reference.domain.expression.Av.l;
import static earkit.reference.domain.expression.Av.m;
import static earkit.reference.domain.expression.Av.n;
import static earkit.reference.domain.expression.Av.names;
import static earkit.reference.domain.expression.Av.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** ProjectionExpression: which attributes and nested paths an answer keeps, in which shape, and which projections are refused. */
class ProjectionExpressionTest {
    private static final Map<String, AttributeValue> ITEM = item(
            "id", s("k"),
            "name", s("n"),
            "a", m("b", m("c", n("1"), "d", n("2")), "e", s("x")),
            "arr", l(s("p"), s("q"), m("r", s("s"), "t", s("u"))));

    private static Map<String, AttributeValue> project(String expr) {
        return Expressions.projection(expr, names("#n", "name", "#b", "b")).apply(ITEM);
    }

    @Test
    void topLevelAttributes() {
        assertEquals(item("id", s("k"), "name", s("n")), project("id, #n"));
        assertEquals(item("id", s("k")), project("id, absent"));
        assertEquals(item(), project("absent"));
    }

    @Test
    void nestedPathsKeepTheirPlace() {
        assertEquals(item("a", m("b", m("c", n("1")))), project("a.#b.c"));
        assertEquals(item("a", m("b", m("d", n("2")), "e", s("x"))), project("a.e, a.#b.d"));
        assertEquals(item(), project("a.nope"));
        assertEquals(item(), project("id.nope"));
    }

    @Test
    void listElementsKeepTheirOrderButCompact() {
        assertEquals(item("arr", l(s("q"))), project("arr[1]"));
        assertEquals(item("arr", l(s("p"), s("q"))), project("arr[1], arr[0]"));
        assertEquals(item("arr", l(m("t", s("u")))), project("arr[2].t"));
        assertEquals(item(), project("arr[9]"));
        assertEquals(item(), project("a[0]"));
    }

    @Test
    void usedNames() {
        Projection p = Expressions.projection("#n, a.#b", names("#n", "name", "#b", "b"));
        assertEquals(Set.of("#n", "#b"), p.usedNames());
        assertEquals(Set.of(), p.usedValues());
        assertEquals(Set.of("a"), p.nestedAttributes());
    }

    @Test
    void errors() {
        assertValidation("Invalid ProjectionExpression: Syntax error; token: \"-\", near: \"customer-id\"",
                () -> Expressions.projection("customer-id", null));
        assertValidation("Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"",
                () -> Expressions.projection("a,", null));
        assertValidation("Invalid ProjectionExpression: Syntax error; token: \":v\", near: \":v\"",
                () -> Expressions.projection(":v", null));
        assertValidation("Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name",
                () -> Expressions.projection("id, name", null));
        assertValidation("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or"
                + " rewrite one of these paths; path one: [a, b], path two: [a]",
                () -> Expressions.projection("a.b, a", null));
        assertValidation("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or"
                + " rewrite one of these paths; path one: [a], path two: [a]",
                () -> Expressions.projection("a, a", null));
        assertValidation("Invalid ProjectionExpression: Two document paths conflict with each other; must remove or"
                + " rewrite one of these paths; path one: [a, [0]], path two: [a, b]",
                () -> Expressions.projection("a[0], a.b", null));
    }
}

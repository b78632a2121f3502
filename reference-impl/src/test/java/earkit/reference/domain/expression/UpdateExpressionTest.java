package earkit.reference.domain.expression;

import static earkit.reference.domain.expression.Av.assertValidation;
import static earkit.reference.domain.expression.Av.b;
import static earkit.reference.domain.expression.Av.bool;
import static earkit.reference.domain.expression.Av.bs;
import static earkit.reference.domain.expression.Av.item;
import static earkit.reference.domain.expression.Av.l;
import static earkit.reference.domain.expression.Av.m;
import static earkit.reference.domain.expression.Av.n;
import static earkit.reference.domain.expression.Av.names;
import static earkit.reference.domain.expression.Av.ns;
import static earkit.reference.domain.expression.Av.s;
import static earkit.reference.domain.expression.Av.ss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** UpdateExpression: SET, REMOVE, ADD and DELETE as DynamoDB applies them, including exact 38-digit arithmetic, without altering the input item. */
class UpdateExpressionTest {
    private static final Map<String, AttributeValue> ITEM = item(
            "id", s("k"),
            "count", n("10"),
            "title", s("t"),
            "tags", ss("a", "b"),
            "nums", ns("1", "2"),
            "bins", bs(b(1), b(2)),
            "arr", l(s("x"), s("y"), s("z")),
            "doc", m("nest", m("v", n("1")), "arr", l(n("1"), m("k", s("v")))));

    private static Map<String, AttributeValue> apply(String expr, Object... valueKeysAndValues) {
        return Expressions.update(expr, names("#c", "count"), item(valueKeysAndValues)).apply(ITEM);
    }

    private static Map<String, AttributeValue> applyTo(Map<String, AttributeValue> item, String expr,
            Object... valueKeysAndValues) {
        return Expressions.update(expr, null, item(valueKeysAndValues)).apply(item);
    }

    @Test
    void setWritesTopLevelAndNestedAttributes() {
        Map<String, AttributeValue> out = apply("SET title = :t, doc.nest.w = :w, doc.arr[1].k = :k",
                ":t", s("new"), ":w", n("2"), ":k", s("changed"));
        assertEquals(s("new"), out.get("title"));
        assertEquals(m("v", n("1"), "w", n("2")), out.get("doc").m().get("nest"));
        assertEquals(s("changed"), out.get("doc").m().get("arr").l().get(1).m().get("k"));
        assertEquals(ITEM.get("tags"), out.get("tags"));
    }

    @Test
    void inputItemIsUntouched() {
        Map<String, AttributeValue> copy = Map.copyOf(ITEM);
        apply("SET doc.nest.v = :v REMOVE arr[0] ADD tags :t", ":v", n("9"), ":t", ss("c"));
        assertEquals(copy, ITEM);
    }

    @Test
    void setCreatesAnItemFromNothing() {
        Map<String, AttributeValue> out = Expressions.update("SET a = :a, b = :b", null,
                item(":a", n("1"), ":b", l())).apply(null);
        assertEquals(item("a", n("1"), "b", l()), out);
    }

    @Test
    void setListElementReplacesOrAppendsPastTheEnd() {
        assertEquals(l(s("x"), s("Y"), s("z")), apply("SET arr[1] = :v", ":v", s("Y")).get("arr"));
        assertEquals(l(s("x"), s("y"), s("z"), s("end")), apply("SET arr[10] = :v", ":v", s("end")).get("arr"));
    }

    @Test
    void setArithmetic() {
        assertEquals(n("15"), apply("SET #c = #c + :d", ":d", n("5")).get("count"));
        assertEquals(n("7.5"), apply("SET #c = #c - :d", ":d", n("2.5")).get("count"));
        assertEquals(n("-3"), apply("SET x = :a - :b", ":a", n("1"), ":b", n("4")).get("x"));
        assertEquals(n("20"), apply("SET x = #c + #c").get("x"));
        assertEquals(n("0"), apply("SET #c = #c - :d", ":d", n("10.000")).get("count"));
        assertEquals(n("11"), apply("SET doc.nest.v = doc.nest.v + :d", ":d", n("10")).get("doc").m()
                .get("nest").m().get("v"));
    }

    @Test
    void arithmeticKeepsThirtyEightDigitsExactly() {
        String big = "9999999999999999999999999999999999999";
        assertEquals(n("10000000000000000000000000000000000000"),
                applyTo(item("a", n(big)), "SET a = a + :one", ":one", n("1")).get("a"));
        assertEquals(n("0.00000000000000000000000000000000000001"),
                applyTo(item("a", n("0.00000000000000000000000000000000000002")), "SET a = a - :d", ":d",
                        n("0.00000000000000000000000000000000000001")).get("a"));
        assertValidation("Attempting to store more than 38 significant digits in a Number",
                () -> applyTo(item("a", n("1E+20")), "SET a = a + :d", ":d", n("0.0000000000000000001")));
        assertValidation("Number overflow. Attempting to store a number with magnitude larger than supported range",
                () -> applyTo(item("a", n("9.9999999999999999999999999999999999999E+125")), "SET a = a + :d", ":d",
                        n("1E+125")));
    }

    @Test
    void arithmeticNeedsNumbersThatExist() {
        assertValidation("An operand in the update expression has an incorrect data type",
                () -> apply("SET x = title + :d", ":d", n("1")));
        assertValidation("The provided expression refers to an attribute that does not exist in the item",
                () -> apply("SET x = absent + :d", ":d", n("1")));
        assertValidation("The provided expression refers to an attribute that does not exist in the item",
                () -> apply("SET x = doc.nope"));
        assertValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or"
                + " function: +, operand type: S", () -> apply("SET x = #c + :s", ":s", s("1")));
    }

    @Test
    void ifNotExists() {
        assertEquals(n("10"), apply("SET #c = if_not_exists(#c, :zero)", ":zero", n("0")).get("count"));
        assertEquals(n("0"), apply("SET fresh = if_not_exists(fresh, :zero)", ":zero", n("0")).get("fresh"));
        assertEquals(n("1"), apply("SET fresh = if_not_exists(fresh, :zero) + :one", ":zero", n("0"), ":one",
                n("1")).get("fresh"));
        assertEquals(n("11"), apply("SET #c = if_not_exists(#c, :zero) + :one", ":zero", n("0"), ":one",
                n("1")).get("count"));
        assertEquals(s("t"), apply("SET cp = if_not_exists(absent, title)").get("cp"));
    }

    @Test
    void listAppend() {
        assertEquals(l(s("x"), s("y"), s("z"), s("w")), apply("SET arr = list_append(arr, :v)", ":v",
                l(s("w"))).get("arr"));
        assertEquals(l(s("w"), s("x"), s("y"), s("z")), apply("SET arr = list_append(:v, arr)", ":v",
                l(s("w"))).get("arr"));
        assertEquals(l(s("w")), apply("SET fresh = list_append(if_not_exists(fresh, :empty), :v)", ":empty", l(),
                ":v", l(s("w"))).get("fresh"));
        assertValidation("An operand in the update expression has an incorrect data type",
                () -> apply("SET x = list_append(title, :v)", ":v", l()));
        assertValidation("The provided expression refers to an attribute that does not exist in the item",
                () -> apply("SET x = list_append(absent, :v)", ":v", l()));
        assertValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or"
                + " function: list_append, operand type: S", () -> apply("SET x = list_append(arr, :v)", ":v",
                s("no")));
    }

    @Test
    void setValuesAreComputedFromTheOriginalItem() {
        Map<String, AttributeValue> out = applyTo(item("a", n("1"), "b", n("2")), "SET a = b, b = a");
        assertEquals(n("2"), out.get("a"));
        assertEquals(n("1"), out.get("b"));
    }

    @Test
    void setOnAMissingParentFails() {
        assertValidation("The document path provided in the update expression is invalid for update",
                () -> apply("SET absent.x = :v", ":v", n("1")));
        assertValidation("The document path provided in the update expression is invalid for update",
                () -> apply("SET title.x = :v", ":v", n("1")));
        assertValidation("The document path provided in the update expression is invalid for update",
                () -> apply("SET title[0] = :v", ":v", n("1")));
        assertValidation("The document path provided in the update expression is invalid for update",
                () -> apply("SET arr[5].x = :v", ":v", n("1")));
    }

    @Test
    void removeAttributesAndListElements() {
        Map<String, AttributeValue> out = apply("REMOVE title, doc.nest.v, arr[0], arr[2], absent");
        assertFalse(out.containsKey("title"));
        assertEquals(m(), out.get("doc").m().get("nest"));
        assertEquals(l(s("y")), out.get("arr"));
        assertEquals(l(s("x"), s("y"), s("z")), apply("REMOVE arr[7]").get("arr"));
        assertEquals(l(n("1")), apply("REMOVE doc.arr[1]").get("doc").m().get("arr"));
    }

    @Test
    void addNumbersAndSets() {
        assertEquals(n("13"), apply("ADD #c :n", ":n", n("3")).get("count"));
        assertEquals(n("3"), apply("ADD fresh :n", ":n", n("3")).get("fresh"));
        assertEquals(Set.of("a", "b", "c"), new HashSet<>(apply("ADD tags :t", ":t", ss("b", "c")).get("tags").ss()));
        assertEquals(2 + 1, apply("ADD nums :t", ":t", ns("2.0", "3")).get("nums").ns().size());
        assertEquals(3, apply("ADD bins :t", ":t", bs(b(2), b(3))).get("bins").bs().size());
        assertEquals(ss("q"), apply("ADD fresh :t", ":t", ss("q")).get("fresh"));
        assertEquals(n("2"), apply("ADD doc.nest.v :n", ":n", n("1")).get("doc").m().get("nest").m().get("v"));
        assertValidation("An operand in the update expression has an incorrect data type",
                () -> apply("ADD title :n", ":n", n("1")));
        assertValidation("An operand in the update expression has an incorrect data type",
                () -> apply("ADD tags :n", ":n", ns("1")));
        assertValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD,"
                + " operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND", () -> apply("ADD title :s", ":s", s("x")));
        assertValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD,"
                + " operand type: LIST, typeSet: ALLOWED_FOR_ADD_OPERAND", () -> apply("ADD arr :l", ":l", l()));
    }

    @Test
    void deleteFromSets() {
        assertEquals(ss("a"), apply("DELETE tags :t", ":t", ss("b", "zz")).get("tags"));
        assertEquals(ns("2"), apply("DELETE nums :t", ":t", ns("1.0")).get("nums"));
        assertEquals(bs(b(2)), apply("DELETE bins :t", ":t", bs(b(1))).get("bins"));
        assertFalse(apply("DELETE tags :t", ":t", ss("a", "b")).containsKey("tags"));
        assertFalse(apply("DELETE absent :t", ":t", ss("a")).containsKey("absent"));
        assertValidation("An operand in the update expression has an incorrect data type",
                () -> apply("DELETE tags :t", ":t", ns("1")));
        assertValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator:"
                + " DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND",
                () -> apply("DELETE nums :n", ":n", n("1")));
    }

    @Test
    void allClausesTogetherInAnyOrderAndCase() {
        Map<String, AttributeValue> out = apply("remove title add #c :one delete tags :a set x = :x",
                ":one", n("1"), ":a", ss("a"), ":x", bool(true));
        assertFalse(out.containsKey("title"));
        assertEquals(n("11"), out.get("count"));
        assertEquals(ss("b"), out.get("tags"));
        assertEquals(bool(true), out.get("x"));
    }

    @Test
    void eachClauseAtMostOnce() {
        assertValidation("Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;",
                () -> apply("SET a = :v REMOVE b SET c = :v", ":v", n("1")));
        assertValidation("Invalid UpdateExpression: The \"REMOVE\" section can only be used once in an update"
                + " expression;", () -> apply("REMOVE a remove b"));
    }

    @Test
    void overlappingOrConflictingPathsAreRefused() {
        assertValidation("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite"
                + " one of these paths; path one: [a], path two: [a, b]",
                () -> apply("SET a = :v REMOVE a.b", ":v", n("1")));
        assertValidation("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite"
                + " one of these paths; path one: [count], path two: [count]",
                () -> apply("SET #c = :v ADD #c :v", ":v", n("1")));
        assertValidation("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite"
                + " one of these paths; path one: [arr, [1]], path two: [arr, [1]]",
                () -> apply("REMOVE arr[1], arr[1]"));
        assertValidation("Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite"
                + " one of these paths; path one: [a, b], path two: [a, [0]]",
                () -> apply("SET a.b = :v, a[0] = :v", ":v", n("1")));
        Map<String, AttributeValue> ok = apply("SET doc.nest.v = :v, doc.arr[0] = :v, arr[0] = :v REMOVE arr[1]",
                ":v", n("5"));
        assertEquals(l(n("5"), s("z")), ok.get("arr"));
    }

    @Test
    void overlapsRankBeforeConflictsAndFunctionErrors() {
        assertValidation("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite"
                + " one of these paths; path one: [c, [1], a], path two: [c]",
                () -> apply("SET d[1] = :v, d.b = :v, c[1].a = :v, c = if_not_exists(a)", ":v", n("1")));
        assertValidation("Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite"
                + " one of these paths; path one: [a, c], path two: [a, [1]]", () -> apply("REMOVE a.c SET a[1] = d"));
    }

    @Test
    void problemsAreRankedLikeDynamoDb() {
        assertValidation("Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: abort",
                () -> apply("SET x = nope(:u) SET abort = :u"));
        assertValidation("Invalid UpdateExpression: Invalid function name; function: nope",
                () -> apply("SET x = nope(:u) SET y = :u"));
        assertValidation("Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;",
                () -> apply("SET x = #nope SET y = :u"));
        assertValidation("Invalid UpdateExpression: An expression attribute name used in the document path is not"
                + " defined; attribute name: #nope", () -> apply("SET x = :nope, y = #nope"));
        assertValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD,"
                + " operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND",
                () -> apply("SET b = list_append(:s, a), c = if_not_exists(a) ADD e :s", ":s", s("x")));
    }

    @Test
    void valuesMayBeParenthesisedOnce() {
        assertEquals(n("15"), apply("SET x = (#c + :d)", ":d", n("5")).get("x"));
        assertEquals(n("15"), apply("SET x = ((#c)+(:d))", ":d", n("5")).get("x"));
        assertEquals(n("5"), apply("SET x = (#c) - :d", ":d", n("5")).get("x"));
        assertEquals(n("10"), apply("SET x = ((#c))").get("x"));
        assertEquals(l(s("x"), s("y"), s("z")), apply("SET x = list_append((arr), :e)", ":e", l()).get("x"));
    }

    @Test
    void removeAddAndDeleteNeedTheStepsBeforeTheLast() {
        for (String expr : new String[] {"REMOVE absent.a", "REMOVE title.a", "REMOVE doc[1]", "REMOVE arr.x",
                "REMOVE arr[7].x", "ADD absent.a :n", "ADD title[0] :n", "DELETE absent.a :s", "DELETE arr.x :s"}) {
            assertValidation("The document path provided in the update expression is invalid for update",
                    () -> apply(expr, ":n", n("1"), ":s", ss("a")));
        }
        assertEquals(ITEM.get("doc"), apply("DELETE doc.nope :s", ":s", ss("a")).get("doc"));
        assertEquals(ITEM.get("doc"), apply("REMOVE doc.nope").get("doc"));
    }

    @Test
    void readingAPathThatIsWrittenIsNotAnOverlap() {
        assertEquals(n("20"), apply("SET #c = #c + #c").get("count"));
    }

    @Test
    void syntaxAndFunctionErrors() {
        assertValidation("Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"SET\"",
                () -> apply("SET"));
        assertValidation("Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"= \"",
                () -> apply("SET a = "));
        assertValidation("Invalid UpdateExpression: Syntax error; token: \"0\", near: \", 0)\"",
                () -> apply("SET a = list_append(b, 0)"));
        assertValidation("Invalid UpdateExpression: Syntax error; token: \"PUT\", near: \"PUT a\"",
                () -> apply("PUT a = :v", ":v", n("1")));
        assertValidation("Invalid UpdateExpression: Syntax error; token: \"+\", near: \":b + :c\"",
                () -> apply("SET a = :a + :b + :c", ":a", n("1"), ":b", n("1"), ":c", n("1")));
        assertValidation("Invalid UpdateExpression: Syntax error; token: \"b\", near: \"a b\"",
                () -> apply("ADD a b"));
        assertValidation("Invalid UpdateExpression: Syntax error; token: \"(\", near: \"((b\"",
                () -> apply("SET a = :a + ((b))", ":a", n("1")));
        assertValidation("Invalid UpdateExpression: Syntax error; token: \".\", near: \"). d\"",
                () -> apply("SET a = (b.c). d + :a", ":a", n("1")));
        assertValidation("Invalid UpdateExpression: Syntax error; token: \"REMOVE\", near: \", REMOVE b\"",
                () -> apply("SET a = :a, REMOVE b", ":a", n("1")));
        assertValidation("Invalid UpdateExpression: The function is not allowed in an update expression; function:"
                + " size", () -> apply("SET a = size(title)"));
        assertValidation("Invalid UpdateExpression: Invalid function name; function: concat",
                () -> apply("SET a = concat(title, title)"));
        assertValidation("Invalid UpdateExpression: Operator or function requires a document path; operator or"
                + " function: if_not_exists", () -> apply("SET a = if_not_exists(:a, :a)", ":a", n("1")));
        assertValidation("Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or"
                + " function: list_append, number of operands: 3", () -> apply("SET a = list_append(arr, arr, arr)"));
        assertValidation("Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: count",
                () -> apply("SET count = :a", ":a", n("1")));
    }

    @Test
    void reportsTheTopLevelAttributesItWrites() {
        Update u = Expressions.update("SET a.b = :v, c = d REMOVE e[1] ADD f :v DELETE #g :s",
                names("#g", "g"), item(":v", n("1"), ":s", ss("x")));
        assertEquals(List.of("a", "c", "e", "f", "g"), List.copyOf(u.topLevelAttributes()));
        assertEquals(Set.of("#g"), u.usedNames());
        assertEquals(Set.of(":v", ":s"), u.usedValues());
        assertEquals(Set.of("a", "e"), u.nestedAttributes());
        assertTrue(u.topLevelAttributes().stream().noneMatch("d"::equals));
    }
}

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
import static earkit.reference.domain.expression.Av.nul;
import static earkit.reference.domain.expression.Av.s;
import static earkit.reference.domain.expression.Av.ss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** ConditionExpression semantics: comparators, functions, paths and missing attributes evaluate as DynamoDB evaluates them. */
class ConditionExpressionTest {
    private static final Map<String, AttributeValue> ITEM = item(
            "id", s("item-1"),
            "price", n("25"),
            "name", s("Widget"),
            "bin", b(1, 2, 3),
            "tags", ss("red", "blue"),
            "sizes", ns("1", "2.5"),
            "chunks", bs(b(1), b(2)),
            "active", bool(true),
            "nothing", nul(),
            "arr", l(s("a"), n("1"), l(s("deep"))),
            "info", m("dims", m("w", n("3"), "h", n("4")), "label", s("L")));

    private static boolean test(String expr, Map<String, AttributeValue> values) {
        return Expressions.condition("ConditionExpression", expr, null, values).test(ITEM);
    }

    private static boolean test(String expr, Object... valueKeysAndValues) {
        return test(expr, item(valueKeysAndValues));
    }

    @ParameterizedTest
    @CsvSource({
            "price = :v, 25, true", "price = :v, 25.0, true", "price = :v, 26, false",
            "price <> :v, 26, true", "price <> :v, 25, false",
            "price < :v, 26, true", "price < :v, 25, false", "price <= :v, 25, true",
            "price > :v, 24, true", "price > :v, 25, false", "price >= :v, 25, true", "price >= :v, 100, false",
            ":v < price, 3, true", ":v > price, 3, false"})
    void numberComparators(String expr, String number, boolean expected) {
        assertEquals(expected, test(expr, ":v", n(number)));
    }

    @Test
    void stringAndBinaryComparators() {
        assertTrue(Expressions.condition("ConditionExpression", "#n < :v", names("#n", "name"), item(":v", s("Widgets")))
                .test(ITEM));
        assertFalse(Expressions.condition("ConditionExpression", "#n < :v", names("#n", "name"), item(":v", s("A")))
                .test(ITEM));
        assertTrue(test("bin < :v", ":v", b(1, 2, 4)));
        assertTrue(test("bin >= :v", ":v", b(1, 2, 3)));
    }

    @Test
    void comparisonsAcrossTypesAreFalseExceptNotEqual() {
        assertFalse(test("price = :v", ":v", s("25")));
        assertFalse(test("price < :v", ":v", s("30")));
        assertTrue(test("price <> :v", ":v", s("25")));
    }

    @Test
    void missingAttributesCompareFalseButAreNotEqual() {
        assertFalse(test("absent = :v", ":v", n("1")));
        assertFalse(test("absent < :v", ":v", n("1")));
        assertTrue(test("absent <> :v", ":v", n("1")));
        assertFalse(test("info.nope = :v", ":v", n("1")));
        assertFalse(test("arr[9] = :v", ":v", n("1")));
    }

    @Test
    void equalityOfDocumentsAndSets() {
        assertTrue(test("tags = :v", ":v", ss("blue", "red")));
        assertTrue(test("sizes = :v", ":v", ns("2.50", "1")));
        assertTrue(test("info.dims = :v", ":v", m("h", n("4"), "w", n("3"))));
        assertTrue(test("arr = :v", ":v", l(s("a"), n("1"), l(s("deep")))));
        assertTrue(test("active = :v", ":v", bool(true)));
        assertTrue(test("nothing = :v", ":v", nul()));
        assertFalse(test("price = id"));
        assertTrue(test(":v = :v", ":v", n("1")));
    }

    @Test
    void nestedPathsAndListIndexes() {
        assertTrue(test("info.dims.w = :v", ":v", n("3")));
        assertTrue(test("info.label = :v", ":v", s("L")));
        assertTrue(test("arr[0] = :v", ":v", s("a")));
        assertTrue(test("arr[2][0] = :v", ":v", s("deep")));
        assertFalse(test("arr.x = :v", ":v", s("a")));
        assertFalse(test("info[0] = :v", ":v", s("a")));
        Map<String, String> names = names("#i", "info", "#d", "dims", "#dotted", "a.b");
        assertTrue(Expressions.condition("FilterExpression", "#i.#d.h = :v", names, item(":v", n("4")))
                .test(ITEM));
        Map<String, AttributeValue> withDottedName = item("a.b", n("7"), "a", m("b", n("8")));
        assertTrue(Expressions.condition("FilterExpression", "#dotted = :v", names("#dotted", "a.b"),
                item(":v", n("7"))).test(withDottedName));
        assertTrue(Expressions.condition("FilterExpression", "a.b = :v", null, item(":v", n("8")))
                .test(withDottedName));
    }

    @Test
    void between() {
        assertTrue(test("price BETWEEN :lo AND :hi", ":lo", n("25"), ":hi", n("30")));
        assertTrue(test("price between :lo and :hi", ":lo", n("20"), ":hi", n("25")));
        assertFalse(test("price BETWEEN :lo AND :hi", ":lo", n("26"), ":hi", n("30")));
        assertTrue(test("id BETWEEN :lo AND :hi", ":lo", s("item"), ":hi", s("item-2")));
        assertFalse(test("id BETWEEN :lo AND :hi", ":lo", n("1"), ":hi", n("2")));
        assertFalse(test("absent BETWEEN :lo AND :hi", ":lo", n("1"), ":hi", n("2")));
    }

    @Test
    void in() {
        assertTrue(test("price IN (:a, :b)", ":a", n("1"), ":b", n("25")));
        assertTrue(test("price in (:a)", ":a", n("25.00")));
        assertFalse(test("price IN (:a, :b)", ":a", n("1"), ":b", s("25")));
        assertTrue(test("tags IN (:a)", ":a", ss("blue", "red")));
        assertFalse(test("absent IN (:a)", ":a", n("1")));
        assertTrue(test("price IN (id, price)"));
    }

    @Test
    void inAcceptsAHundredOperandsButNotMore() {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        List<String> placeholders = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            values.put(":v" + i, n(Integer.toString(i)));
            placeholders.add(":v" + i);
        }
        String hundred = "price IN (" + String.join(", ", placeholders.subList(0, 100)) + ")";
        Map<String, AttributeValue> hundredValues = new LinkedHashMap<>(values);
        hundredValues.remove(":v100");
        assertTrue(test(hundred, hundredValues));
        assertValidation("Invalid ConditionExpression: The IN operator is provided with too many operands;"
                + " number of operands: 101", () -> Expressions.condition("ConditionExpression",
                "price IN (" + String.join(", ", placeholders) + ")", null, values));
    }

    @Test
    void logicalOperatorsFollowPrecedenceNotOverAndOverOr() {
        Map<String, AttributeValue> v = item(":t", bool(true), ":f", bool(false));
        // a OR b AND c == a OR (b AND c)
        assertTrue(test("active = :t OR active = :f AND active = :f", v));
        assertFalse(test("(active = :t OR active = :f) AND active = :f", v));
        // NOT binds tighter than AND
        assertFalse(test("NOT active = :t AND active = :t", v));
        assertTrue(test("NOT (active = :f AND active = :t)", v));
        assertTrue(test("NOT NOT active = :t", v));
        assertTrue(test("not active = :f and (active = :t or active = :f)", v));
        assertTrue(test("((active = :t) AND (active = :t))", v));
    }

    @Test
    void attributeExistsAndNotExists() {
        assertTrue(test("attribute_exists(price)"));
        assertTrue(test("attribute_exists(info.dims.w)"));
        assertTrue(test("attribute_exists(arr[2][0])"));
        assertTrue(test("attribute_exists(nothing)"));
        assertFalse(test("attribute_exists(absent)"));
        assertFalse(test("attribute_exists(arr[3])"));
        assertTrue(test("attribute_not_exists(absent)"));
        assertTrue(test("attribute_not_exists(info.dims.d)"));
        assertFalse(test("attribute_not_exists(id)"));
        assertTrue(Expressions.condition("ConditionExpression", "attribute_not_exists(id)", null, null)
                .test(Map.of()));
        assertTrue(Expressions.condition("ConditionExpression", "attribute_not_exists(id)", null, null).test(null));
    }

    @ParameterizedTest
    @CsvSource({"id, S", "price, N", "bin, B", "tags, SS", "sizes, NS", "chunks, BS", "info, M", "arr, L",
            "nothing, NULL", "active, BOOL"})
    void attributeTypeRecognisesEveryType(String attribute, String type) {
        assertTrue(test("attribute_type(" + attribute + ", :t)", ":t", s(type)));
        String other = type.equals("S") ? "N" : "S";
        assertFalse(test("attribute_type(" + attribute + ", :t)", ":t", s(other)));
    }

    @Test
    void attributeTypeOfMissingIsFalse() {
        assertFalse(test("attribute_type(absent, :t)", ":t", s("S")));
    }

    @Test
    void beginsWith() {
        assertTrue(test("begins_with(id, :p)", ":p", s("item-")));
        assertTrue(test("begins_with(id, :p)", ":p", s("")));
        assertFalse(test("begins_with(id, :p)", ":p", s("xitem")));
        assertTrue(test("begins_with(bin, :p)", ":p", b(1, 2)));
        assertFalse(test("begins_with(bin, :p)", ":p", b(2)));
        assertFalse(test("begins_with(bin, :p)", ":p", b(1, 2, 3, 4)));
        assertFalse(test("begins_with(price, :p)", ":p", s("2")));
        assertFalse(test("begins_with(absent, :p)", ":p", s("x")));
        assertTrue(test("begins_with(info.label, :p)", ":p", s("L")));
    }

    @Test
    void containsOnStringsSetsAndLists() {
        assertTrue(Expressions.condition("FilterExpression", "contains(#n, :v)", names("#n", "name"),
                item(":v", s("dge"))).test(ITEM));
        assertTrue(test("contains(tags, :v)", ":v", s("red")));
        assertFalse(test("contains(tags, :v)", ":v", s("green")));
        assertTrue(test("contains(sizes, :v)", ":v", n("2.50")));
        assertFalse(test("contains(sizes, :v)", ":v", s("1")));
        assertTrue(test("contains(chunks, :v)", ":v", b(2)));
        assertTrue(test("contains(arr, :v)", ":v", n("1.0")));
        assertTrue(test("contains(arr, :v)", ":v", l(s("deep"))));
        assertFalse(test("contains(arr, :v)", ":v", s("deep")));
        assertFalse(test("contains(price, :v)", ":v", n("2")));
        assertFalse(test("contains(absent, :v)", ":v", s("a")));
        assertFalse(test("contains(tags, info.label)"));
        assertTrue(test("contains(info.label, :v)", ":v", s("L")));
    }

    @Test
    void sizeOfEveryMeasurableType() {
        assertTrue(test("size(id) = :v", ":v", n("6")));
        assertTrue(test("size(bin) = :v", ":v", n("3")));
        assertTrue(test("size(tags) = :v", ":v", n("2")));
        assertTrue(test("size(sizes) = :v", ":v", n("2")));
        assertTrue(test("size(chunks) = :v", ":v", n("2")));
        assertTrue(test("size(arr) = :v", ":v", n("3")));
        assertTrue(test("size(info) = :v", ":v", n("2")));
        assertTrue(test("size(info.dims) > :v", ":v", n("1")));
        assertTrue(test("size(arr[2]) BETWEEN :a AND :b", ":a", n("1"), ":b", n("1")));
        assertTrue(test("size(id) IN (:a)", ":a", n("6")));
        assertTrue(test(":v < size(id)", ":v", n("5")));
        assertTrue(test("size(tags) = size(sizes)"));
        assertFalse(test("size(price) = :v", ":v", n("2")));
        assertFalse(test("size(absent) = :v", ":v", n("0")));
        assertTrue(test("size(absent) <> :v", ":v", n("0")));
    }

    @Test
    void sizeOfAStringCountsCharacters() {
        Map<String, AttributeValue> item = item("s", s("h\u00e9llo"));
        assertTrue(Expressions.condition("FilterExpression", "size(s) = :v", null, item(":v", n("5"))).test(item));
    }

    @Test
    void operandsAndPathHeadsMayBeParenthesised() {
        assertTrue(test("(price) = :v", ":v", n("25")));
        assertTrue(test("(price)between(:a)and(:b)", ":a", n("1"), ":b", n("30")));
        assertTrue(test("(price) IN ((:a), :b)", ":a", n("1"), ":b", n("25")));
        assertTrue(test("(info.dims).w = :v", ":v", n("3")));
        assertTrue(test("(arr[2])[0] = :v", ":v", s("deep")));
        assertTrue(test("attribute_exists((price))"));
        assertTrue(test("size((tags)) = :v", ":v", n("2")));
        assertTrue(test("((price) = :v)", ":v", n("25")));
    }

    @Test
    void sizeOfASuppliedValue() {
        assertTrue(test("size(:v) = :n", ":v", s("abc"), ":n", n("3")));
        assertTrue(test("size(:v) < size(arr)", ":v", l(s("x"))));
    }

    @Test
    void keywordsAndFunctionNamesAreMatched() {
        assertTrue(test("attribute_exists(price) AnD NoT attribute_exists(absent)"));
    }

    @Test
    void recordsThePlaceholdersItUses() {
        Condition c = Expressions.condition("ConditionExpression", "#a = :x OR #b.c IN (:y, :x)",
                names("#a", "a", "#b", "b"), item(":x", n("1"), ":y", n("2")));
        assertEquals(Set.of("#a", "#b"), c.usedNames());
        assertEquals(Set.of(":x", ":y"), c.usedValues());
        assertEquals(Set.of("b"), c.nestedAttributes());
    }
}

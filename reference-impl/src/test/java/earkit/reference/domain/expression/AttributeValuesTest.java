package earkit.reference.domain.expression;

import static earkit.reference.domain.expression.Av.b;
import static earkit.reference.domain.expression.Av.bool;
import static earkit.reference.domain.expression.Av.bs;
import static earkit.reference.domain.expression.Av.item;
import static earkit.reference.domain.expression.Av.l;
import static earkit.reference.domain.expression.Av.m;
import static earkit.reference.domain.expression.Av.n;
import static earkit.reference.domain.expression.Av.ns;
import static earkit.reference.domain.expression.Av.nul;
import static earkit.reference.domain.expression.Av.s;
import static earkit.reference.domain.expression.Av.ss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Attribute values as DynamoDB sizes, types and orders them; expressions and key ordering rest on these rules. */
class AttributeValuesTest {

    @Property(tries = 2000, seed = "20261128")
    void aStringsUtf8LengthIsTheLengthOfItsEncoding(@ForAll @StringLength(max = 40) String text,
                                                     @ForAll @IntRange(min = 0, max = 5) int cut) {
        // Cutting a surrogate pair apart leaves lone surrogates, which the encoder writes as '?'.
        String s = "\uD83D\uDE00" + text + "\u00e9\u20ac" + text.substring(0, Math.min(cut, text.length())) + "\uD83D";
        assertEquals(s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, AttributeValues.utf8Length(s), s);
        assertEquals(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, AttributeValues.utf8Length(text), text);
    }

    @Test
    void typeNamesEveryDataType() {
        assertEquals("S", AttributeValues.type(s("x")));
        assertEquals("N", AttributeValues.type(n("1")));
        assertEquals("B", AttributeValues.type(b(1)));
        assertEquals("SS", AttributeValues.type(ss("a")));
        assertEquals("NS", AttributeValues.type(ns("1")));
        assertEquals("BS", AttributeValues.type(bs(b(1))));
        assertEquals("M", AttributeValues.type(m("a", s("x"))));
        assertEquals("L", AttributeValues.type(l(s("x"))));
        assertEquals("NULL", AttributeValues.type(nul()));
        assertEquals("BOOL", AttributeValues.type(bool(true)));
        assertEquals("M", AttributeValues.type(m()));
        assertEquals("L", AttributeValues.type(l()));
    }

    @Test
    void valuesWithoutExactlyOneTypeAreRefused() {
        Av.assertValidation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
                () -> AttributeValues.type(AttributeValue.builder().build()));
        Av.assertValidation("Supplied AttributeValue has more than one datatypes set, must contain only one of the"
                + " supported datatypes", () -> AttributeValues.type(AttributeValue.builder().s("a").n("1").build()));
    }

    @Test
    void numbersCompareByValueNotText() {
        assertTrue(AttributeValues.compare(n("9"), n("10")) < 0);
        assertTrue(AttributeValues.compare(n("-10"), n("-9")) < 0);
        assertEquals(0, AttributeValues.compare(n("1.50"), n("1.5")));
        assertTrue(AttributeValues.compare(n("1E+2"), n("99.99")) > 0);
        assertTrue(AttributeValues.compare(n("0.000000000000000000000000000000000001"), n("0")) > 0);
    }

    @Test
    void stringsCompareByUtf8Bytes() {
        assertTrue(AttributeValues.compare(s("B"), s("a")) < 0);
        assertTrue(AttributeValues.compare(s("a"), s("ab")) < 0);
        // U+FF21 (3 UTF-8 bytes, EF..) sorts after U+1F600 (4 bytes, F0..) in UTF-16 but before it in UTF-8.
        assertTrue(AttributeValues.compare(s("\uFF21"), s("\uD83D\uDE00")) < 0);
    }

    @Test
    void binariesCompareUnsigned() {
        assertTrue(AttributeValues.compare(b(0x01), b(0xFF)) < 0);
        assertTrue(AttributeValues.compare(b(0x7F), b(0x80)) < 0);
        assertTrue(AttributeValues.compare(b(1), b(1, 0)) < 0);
    }

    @Test
    void comparingDifferentTypesIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> AttributeValues.compare(s("1"), n("1")));
        assertThrows(IllegalArgumentException.class, () -> AttributeValues.compare(ss("1"), ss("1")));
    }

    @Test
    void equalityIsByValueAndIgnoresSetOrder() {
        assertTrue(AttributeValues.equal(n("1.0"), n("1")));
        assertTrue(AttributeValues.equal(ss("a", "b"), ss("b", "a")));
        assertTrue(AttributeValues.equal(ns("1", "2.0"), ns("2", "1.00")));
        assertTrue(AttributeValues.equal(bs(b(1), b(2)), bs(b(2), b(1))));
        assertTrue(AttributeValues.equal(m("a", n("1"), "b", l(s("x"))), m("b", l(s("x")), "a", n("1.0"))));
        assertTrue(AttributeValues.equal(nul(), nul()));
        assertFalse(AttributeValues.equal(l(n("1"), n("2")), l(n("2"), n("1"))));
        assertFalse(AttributeValues.equal(s("1"), n("1")));
        assertFalse(AttributeValues.equal(ss("a"), ss("a", "b")));
        assertFalse(AttributeValues.equal(bool(true), bool(false)));
        assertFalse(AttributeValues.equal(m("a", n("1")), m("a", n("1"), "b", n("2"))));
    }

    @Test
    void sizeFollowsTheDocumentedRules() {
        assertEquals(1 + 3, AttributeValues.size(item("a", s("abc"))));
        assertEquals(1 + 4, AttributeValues.size(item("a", s("\u00e9\u00e9"))));
        assertEquals(2 + 3, AttributeValues.size(item("ab", b(1, 2, 3))));
        assertEquals(1 + 1, AttributeValues.size(item("a", bool(true))));
        assertEquals(1 + 1, AttributeValues.size(item("a", nul())));
        // numbers: one byte per two significant digits plus one; leading and trailing zeros are not significant
        assertEquals(1 + 2, AttributeValues.size(item("a", n("12"))));
        assertEquals(1 + 3, AttributeValues.size(item("a", n("123"))));
        assertEquals(1 + 2, AttributeValues.size(item("a", n("1000"))));
        assertEquals(1 + 2, AttributeValues.size(item("a", n("0.001"))));
        assertEquals(1 + 20, AttributeValues.size(item("a", n("12345678901234567890123456789012345678"))));
        assertEquals(1 + 5, AttributeValues.size(item("a", ss("ab", "cde"))));
        assertEquals(1 + 3, AttributeValues.size(item("a", l())));
        assertEquals(1 + 3, AttributeValues.size(item("a", m())));
        assertEquals(1 + 3 + (1 + 2) + (1 + 1), AttributeValues.size(item("a", l(s("xy"), bool(false)))));
        assertEquals(1 + 3 + (1 + 1 + 2), AttributeValues.size(item("a", m("k", s("vv")))));
        assertEquals((1 + 1) + (1 + 2), AttributeValues.size(item("a", s("x"), "b", s("yy"))));
    }
}

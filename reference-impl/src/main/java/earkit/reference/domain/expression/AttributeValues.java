package earkit.reference.domain.expression;

import earkit.reference.domain.DomainException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB's rules for attribute values: type names, ordering, equality and item size. */
public final class AttributeValues {
    private AttributeValues() {
    }

    /** DynamoDB's data type descriptor of a value: S, N, B, SS, NS, BS, M, L, NULL or BOOL. */
    public static String type(AttributeValue v) {
        // The SDK reports no type when several members are set and UNKNOWN when none is.
        AttributeValue.Type t = v == null ? AttributeValue.Type.UNKNOWN_TO_SDK_VERSION : v.type();
        if (t == null) {
            throw DomainException.validation("Supplied AttributeValue has more than one datatypes set,"
                    + " must contain only one of the supported datatypes");
        }
        if (t == AttributeValue.Type.UNKNOWN_TO_SDK_VERSION) {
            throw DomainException.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        return t == AttributeValue.Type.NUL ? "NULL" : t.name();
    }

    /**
     * Orders two scalar values of the same type the way DynamoDB sorts keys: numbers by value, strings by
     * their UTF-8 bytes, binaries by unsigned bytes.
     *
     * @throws IllegalArgumentException if the values are not of one scalar type (callers check types first)
     */
    public static int compare(AttributeValue a, AttributeValue b) {
        String ta = type(a);
        String tb = type(b);
        if (!ta.equals(tb)) {
            throw new IllegalArgumentException("cannot compare " + ta + " with " + tb);
        }
        return switch (ta) {
            case "N" -> number(a.n()).compareTo(number(b.n()));
            case "S" -> Arrays.compareUnsigned(utf8(a.s()), utf8(b.s()));
            case "B" -> Arrays.compareUnsigned(a.b().asByteArrayUnsafe(), b.b().asByteArrayUnsafe());
            default -> throw new IllegalArgumentException("values of type " + ta + " have no order");
        };
    }

    /** DynamoDB equality: same type, numbers by value, sets regardless of order, maps and lists deeply. */
    public static boolean equal(AttributeValue a, AttributeValue b) {
        String ta = type(a);
        if (!ta.equals(type(b))) {
            return false;
        }
        return switch (ta) {
            case "S" -> a.s().equals(b.s());
            case "N" -> number(a.n()).compareTo(number(b.n())) == 0;
            case "B" -> a.b().equals(b.b());
            case "BOOL" -> a.bool().equals(b.bool());
            case "NULL" -> true;
            case "SS" -> new HashSet<>(a.ss()).equals(new HashSet<>(b.ss()));
            case "NS" -> numberSet(a.ns()).equals(numberSet(b.ns()));
            case "BS" -> new HashSet<>(a.bs()).equals(new HashSet<>(b.bs()));
            case "L" -> equalLists(a.l(), b.l());
            case "M" -> equalMaps(a.m(), b.m());
            default -> false;
        };
    }

    /**
     * The size DynamoDB charges for an item: per attribute the UTF-8 length of its name plus the size of
     * its value (strings: UTF-8 bytes; binaries: bytes; numbers: one byte per two significant digits plus
     * one; BOOL and NULL: one byte; sets: sum of elements; lists and maps: 3 bytes plus one byte and the
     * size of each element, map elements counting their names too).
     */
    public static long size(Map<String, AttributeValue> item) {
        long total = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            total += utf8Length(e.getKey()) + valueSize(e.getValue());
        }
        return total;
    }

    static long valueSize(AttributeValue v) {
        return switch (type(v)) {
            case "S" -> utf8Length(v.s());
            case "N" -> numberSize(v.n());
            case "B" -> v.b().asByteArrayUnsafe().length;
            case "BOOL", "NULL" -> 1;
            case "SS" -> v.ss().stream().mapToLong(AttributeValues::utf8Length).sum();
            case "NS" -> v.ns().stream().mapToLong(AttributeValues::numberSize).sum();
            case "BS" -> v.bs().stream().mapToLong(b -> b.asByteArrayUnsafe().length).sum();
            case "L" -> 3 + v.l().stream().mapToLong(e -> 1 + valueSize(e)).sum();
            case "M" -> 3 + v.m().entrySet().stream()
                    .mapToLong(e -> 1 + utf8Length(e.getKey()) + valueSize(e.getValue())).sum();
            default -> 0;
        };
    }

    private static long numberSize(String n) {
        String digits = number(n).unscaledValue().abs().toString();
        String significant = digits.replaceAll("^0+", "").replaceAll("0+$", "");
        return (significant.length() + 1) / 2 + 1;
    }

    static BigDecimal number(String n) {
        return new BigDecimal(n);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code utf8(s).length} without encoding: every write measures its item (a 1 KB string was encoded three
     * times a PutItem). A lone surrogate counts 1, as the encoder writes '?' for it.
     */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n += 1;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static Set<BigDecimal> numberSet(List<String> ns) {
        Set<BigDecimal> set = new HashSet<>();
        for (String n : ns) {
            set.add(number(n).stripTrailingZeros());
        }
        return set;
    }

    private static boolean equalLists(List<AttributeValue> a, List<AttributeValue> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!equal(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalMaps(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, AttributeValue> e : a.entrySet()) {
            if (!equal(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}

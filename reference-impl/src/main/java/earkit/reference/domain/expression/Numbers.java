package earkit.reference.domain.expression;

import earkit.reference.domain.DomainException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB numbers: exact decimals of at most 38 significant digits with a magnitude from 1E-130 to below
 * 1E+126, stored and answered in their canonical form (no exponent, no leading or trailing zeros), as the
 * Developer Guide's "Data types — Number" describes: what a client writes as {@code -0015.789e6} is read
 * back as {@code -15789000}.
 */
public final class Numbers {
    static final int MAX_DIGITS = 38;
    /** Already canonical: the common case (integers, plain decimals) needs no BigDecimal round trip. */
    private static final Pattern CANONICAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?");

    private Numbers() {
    }

    static String add(String a, String b) {
        return checked(new BigDecimal(a).add(new BigDecimal(b)));
    }

    static String subtract(String a, String b) {
        return checked(new BigDecimal(a).subtract(new BigDecimal(b)));
    }

    /**
     * A number as DynamoDB reads it from a request: the refusals in DynamoDB's order (overflow, underflow,
     * then precision) and wording.
     */
    public static BigDecimal parse(String n) {
        BigDecimal d;
        try {
            d = new BigDecimal(n.trim());
        } catch (NumberFormatException e) {
            throw DomainException.validation(n.isEmpty() ? "The parameter cannot be converted to a numeric value"
                    : "The parameter cannot be converted to a numeric value: " + n);
        }
        if (d.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal s = d.stripTrailingZeros();
        int exponent = s.precision() - s.scale() - 1;
        if (exponent > 125) {
            throw overflow();
        }
        if (exponent < -130) {
            throw underflow();
        }
        if (s.precision() > MAX_DIGITS) {
            throw DomainException.validation("Attempting to store more than 38 significant digits in a Number");
        }
        return s;
    }

    /** The canonical text of a valid number, e.g. {@code 1.50E+2} → {@code 150}; refuses an invalid one. */
    public static String canonical(String n) {
        // At most 40 characters: no exponent beyond -40 or +38 is possible, so only the digits need counting.
        if (n.length() <= 40 && CANONICAL.matcher(n).matches() && !"-0".equals(n) && significantDigits(n) <= MAX_DIGITS) {
            return n;
        }
        return parse(n).toPlainString();
    }

    /** The value with every number in it (N, NS, inside M and L) canonical; the same instance if all were. */
    public static AttributeValue canonical(AttributeValue v) {
        if (v.n() != null) {
            String c = canonical(v.n());
            return c.equals(v.n()) ? v : AttributeValue.fromN(c);
        }
        if (v.hasNs()) {
            List<String> out = new ArrayList<>(v.ns().size());
            boolean changed = false;
            for (String n : v.ns()) {
                String c = canonical(n);
                changed |= !c.equals(n);
                out.add(c);
            }
            return changed ? AttributeValue.fromNs(out) : v;
        }
        if (v.hasM()) {
            Map<String, AttributeValue> m = canonical(v.m());
            return m == v.m() ? v : AttributeValue.fromM(m);
        }
        if (v.hasL()) {
            List<AttributeValue> out = new ArrayList<>(v.l().size());
            boolean changed = false;
            for (AttributeValue e : v.l()) {
                AttributeValue c = canonical(e);
                changed |= c != e;
                out.add(c);
            }
            return changed ? AttributeValue.fromL(out) : v;
        }
        return v;
    }

    /** The item with its numbers canonical; the same map if they all were. */
    public static Map<String, AttributeValue> canonical(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = null;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            AttributeValue c = canonical(e.getValue());
            if (c != e.getValue() && out == null) {
                out = new LinkedHashMap<>(item);
            }
            if (out != null) {
                out.put(e.getKey(), c);
            }
        }
        return out == null ? item : out;
    }

    private static int significantDigits(String canonical) {
        int digits = 0;
        boolean leading = true;
        for (int i = 0; i < canonical.length(); i++) {
            char c = canonical.charAt(i);
            if (c >= '1' && c <= '9' || (c == '0' && !leading)) {
                digits++;
                leading = false;
            }
        }
        return digits;
    }

    private static DomainException overflow() {
        return DomainException.validation("Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    private static DomainException underflow() {
        return DomainException.validation("Number underflow. Attempting to store a number with magnitude smaller than supported range");
    }

    private static String checked(BigDecimal result) {
        BigDecimal r = result.stripTrailingZeros();
        if (r.signum() == 0) {
            return "0";
        }
        return canonical(r.toString());
    }
}

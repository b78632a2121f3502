package earkit.reference.domain.expression;

import earkit.reference.domain.DomainException;
import java.math.BigDecimal;

/** DynamoDB number arithmetic: exact decimal results that must fit 38 significant digits and the 1E-130..1E+126 range. */
final class Numbers {
    static final int MAX_DIGITS = 38;
    private static final BigDecimal UPPER_LIMIT = new BigDecimal("1E+126");
    private static final BigDecimal LOWER_LIMIT = new BigDecimal("1E-130");

    private Numbers() {
    }

    static String add(String a, String b) {
        return checked(new BigDecimal(a).add(new BigDecimal(b)));
    }

    static String subtract(String a, String b) {
        return checked(new BigDecimal(a).subtract(new BigDecimal(b)));
    }

    private static String checked(BigDecimal result) {
        BigDecimal r = result.stripTrailingZeros();
        if (r.signum() == 0) {
            return "0";
        }
        if (r.abs().compareTo(UPPER_LIMIT) >= 0) {
            throw DomainException.validation(
                    "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (r.abs().compareTo(LOWER_LIMIT) < 0) {
            throw DomainException.validation(
                    "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        if (r.precision() > MAX_DIGITS) {
            throw DomainException.validation("Attempting to store more than 38 significant digits in a Number");
        }
        return r.toPlainString();
    }
}

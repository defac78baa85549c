package io.mevkit.examples.cli;

import io.mevkit.core.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Token amounts between the smallest unit (wei) and human units with the token's decimals, exactly. */
public final class Amounts {
    private Amounts() {}

    /** {@code raw} smallest units shown with {@code decimals}: {@code 1500000} with 6 is {@code 1.5}. */
    public static String format(BigInteger raw, int decimals) {
        BigDecimal d = new BigDecimal(raw, decimals).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    /**
     * Parses {@code text} as human units with {@code decimals} ({@code 1.5}), or as smallest units when it ends in
     * {@code wei} or {@code raw} is set. It must be exact: no more fractional digits than the token has.
     */
    public static BigInteger parse(String field, String text, int decimals, boolean raw) {
        String t = text.strip();
        boolean wei = raw || t.endsWith("wei");
        if (t.endsWith("wei")) {
            t = t.substring(0, t.length() - 3).strip();
        }
        BigDecimal d;
        try {
            d = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new ValidationException(field, text, "must be a number (human units, or smallest units with 'wei')");
        }
        if (d.signum() <= 0) {
            throw new ValidationException(field, text, "must be positive");
        }
        BigDecimal units = wei ? d : d.movePointRight(decimals);
        try {
            return units.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new ValidationException(
                    field,
                    text,
                    wei ? "must be a whole number of smallest units" : "has more than " + decimals + " decimals");
        }
    }
}

package io.mevkit.core.sandwich;

import io.mevkit.core.Checks;
import java.math.BigInteger;

/**
 * An exact price as a fraction: {@code numerator / denominator} wei of the native coin per one smallest unit of a
 * token. Used to value a profit made in a token other than the wrapped native one; no floating point is involved.
 * Immutable and thread-safe.
 */
public record ExactPrice(BigInteger numerator, BigInteger denominator) {
    public ExactPrice {
        Checks.requireNonNegative("price.numerator", numerator);
        Checks.requirePositive("price.denominator", denominator);
    }

    /** {@code amount} of the token in wei, rounded down (what a gain is surely worth). */
    public BigInteger toWeiFloor(BigInteger amount) {
        return amount.multiply(numerator).divide(denominator);
    }

    /**
     * The least amount of the token worth at least {@code wei}, rounded up (what a cost surely takes). Requires a
     * positive numerator.
     */
    public BigInteger tokensCovering(BigInteger wei) {
        Checks.requirePositive("price.numerator", numerator);
        BigInteger[] qr = wei.multiply(denominator).divideAndRemainder(numerator);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }
}

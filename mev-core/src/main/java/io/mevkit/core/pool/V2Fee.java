package io.mevkit.core.pool;

import io.mevkit.core.ValidationException;

/**
 * A V2 fork's swap fee as the fraction of the input that stays after the fee: {@code numerator / denominator}
 * (Uniswap V2: 997/1000). Immutable.
 */
public record V2Fee(int numerator, int denominator) {
    /** Uniswap V2's 0.3%. */
    public static final V2Fee UNISWAP_V2 = new V2Fee(997, 1000);

    public V2Fee {
        if (denominator < 1) {
            throw new ValidationException("denominator", denominator, "must be >= 1");
        }
        if (numerator < 1 || numerator > denominator) {
            throw new ValidationException("numerator", numerator, "must be 1.." + denominator);
        }
    }
}

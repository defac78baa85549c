package io.mevkit.core.amm;

import io.mevkit.core.ValidationException;

/**
 * The swap fee of a Uniswap V2-style pair as the fraction of the input that trades: {@code numerator / denominator}
 * (Uniswap V2 and SushiSwap 997/1000, PancakeSwap V2 9975/10000). {@code getAmountOut} multiplies the input by the
 * numerator and the reserve by the denominator, so forks with other constants are modelled exactly by passing theirs.
 * Immutable and thread-safe.
 */
public record V2Fee(long numerator, long denominator) {
    /** Uniswap V2 (and SushiSwap): 0.3 %. */
    public static final V2Fee UNISWAP = new V2Fee(997, 1000);
    /** SushiSwap: the same constants as Uniswap V2. */
    public static final V2Fee SUSHISWAP = UNISWAP;
    /** PancakeSwap V2: 0.25 %. */
    public static final V2Fee PANCAKESWAP = new V2Fee(9975, 10000);

    /** The largest denominator accepted; keeps every intermediate product of uint112 reserves far below 2^256. */
    public static final long MAX_DENOMINATOR = 1L << 32;

    public V2Fee {
        if (denominator <= 0 || denominator > MAX_DENOMINATOR) {
            throw new ValidationException("fee.denominator", denominator, "must be in [1, 2^32]");
        }
        if (numerator <= 0 || numerator > denominator) {
            throw new ValidationException(
                    "fee.numerator", numerator, "must be in [1, denominator=" + denominator + "]");
        }
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}

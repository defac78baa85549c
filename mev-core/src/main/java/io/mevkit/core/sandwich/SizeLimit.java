package io.mevkit.core.sandwich;

/**
 * What stopped the front-run from being larger. A size below the limit that buys exactly what the limit would (the
 * pair's output is a step function of its input) counts as the limit's.
 */
public enum SizeLimit {
    /** The victim's slippage bound: one more unit and the victim's swap reverts. */
    SLIPPAGE_BOUND,
    /** The capital available. */
    CAPITAL,
    /** The exact profit peaks below both the bound and the capital (profit is not monotone in the size). */
    PROFIT_PEAK
}

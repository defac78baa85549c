package io.mevkit.core.sandwich;

/** Which side of a swap the trader fixed. */
public enum SwapKind {
    /** The input is exact; the output has a minimum (the slippage bound). */
    EXACT_INPUT,
    /** The output is exact; the input has a maximum (the slippage bound). */
    EXACT_OUTPUT
}

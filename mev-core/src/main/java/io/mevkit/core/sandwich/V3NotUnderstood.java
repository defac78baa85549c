package io.mevkit.core.sandwich;

import java.util.Objects;

/**
 * Calldata that is not a single Uniswap V3 swap the sizing can model, and why.
 *
 * @param reason the kind of refusal
 * @param detail what was found, for logs (no secrets: calldata is public)
 */
public record V3NotUnderstood(Reason reason, String detail) implements V3DecodeResult {
    public V3NotUnderstood {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** Why the calldata was not understood. */
    public enum Reason {
        /** Shorter than a 4-byte selector. */
        NO_SELECTOR,
        /** A selector of no supported router function. */
        UNKNOWN_SELECTOR,
        /** A supported function whose arguments do not decode as the router would decode them. */
        MALFORMED,
        /** A batch ({@code multicall}, Universal Router {@code execute}) without a V3 swap. */
        NO_V3_SWAP,
        /** More than one swap in one transaction (split routes, or V3 beside V2/V4 swaps). */
        MULTIPLE_SWAPS,
        /** The input amount is the router's balance at execution time, not a number in the calldata. */
        AMOUNT_FROM_BALANCE
    }
}

package io.mevkit.core.sandwich;

import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import java.util.List;

/**
 * What a {@link VictimDecoder} made of a transaction: the V2 swaps it will make, or a typed reason why it is not a swap
 * mevkit understands well enough to size against. Decoding never throws on arbitrary calldata; it answers with
 * {@link NotUnderstood}.
 */
public sealed interface DecodeResult permits DecodeResult.Swaps, DecodeResult.NotUnderstood {

    /** Whether swaps were decoded. */
    default boolean understood() {
        return this instanceof Swaps;
    }

    /** The V2 swaps of the transaction, in execution order; never empty. Immutable. */
    record Swaps(List<VictimSwap> swaps) implements DecodeResult {
        public Swaps {
            swaps = List.copyOf(Checks.requireNonNull("swaps", swaps));
            if (swaps.isEmpty()) {
                throw new ValidationException("swaps", swaps, "must not be empty");
            }
        }

        /** The single swap of the transaction, or a {@link ValidationException} when it makes several. */
        public VictimSwap only() {
            if (swaps.size() != 1) {
                throw new ValidationException("swaps", swaps.size(), "must be exactly one");
            }
            return swaps.get(0);
        }
    }

    /** Not a swap mevkit understands: why, and a short human-readable detail (never the full calldata). */
    record NotUnderstood(Reason reason, String detail) implements DecodeResult {
        public NotUnderstood {
            Checks.requireNonNull("reason", reason);
            Checks.requireNonNull("detail", detail);
        }
    }

    /** Why a transaction was not understood. */
    enum Reason {
        /** No calldata, or fewer than four bytes. */
        EMPTY_CALLDATA,
        /** A function selector no configured decoder knows. */
        UNKNOWN_SELECTOR,
        /** The calldata does not decode as the selector's arguments (bad offsets, lengths, dirty addresses …). */
        MALFORMED_CALLDATA,
        /** A router call that makes no V2 swap (a V3-only route, a permit, a refund …). */
        NO_V2_SWAP,
        /** A path the router rejects (too short, or not starting/ending with the wrapped native token for ETH). */
        INVALID_PATH,
        /** The swap's input is the router's balance or was paid by an earlier step, so its amount is not known. */
        UNKNOWN_AMOUNT,
        /** The swap's output is combined with or consumed by steps mevkit does not model, so its bound is not known. */
        UNMODELLED_OUTPUT,
        /** A command or call mevkit does not model that may move the same balances or pools. */
        UNSUPPORTED_STEP,
        /** Several swaps through the same pair in one transaction. */
        SHARED_PAIR
    }
}

package io.mevkit.core.sandwich;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.sandwich.DecodeResult.NotUnderstood;
import io.mevkit.core.sandwich.DecodeResult.Reason;
import io.mevkit.core.sandwich.internal.Router02Decoder;
import io.mevkit.core.sandwich.internal.SwapRouter02Decoder;
import io.mevkit.core.sandwich.internal.UniversalRouterDecoder;
import java.util.List;

/**
 * The decoders mevkit ships, and a way to combine them. The dialects are told apart by function selector, so one
 * combined decoder serves every router; which pairs (which factory) the decoded path trades through is the caller's
 * to know from {@link VictimSwap#router()}.
 */
public final class VictimDecoders {
    private VictimDecoders() {}

    /**
     * UniswapV2Router02 (and its forks), the Universal Router's V2 commands and SwapRouter02's V2 functions.
     * {@code wrappedNative} is the chain's WETH ({@link io.mevkit.core.Chain#wrappedNative()}): the routers wrap and
     * unwrap it for ETH swaps.
     */
    public static VictimDecoder uniswapV2(Address wrappedNative) {
        Checks.requireNonNull("wrappedNative", wrappedNative);
        return firstUnderstood(List.of(
                new Router02Decoder(wrappedNative),
                new UniversalRouterDecoder(wrappedNative),
                new SwapRouter02Decoder(wrappedNative)));
    }

    /** UniswapV2Router02's swap functions only. */
    public static VictimDecoder router02(Address wrappedNative) {
        return new Router02Decoder(Checks.requireNonNull("wrappedNative", wrappedNative));
    }

    /** The Universal Router's {@code execute} with V2 commands only. */
    public static VictimDecoder universalRouter(Address wrappedNative) {
        return new UniversalRouterDecoder(Checks.requireNonNull("wrappedNative", wrappedNative));
    }

    /** SwapRouter02's V2 functions and multicalls only. */
    public static VictimDecoder swapRouter02(Address wrappedNative) {
        return new SwapRouter02Decoder(Checks.requireNonNull("wrappedNative", wrappedNative));
    }

    /**
     * Asks each decoder in turn and returns the first answer that is not {@link Reason#UNKNOWN_SELECTOR} (the
     * decoder that knows the selector has the final word); {@code UNKNOWN_SELECTOR} if none knows it.
     */
    public static VictimDecoder firstUnderstood(List<VictimDecoder> decoders) {
        List<VictimDecoder> copy = List.copyOf(Checks.requireNonNull("decoders", decoders));
        return tx -> {
            Checks.requireNonNull("tx", tx);
            for (VictimDecoder decoder : copy) {
                DecodeResult result = decoder.decode(tx);
                if (!(result instanceof NotUnderstood n) || n.reason() != Reason.UNKNOWN_SELECTOR) {
                    return result;
                }
            }
            return tx.inputLength() < 4
                    ? new NotUnderstood(Reason.EMPTY_CALLDATA, "calldata has " + tx.inputLength() + " bytes")
                    : new NotUnderstood(Reason.UNKNOWN_SELECTOR, "no decoder knows this selector");
        };
    }
}

package io.mevkit.core.sandwich.internal;

import static io.mevkit.core.sandwich.internal.AbiArgs.Kind.ADDRESS;
import static io.mevkit.core.sandwich.internal.AbiArgs.Kind.ADDRESS_ARRAY;
import static io.mevkit.core.sandwich.internal.AbiArgs.Kind.UINT;

import io.mevkit.core.Address;
import io.mevkit.core.sandwich.DecodeResult;
import io.mevkit.core.sandwich.DecodeResult.NotUnderstood;
import io.mevkit.core.sandwich.DecodeResult.Reason;
import io.mevkit.core.sandwich.RouterDialect;
import io.mevkit.core.sandwich.SwapKind;
import io.mevkit.core.sandwich.VictimDecoder;
import io.mevkit.core.sandwich.VictimSwap;
import io.mevkit.core.sandwich.VictimTx;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * UniswapV2Router02's nine swap functions (Uniswap/v2-periphery): exact input, exact output, ETH in or out, and the
 * three fee-on-transfer variants (decoded and marked). ETH amounts come from the transaction's value; for
 * {@code swapETHForExactTokens} the value is the most the trader pays (the router refunds the rest). Immutable and
 * thread-safe.
 */
public final class Router02Decoder implements VictimDecoder {
    private enum Fn {
        EXACT_TOKENS_FOR_TOKENS("swapExactTokensForTokens", true, false, false, false),
        EXACT_ETH_FOR_TOKENS("swapExactETHForTokens", true, true, false, false),
        EXACT_TOKENS_FOR_ETH("swapExactTokensForETH", true, false, true, false),
        TOKENS_FOR_EXACT_TOKENS("swapTokensForExactTokens", false, false, false, false),
        ETH_FOR_EXACT_TOKENS("swapETHForExactTokens", false, true, false, false),
        TOKENS_FOR_EXACT_ETH("swapTokensForExactETH", false, false, true, false),
        EXACT_TOKENS_FOR_TOKENS_FOT("swapExactTokensForTokensSupportingFeeOnTransferTokens", true, false, false, true),
        EXACT_ETH_FOR_TOKENS_FOT("swapExactETHForTokensSupportingFeeOnTransferTokens", true, true, false, true),
        EXACT_TOKENS_FOR_ETH_FOT("swapExactTokensForETHSupportingFeeOnTransferTokens", true, false, true, true);

        final String name;
        final boolean exactInput;
        final boolean ethIn;
        final boolean ethOut;
        final boolean feeOnTransfer;

        Fn(String name, boolean exactInput, boolean ethIn, boolean ethOut, boolean feeOnTransfer) {
            this.name = name;
            this.exactInput = exactInput;
            this.ethIn = ethIn;
            this.ethOut = ethOut;
            this.feeOnTransfer = feeOnTransfer;
        }

        /** ETH-in functions take no amount argument: it is msg.value. */
        String signature() {
            return name
                    + (ethIn ? "(uint256,address[],address,uint256)" : "(uint256,uint256,address[],address,uint256)");
        }
    }

    private static final Map<Integer, Fn> BY_SELECTOR = bySelector();

    private final Address wrappedNative;

    public Router02Decoder(Address wrappedNative) {
        this.wrappedNative = wrappedNative;
    }

    /** Whether {@code selector} is one of the router's swap functions. */
    public static boolean knows(int selector) {
        return BY_SELECTOR.containsKey(selector);
    }

    @Override
    public DecodeResult decode(VictimTx tx) {
        byte[] input = tx.input();
        if (input.length < 4) {
            return new NotUnderstood(Reason.EMPTY_CALLDATA, "calldata has " + input.length + " bytes");
        }
        Fn fn = BY_SELECTOR.get(Selectors.read(input));
        if (fn == null) {
            return new NotUnderstood(Reason.UNKNOWN_SELECTOR, "not a UniswapV2Router02 swap");
        }
        AbiArgs args;
        try {
            args = AbiArgs.decode(
                    input,
                    4,
                    fn.ethIn
                            ? List.of(UINT, ADDRESS_ARRAY, ADDRESS, UINT)
                            : List.of(UINT, UINT, ADDRESS_ARRAY, ADDRESS, UINT));
        } catch (AbiArgs.Malformed e) {
            return new NotUnderstood(Reason.MALFORMED_CALLDATA, fn.name + ": " + e.getMessage());
        }
        int i = fn.ethIn ? 0 : 1;
        BigInteger first = args.uint(0);
        BigInteger second = fn.ethIn ? tx.value() : args.uint(1);
        List<Address> path = args.addresses(i + 1);
        Address to = args.address(i + 2);
        BigInteger deadline = args.uint(i + 3);
        if (path.size() < 2) {
            return new NotUnderstood(Reason.INVALID_PATH, fn.name + ": path has " + path.size() + " tokens");
        }
        for (int h = 0; h + 1 < path.size(); h++) {
            if (path.get(h).equals(path.get(h + 1))) {
                return new NotUnderstood(Reason.INVALID_PATH, fn.name + ": identical tokens at hop " + h);
            }
        }
        if (fn.ethIn && !path.get(0).equals(wrappedNative)) {
            return new NotUnderstood(Reason.INVALID_PATH, fn.name + ": path must start with the wrapped native token");
        }
        if (fn.ethOut && !path.get(path.size() - 1).equals(wrappedNative)) {
            return new NotUnderstood(Reason.INVALID_PATH, fn.name + ": path must end with the wrapped native token");
        }
        BigInteger amountIn;
        BigInteger amountOut;
        if (fn.exactInput) {
            // exact input: (amountIn, amountOutMin); for ETH in, amountIn is the value and the first word the minimum
            amountIn = fn.ethIn ? tx.value() : first;
            amountOut = fn.ethIn ? first : second;
        } else {
            // exact output: (amountOut, amountInMax); for ETH in, the most paid is the value
            amountOut = first;
            amountIn = second;
        }
        if (fn.exactInput && amountIn.signum() == 0) {
            return new NotUnderstood(Reason.UNKNOWN_AMOUNT, fn.name + ": zero input (the router reverts)");
        }
        VictimSwap swap = new VictimSwap(
                RouterDialect.UNISWAP_V2_ROUTER02,
                tx.to(),
                fn.name,
                fn.exactInput ? SwapKind.EXACT_INPUT : SwapKind.EXACT_OUTPUT,
                path,
                amountIn,
                amountOut,
                to,
                Optional.of(deadline),
                fn.feeOnTransfer,
                fn.ethIn,
                fn.ethOut);
        return new DecodeResult.Swaps(List.of(swap));
    }

    private static Map<Integer, Fn> bySelector() {
        java.util.HashMap<Integer, Fn> map = new java.util.HashMap<>();
        for (Fn fn : Fn.values()) {
            map.put(Selectors.of(fn.signature()), fn);
        }
        return Map.copyOf(map);
    }
}

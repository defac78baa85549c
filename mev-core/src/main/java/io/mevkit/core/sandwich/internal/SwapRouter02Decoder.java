package io.mevkit.core.sandwich.internal;

import static io.mevkit.core.sandwich.internal.AbiArgs.Kind.ADDRESS;
import static io.mevkit.core.sandwich.internal.AbiArgs.Kind.ADDRESS_ARRAY;
import static io.mevkit.core.sandwich.internal.AbiArgs.Kind.BYTES_ARRAY;
import static io.mevkit.core.sandwich.internal.AbiArgs.Kind.UINT;

import io.mevkit.core.Address;
import io.mevkit.core.sandwich.DecodeResult;
import io.mevkit.core.sandwich.DecodeResult.NotUnderstood;
import io.mevkit.core.sandwich.DecodeResult.Reason;
import io.mevkit.core.sandwich.RouterDialect;
import io.mevkit.core.sandwich.SwapKind;
import io.mevkit.core.sandwich.VictimDecoder;
import io.mevkit.core.sandwich.VictimTx;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Uniswap's SwapRouter02 (Uniswap/swap-router-contracts): its V2 functions
 * {@code swapExactTokensForTokens(uint256,uint256,address[],address)} and
 * {@code swapTokensForExactTokens(uint256,uint256,address[],address)}, called directly or inside any of the three
 * {@code multicall} forms, with the payment calls around them ({@code wrapETH}, {@code pull}, {@code unwrapWETH9},
 * {@code sweepToken} and their fee variants, whose minimum applies before the fee). An input of 0 is the router's
 * balance; recipients 1 and 2 stand for the sender and the router. V3 calls are treated as moving unknown router
 * balances; self-permits and {@code refundETH} are neutral; anything else makes a V2-swapping call not understood.
 * Immutable and thread-safe.
 */
public final class SwapRouter02Decoder implements VictimDecoder {
    static final int MULTICALL_DEADLINE = Selectors.of("multicall(uint256,bytes[])");
    static final int MULTICALL_BLOCKHASH = Selectors.of("multicall(bytes32,bytes[])");
    static final int MULTICALL = Selectors.of("multicall(bytes[])");

    private static final int EXACT_IN = Selectors.of("swapExactTokensForTokens(uint256,uint256,address[],address)");
    private static final int EXACT_OUT = Selectors.of("swapTokensForExactTokens(uint256,uint256,address[],address)");
    private static final int UNWRAP = Selectors.of("unwrapWETH9(uint256)");
    private static final int UNWRAP_TO = Selectors.of("unwrapWETH9(uint256,address)");
    private static final int UNWRAP_FEE = Selectors.of("unwrapWETH9WithFee(uint256,uint256,address)");
    private static final int UNWRAP_TO_FEE = Selectors.of("unwrapWETH9WithFee(uint256,address,uint256,address)");
    private static final int SWEEP = Selectors.of("sweepToken(address,uint256)");
    private static final int SWEEP_TO = Selectors.of("sweepToken(address,uint256,address)");
    private static final int SWEEP_FEE = Selectors.of("sweepTokenWithFee(address,uint256,uint256,address)");
    private static final int SWEEP_TO_FEE = Selectors.of("sweepTokenWithFee(address,uint256,address,uint256,address)");
    private static final int WRAP_ETH = Selectors.of("wrapETH(uint256)");
    private static final int PULL = Selectors.of("pull(address,uint256)");
    private static final Set<Integer> NEUTRAL = Set.of(
            Selectors.of("refundETH()"),
            Selectors.of("selfPermit(address,uint256,uint256,uint8,bytes32,bytes32)"),
            Selectors.of("selfPermitIfNecessary(address,uint256,uint256,uint8,bytes32,bytes32)"),
            Selectors.of("selfPermitAllowed(address,uint256,uint256,uint8,bytes32,bytes32)"),
            Selectors.of("selfPermitAllowedIfNecessary(address,uint256,uint256,uint8,bytes32,bytes32)"));
    private static final Set<Integer> V3 = Set.of(
            Selectors.of("exactInputSingle((address,address,uint24,address,uint256,uint256,uint160))"),
            Selectors.of("exactInput((bytes,address,uint256,uint256))"),
            Selectors.of("exactOutputSingle((address,address,uint24,address,uint256,uint256,uint160))"),
            Selectors.of("exactOutput((bytes,address,uint256,uint256))"));

    private final Address wrappedNative;

    public SwapRouter02Decoder(Address wrappedNative) {
        this.wrappedNative = wrappedNative;
    }

    public static boolean knows(int selector) {
        return selector == MULTICALL_DEADLINE
                || selector == MULTICALL_BLOCKHASH
                || selector == MULTICALL
                || selector == EXACT_IN
                || selector == EXACT_OUT;
    }

    @Override
    public DecodeResult decode(VictimTx tx) {
        byte[] input = tx.input();
        if (input.length < 4) {
            return new NotUnderstood(Reason.EMPTY_CALLDATA, "calldata has " + input.length + " bytes");
        }
        int selector = Selectors.read(input);
        if (!knows(selector)) {
            return new NotUnderstood(Reason.UNKNOWN_SELECTOR, "not a SwapRouter02 V2 swap or multicall");
        }
        List<byte[]> calls;
        Optional<BigInteger> deadline = Optional.empty();
        if (selector == EXACT_IN || selector == EXACT_OUT) {
            calls = List.of(input);
        } else {
            try {
                if (selector == MULTICALL) {
                    calls = AbiArgs.decode(input, 4, List.of(BYTES_ARRAY)).bytesList(0);
                } else {
                    AbiArgs a = AbiArgs.decode(input, 4, List.of(UINT, BYTES_ARRAY));
                    if (selector == MULTICALL_DEADLINE) {
                        deadline = Optional.of(a.uint(0));
                    }
                    calls = a.bytesList(1);
                }
            } catch (AbiArgs.Malformed e) {
                return new NotUnderstood(Reason.MALFORMED_CALLDATA, "multicall: " + e.getMessage());
            }
        }
        RouterLedger ledger =
                new RouterLedger(RouterDialect.SWAP_ROUTER02, tx.to(), tx.from(), wrappedNative, tx.value(), deadline);
        for (int i = 0; i < calls.size() && !ledger.failed(); i++) {
            try {
                apply(ledger, calls.get(i));
            } catch (AbiArgs.Malformed e) {
                return new NotUnderstood(Reason.MALFORMED_CALLDATA, "call " + i + ": " + e.getMessage());
            }
        }
        return ledger.result();
    }

    private void apply(RouterLedger ledger, byte[] call) throws AbiArgs.Malformed {
        if (call.length < 4) {
            throw new AbiArgs.Malformed("inner call of " + call.length + " bytes");
        }
        int selector = Selectors.read(call);
        if (selector == EXACT_IN || selector == EXACT_OUT) {
            AbiArgs a = AbiArgs.decode(call, 4, List.of(UINT, UINT, ADDRESS_ARRAY, ADDRESS));
            List<Address> path = a.addresses(2);
            if (path.size() < 2) {
                ledger.fail(Reason.INVALID_PATH, "path has " + path.size() + " tokens");
                return;
            }
            Address tokenIn = path.get(0);
            Address to = ledger.recipient(a.address(3));
            if (selector == EXACT_IN) {
                BigInteger amountIn = a.uint(0);
                boolean nativeIn = false;
                if (amountIn.signum() == 0) {
                    // CONTRACT_BALANCE (0): the router's own balance of the input token
                    amountIn = ledger.takeAll(tokenIn, "swapExactTokensForTokens");
                    if (amountIn == null) {
                        return;
                    }
                    if (amountIn.signum() == 0) {
                        ledger.fail(Reason.UNKNOWN_AMOUNT, "swapExactTokensForTokens: the router's balance is zero");
                        return;
                    }
                } else if (tokenIn.equals(wrappedNative) && ledger.ethBalance().compareTo(amountIn) >= 0) {
                    // pay() wraps the call's ETH when it covers the amount
                    ledger.spendEth(amountIn);
                    nativeIn = true;
                }
                ledger.swap("swapExactTokensForTokens", SwapKind.EXACT_INPUT, path, amountIn, a.uint(1), to, nativeIn);
            } else {
                // the input is computed by getAmountsIn and paid by msg.sender (in ETH when the call carries enough)
                boolean nativeIn =
                        tokenIn.equals(wrappedNative) && ledger.ethBalance().signum() > 0;
                ledger.swap(
                        "swapTokensForExactTokens", SwapKind.EXACT_OUTPUT, path, a.uint(1), a.uint(0), to, nativeIn);
            }
        } else if (selector == UNWRAP) {
            AbiArgs a = AbiArgs.decode(call, 4, List.of(UINT));
            ledger.payOut(wrappedNative, a.uint(0), ledger.recipient(Address.fromBigInteger(BigInteger.ONE)), true);
        } else if (selector == UNWRAP_TO) {
            AbiArgs a = AbiArgs.decode(call, 4, List.of(UINT, ADDRESS));
            ledger.payOut(wrappedNative, a.uint(0), ledger.recipient(a.address(1)), true);
        } else if (selector == UNWRAP_FEE) {
            AbiArgs a = AbiArgs.decode(call, 4, List.of(UINT, UINT, ADDRESS));
            ledger.payOut(wrappedNative, a.uint(0), ledger.recipient(Address.fromBigInteger(BigInteger.ONE)), true);
        } else if (selector == UNWRAP_TO_FEE) {
            AbiArgs a = AbiArgs.decode(call, 4, List.of(UINT, ADDRESS, UINT, ADDRESS));
            ledger.payOut(wrappedNative, a.uint(0), ledger.recipient(a.address(1)), true);
        } else if (selector == SWEEP) {
            AbiArgs a = AbiArgs.decode(call, 4, List.of(ADDRESS, UINT));
            ledger.payOut(a.address(0), a.uint(1), ledger.recipient(Address.fromBigInteger(BigInteger.ONE)), false);
        } else if (selector == SWEEP_TO) {
            AbiArgs a = AbiArgs.decode(call, 4, List.of(ADDRESS, UINT, ADDRESS));
            ledger.payOut(a.address(0), a.uint(1), ledger.recipient(a.address(2)), false);
        } else if (selector == SWEEP_FEE) {
            AbiArgs a = AbiArgs.decode(call, 4, List.of(ADDRESS, UINT, UINT, ADDRESS));
            ledger.payOut(a.address(0), a.uint(1), ledger.recipient(Address.fromBigInteger(BigInteger.ONE)), false);
        } else if (selector == SWEEP_TO_FEE) {
            AbiArgs a = AbiArgs.decode(call, 4, List.of(ADDRESS, UINT, ADDRESS, UINT, ADDRESS));
            ledger.payOut(a.address(0), a.uint(1), ledger.recipient(a.address(2)), false);
        } else if (selector == WRAP_ETH) {
            AbiArgs a = AbiArgs.decode(call, 4, List.of(UINT));
            if (ledger.spendEth(a.uint(0))) {
                ledger.deposit(wrappedNative, a.uint(0));
            }
        } else if (selector == PULL) {
            AbiArgs a = AbiArgs.decode(call, 4, List.of(ADDRESS, UINT));
            ledger.deposit(a.address(0), a.uint(1));
        } else if (V3.contains(selector)) {
            ledger.taint("a V3 swap");
        } else if (!NEUTRAL.contains(selector)) {
            ledger.unsupported("call 0x" + String.format("%08x", selector) + " is not modelled");
        }
    }
}

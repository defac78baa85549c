package io.mevkit.core.sandwich;

import static io.mevkit.core.sandwich.Calldata.ADDRESS_THIS;
import static io.mevkit.core.sandwich.Calldata.CONTRACT_BALANCE;
import static io.mevkit.core.sandwich.Calldata.MSG_SENDER;
import static io.mevkit.core.sandwich.Calldata.addr;
import static io.mevkit.core.sandwich.Calldata.call;
import static io.mevkit.core.sandwich.Calldata.execute;
import static io.mevkit.core.sandwich.Calldata.path;
import static io.mevkit.core.sandwich.Calldata.tuple;
import static io.mevkit.core.sandwich.Calldata.uint;
import static io.mevkit.core.sandwich.Calldata.v2ExactIn;
import static io.mevkit.core.sandwich.Calldata.v2ExactOut;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.sandwich.DecodeResult.NotUnderstood;
import io.mevkit.core.sandwich.DecodeResult.Reason;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.DynamicBytes;

class VictimDecoderTest {
    static final Address WETH = Address.of("0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2");
    static final Address USDC = Address.of("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");
    static final Address DAI = Address.of("0x6b175474e89094c44da98b954eedeac495271d0f");
    static final Address USER = Address.of("0x" + "11".repeat(20));
    static final Address OTHER = Address.of("0x" + "33".repeat(20));
    static final Address FEE_TO = Address.of("0x" + "44".repeat(20));
    static final Address ROUTER = Address.of("0x" + "22".repeat(20));
    static final BigInteger ETH = BigInteger.TEN.pow(18);
    static final BigInteger DEADLINE = BigInteger.valueOf(1_800_000_000L);

    final VictimDecoder decoder = VictimDecoders.uniswapV2(WETH);

    VictimSwap only(byte[] input, BigInteger value) {
        DecodeResult result = decoder.decode(new VictimTx(USER, ROUTER, value, input));
        return assertInstanceOf(DecodeResult.Swaps.class, result, () -> result.toString())
                .only();
    }

    Reason reason(byte[] input, BigInteger value) {
        DecodeResult result = decoder.decode(new VictimTx(USER, ROUTER, value, input));
        return assertInstanceOf(NotUnderstood.class, result, () -> result.toString())
                .reason();
    }

    static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    @Nested
    class Router02 {
        @Test
        void exactTokensForTokensMultiHop() {
            VictimSwap s = only(
                    call(
                            "swapExactTokensForTokens",
                            uint(1000),
                            uint(990),
                            path(USDC, WETH, DAI),
                            addr(OTHER),
                            uint(DEADLINE)),
                    BigInteger.ZERO);
            assertEquals(RouterDialect.UNISWAP_V2_ROUTER02, s.dialect());
            assertEquals(ROUTER, s.router());
            assertEquals(SwapKind.EXACT_INPUT, s.kind());
            assertEquals(List.of(USDC, WETH, DAI), s.path());
            assertEquals(big(1000), s.amountIn());
            assertEquals(big(990), s.amountOut());
            assertEquals(OTHER, s.recipient());
            assertEquals(Optional.of(DEADLINE), s.deadline());
            assertFalse(s.feeOnTransferVariant() || s.nativeIn() || s.nativeOut());
            assertEquals(2, s.hops());
        }

        @Test
        void exactEthForTokensTakesTheInputFromTheValue() {
            VictimSwap s =
                    only(call("swapExactETHForTokens", uint(5), path(WETH, USDC), addr(USER), uint(DEADLINE)), ETH);
            assertEquals(ETH, s.amountIn());
            assertEquals(big(5), s.amountOut());
            assertTrue(s.nativeIn());
            assertEquals(
                    Reason.INVALID_PATH,
                    reason(call("swapExactETHForTokens", uint(5), path(DAI, USDC), addr(USER), uint(DEADLINE)), ETH));
        }

        @Test
        void exactTokensForEth() {
            VictimSwap s = only(
                    call("swapExactTokensForETH", uint(7), uint(6), path(USDC, WETH), addr(USER), uint(DEADLINE)),
                    BigInteger.ZERO);
            assertTrue(s.nativeOut());
            assertEquals(big(7), s.amountIn());
            assertEquals(
                    Reason.INVALID_PATH,
                    reason(
                            call(
                                    "swapExactTokensForETH",
                                    uint(7),
                                    uint(6),
                                    path(WETH, USDC),
                                    addr(USER),
                                    uint(DEADLINE)),
                            BigInteger.ZERO));
        }

        @Test
        void exactOutputFunctionsBoundTheInput() {
            VictimSwap tokens = only(
                    call("swapTokensForExactTokens", uint(100), uint(120), path(DAI, USDC), addr(USER), uint(DEADLINE)),
                    BigInteger.ZERO);
            assertEquals(SwapKind.EXACT_OUTPUT, tokens.kind());
            assertEquals(big(100), tokens.amountOut());
            assertEquals(big(120), tokens.amountIn());
            assertEquals(big(100), tokens.exactAmount());
            assertEquals(big(120), tokens.limitAmount());

            VictimSwap eth =
                    only(call("swapETHForExactTokens", uint(100), path(WETH, USDC), addr(USER), uint(DEADLINE)), ETH);
            assertEquals(SwapKind.EXACT_OUTPUT, eth.kind());
            assertEquals(ETH, eth.amountIn(), "the value is the most paid; the router refunds the rest");
            assertTrue(eth.nativeIn());

            VictimSwap forEth = only(
                    call("swapTokensForExactETH", uint(100), uint(120), path(USDC, WETH), addr(USER), uint(DEADLINE)),
                    BigInteger.ZERO);
            assertTrue(forEth.nativeOut());
            assertEquals(SwapKind.EXACT_OUTPUT, forEth.kind());
        }

        @Test
        void feeOnTransferVariantsAreDecodedAndMarked() {
            VictimSwap tokens = only(
                    call(
                            "swapExactTokensForTokensSupportingFeeOnTransferTokens",
                            uint(10),
                            uint(9),
                            path(DAI, WETH),
                            addr(USER),
                            uint(DEADLINE)),
                    BigInteger.ZERO);
            assertTrue(tokens.feeOnTransferVariant());
            assertEquals(big(10), tokens.amountIn());
            VictimSwap ethIn = only(
                    call(
                            "swapExactETHForTokensSupportingFeeOnTransferTokens",
                            uint(9),
                            path(WETH, DAI),
                            addr(USER),
                            uint(DEADLINE)),
                    ETH);
            assertTrue(ethIn.feeOnTransferVariant() && ethIn.nativeIn());
            assertEquals(ETH, ethIn.amountIn());
            VictimSwap ethOut = only(
                    call(
                            "swapExactTokensForETHSupportingFeeOnTransferTokens",
                            uint(10),
                            uint(9),
                            path(DAI, WETH),
                            addr(USER),
                            uint(DEADLINE)),
                    BigInteger.ZERO);
            assertTrue(ethOut.feeOnTransferVariant() && ethOut.nativeOut());
        }

        @Test
        void badPathsAndAmountsAreTyped() {
            assertEquals(
                    Reason.INVALID_PATH,
                    reason(
                            call("swapExactTokensForTokens", uint(1), uint(1), path(DAI), addr(USER), uint(DEADLINE)),
                            BigInteger.ZERO));
            assertEquals(
                    Reason.INVALID_PATH,
                    reason(
                            call(
                                    "swapExactTokensForTokens",
                                    uint(1),
                                    uint(1),
                                    path(DAI, DAI),
                                    addr(USER),
                                    uint(DEADLINE)),
                            BigInteger.ZERO));
            assertEquals(
                    Reason.UNKNOWN_AMOUNT,
                    reason(
                            call(
                                    "swapExactTokensForTokens",
                                    uint(0),
                                    uint(1),
                                    path(DAI, WETH),
                                    addr(USER),
                                    uint(DEADLINE)),
                            BigInteger.ZERO));
            byte[] truncated =
                    call("swapExactTokensForTokens", uint(1), uint(1), path(DAI, WETH), addr(USER), uint(DEADLINE));
            assertEquals(
                    Reason.MALFORMED_CALLDATA,
                    reason(java.util.Arrays.copyOf(truncated, truncated.length - 1), BigInteger.ZERO));
            // a dirty high byte in the recipient word
            byte[] dirty = truncated.clone();
            dirty[4 + 3 * 32] = 1;
            assertEquals(Reason.MALFORMED_CALLDATA, reason(dirty, BigInteger.ZERO));
        }
    }

    @Nested
    class UniversalRouter {
        @Test
        void wrapThenSwapTheRoutersBalance() {
            byte[] input = execute(
                    new byte[] {0x0b, 0x08},
                    List.of(
                            tuple(addr(ADDRESS_THIS), uint(CONTRACT_BALANCE)),
                            v2ExactIn(MSG_SENDER, CONTRACT_BALANCE, big(1234), false, WETH, USDC)),
                    DEADLINE);
            VictimSwap s = only(input, ETH);
            assertEquals(RouterDialect.UNIVERSAL_ROUTER, s.dialect());
            assertEquals("V2_SWAP_EXACT_IN", s.function());
            assertEquals(ETH, s.amountIn());
            assertEquals(big(1234), s.amountOut());
            assertEquals(USER, s.recipient());
            assertTrue(s.nativeIn());
            assertEquals(Optional.of(DEADLINE), s.deadline());
        }

        @Test
        void swapToTheRouterThenFeeThenUnwrapBoundsTheSwapOutputExactly() {
            BigInteger minAfterFee = big(1_000_000);
            byte[] input = execute(
                    new byte[] {0x08, 0x06, 0x0c},
                    List.of(
                            v2ExactIn(ADDRESS_THIS, big(5000), BigInteger.ZERO, true, USDC, WETH),
                            tuple(addr(WETH), addr(FEE_TO), uint(25)),
                            tuple(addr(MSG_SENDER), uint(minAfterFee))),
                    null);
            VictimSwap s = only(input, BigInteger.ZERO);
            // the least o with o − floor(o·25/10000) >= 1 000 000
            BigInteger least = s.amountOut();
            assertTrue(
                    least.subtract(least.multiply(big(25)).divide(big(10_000))).compareTo(minAfterFee) >= 0);
            BigInteger below = least.subtract(BigInteger.ONE);
            assertTrue(
                    below.subtract(below.multiply(big(25)).divide(big(10_000))).compareTo(minAfterFee) < 0);
            assertEquals(USER, s.recipient());
            assertTrue(s.nativeOut());
            assertEquals(Optional.empty(), s.deadline());
        }

        @Test
        void sweepBoundsAndExactOutputPaidFromWrappedEth() {
            byte[] sweep = execute(
                    new byte[] {0x08, 0x04},
                    List.of(
                            v2ExactIn(ADDRESS_THIS, big(5000), big(10), true, WETH, DAI),
                            tuple(addr(DAI), addr(OTHER), uint(4000))),
                    DEADLINE);
            VictimSwap swept = only(sweep, BigInteger.ZERO);
            assertEquals(big(4000), swept.amountOut());
            assertEquals(OTHER, swept.recipient());

            byte[] exactOut = execute(
                    new byte[] {0x0b, 0x09, 0x0c},
                    List.of(
                            tuple(addr(ADDRESS_THIS), uint(ETH)),
                            v2ExactOut(MSG_SENDER, big(777), ETH.add(ETH), false, WETH, USDC),
                            tuple(addr(MSG_SENDER), uint(0))),
                    DEADLINE);
            VictimSwap s = only(exactOut, ETH);
            assertEquals(SwapKind.EXACT_OUTPUT, s.kind());
            assertEquals(big(777), s.amountOut());
            assertEquals(ETH, s.amountIn(), "the router can pay no more than the wrapped value");
        }

        @Test
        void permitsAreNeutralAndTheAllowRevertFlagIsMasked() {
            byte[] input = execute(
                    new byte[] {0x0a, (byte) 0x88},
                    List.of(new byte[] {1, 2, 3}, v2ExactIn(MSG_SENDER, big(50), big(40), true, DAI, USDC)),
                    DEADLINE);
            VictimSwap s = only(input, BigInteger.ZERO);
            assertEquals(big(50), s.amountIn());
        }

        @Test
        void unknowableAmountsAndBoundsAreTyped() {
            assertEquals(
                    Reason.UNKNOWN_AMOUNT,
                    reason(
                            execute(
                                    new byte[] {0x08},
                                    List.of(v2ExactIn(MSG_SENDER, BigInteger.ZERO, big(1), false, DAI, USDC)),
                                    DEADLINE),
                            BigInteger.ZERO));
            assertEquals(
                    Reason.UNKNOWN_AMOUNT,
                    reason(
                            execute(
                                    new byte[] {0x08},
                                    List.of(v2ExactIn(MSG_SENDER, CONTRACT_BALANCE, big(1), false, DAI, USDC)),
                                    DEADLINE),
                            BigInteger.ZERO));
            // a V3 swap and a V2 swap both paying into the router, swept together: the V2 share of the bound is unknown
            byte[] split = execute(
                    new byte[] {0x08, 0x00, 0x04},
                    List.of(
                            v2ExactIn(ADDRESS_THIS, big(10), BigInteger.ZERO, true, DAI, USDC),
                            new byte[] {0},
                            tuple(addr(USDC), addr(MSG_SENDER), uint(9))),
                    DEADLINE);
            assertEquals(Reason.UNMODELLED_OUTPUT, reason(split, BigInteger.ZERO));
            byte[] checked = execute(
                    new byte[] {0x08, 0x0e},
                    List.of(
                            v2ExactIn(MSG_SENDER, big(10), big(1), true, DAI, USDC),
                            tuple(addr(USER), addr(USDC), uint(5))),
                    DEADLINE);
            assertEquals(Reason.UNMODELLED_OUTPUT, reason(checked, BigInteger.ZERO));
        }

        @Test
        void unsupportedCommandsSharedPairsAndMismatchesAreTyped() {
            assertEquals(
                    Reason.UNSUPPORTED_STEP,
                    reason(
                            execute(
                                    new byte[] {0x08, 0x10},
                                    List.of(v2ExactIn(MSG_SENDER, big(10), big(1), true, DAI, USDC), new byte[0]),
                                    DEADLINE),
                            BigInteger.ZERO));
            assertEquals(
                    Reason.NO_V2_SWAP,
                    reason(execute(new byte[] {0x00}, List.of(new byte[0]), DEADLINE), BigInteger.ZERO));
            assertEquals(
                    Reason.SHARED_PAIR,
                    reason(
                            execute(
                                    new byte[] {0x08, 0x08},
                                    List.of(
                                            v2ExactIn(MSG_SENDER, big(10), big(1), true, DAI, USDC),
                                            v2ExactIn(MSG_SENDER, big(10), big(1), true, USDC, DAI)),
                                    DEADLINE),
                            BigInteger.ZERO));
            assertEquals(
                    Reason.MALFORMED_CALLDATA,
                    reason(
                            execute(
                                    new byte[] {0x08, 0x08},
                                    List.of(v2ExactIn(MSG_SENDER, big(10), big(1), true, DAI, USDC)),
                                    DEADLINE),
                            BigInteger.ZERO));
            assertEquals(
                    Reason.MALFORMED_CALLDATA,
                    reason(execute(new byte[] {0x08}, List.of(new byte[] {1, 2}), DEADLINE), BigInteger.ZERO));
        }

        @Test
        void twoSwapsOnDifferentPairsAreBothReturned() {
            byte[] input = execute(
                    new byte[] {0x08, 0x09},
                    List.of(
                            v2ExactIn(MSG_SENDER, big(10), big(1), true, DAI, USDC),
                            v2ExactOut(OTHER, big(3), big(9), true, WETH, DAI)),
                    DEADLINE);
            DecodeResult.Swaps swaps = assertInstanceOf(
                    DecodeResult.Swaps.class, decoder.decode(new VictimTx(USER, ROUTER, BigInteger.ZERO, input)));
            assertEquals(2, swaps.swaps().size());
            assertEquals(SwapKind.EXACT_OUTPUT, swaps.swaps().get(1).kind());
        }
    }

    @Nested
    class SwapRouter02 {
        @Test
        void multicallSwapToRouterThenUnwrap() {
            byte[] input = Calldata.multicall(
                    DEADLINE,
                    List.of(
                            call("swapExactTokensForTokens", uint(1000), uint(1), path(USDC, WETH), addr(ADDRESS_THIS)),
                            call("unwrapWETH9", uint(950), addr(USER))));
            VictimSwap s = only(input, BigInteger.ZERO);
            assertEquals(RouterDialect.SWAP_ROUTER02, s.dialect());
            assertEquals(big(950), s.amountOut());
            assertEquals(USER, s.recipient());
            assertTrue(s.nativeOut());
            assertEquals(Optional.of(DEADLINE), s.deadline());
        }

        @Test
        void directCallsEthInputAndFeeSweeps() {
            VictimSwap direct = only(
                    call("swapTokensForExactTokens", uint(5), uint(9), path(DAI, USDC), addr(MSG_SENDER)),
                    BigInteger.ZERO);
            assertEquals(SwapKind.EXACT_OUTPUT, direct.kind());
            assertEquals(USER, direct.recipient());
            assertEquals(Optional.empty(), direct.deadline());

            VictimSwap ethIn = only(
                    Calldata.multicall(List.of(
                            call("swapExactTokensForTokens", uint(ETH), uint(3), path(WETH, DAI), addr(MSG_SENDER)))),
                    ETH);
            assertTrue(ethIn.nativeIn());

            byte[] feeSweep = Calldata.multicall(
                    new byte[32],
                    List.of(
                            call("swapExactTokensForTokens", uint(1000), uint(1), path(WETH, DAI), addr(ADDRESS_THIS)),
                            call("sweepTokenWithFee", addr(DAI), uint(700), addr(OTHER), uint(30), addr(FEE_TO))));
            VictimSwap swept = only(feeSweep, BigInteger.ZERO);
            assertEquals(big(700), swept.amountOut(), "the minimum applies before the fee");
            assertEquals(OTHER, swept.recipient());
        }

        @Test
        void contractBalanceInputFromAPull() {
            byte[] input = Calldata.multicall(List.of(
                    call("pull", addr(DAI), uint(321)),
                    call("swapExactTokensForTokens", uint(0), uint(3), path(DAI, USDC), addr(MSG_SENDER))));
            assertEquals(big(321), only(input, BigInteger.ZERO).amountIn());
            byte[] unknown = Calldata.multicall(
                    List.of(call("swapExactTokensForTokens", uint(0), uint(3), path(DAI, USDC), addr(MSG_SENDER))));
            assertEquals(Reason.UNKNOWN_AMOUNT, reason(unknown, BigInteger.ZERO));
        }

        @Test
        void unknownInnerCallsAreTyped() {
            byte[] input = Calldata.multicall(List.of(
                    call("swapExactTokensForTokens", uint(5), uint(3), path(DAI, USDC), addr(MSG_SENDER)),
                    call("approveMax", addr(DAI))));
            assertEquals(Reason.UNSUPPORTED_STEP, reason(input, BigInteger.ZERO));
            assertEquals(
                    Reason.MALFORMED_CALLDATA, reason(Calldata.multicall(List.of(new byte[] {1})), BigInteger.ZERO));
            assertEquals(Reason.NO_V2_SWAP, reason(Calldata.multicall(List.of(call("refundETH"))), BigInteger.ZERO));
        }
    }

    @Test
    void emptyAndUnknownCalldata() {
        assertEquals(Reason.EMPTY_CALLDATA, reason(new byte[0], BigInteger.ZERO));
        assertEquals(Reason.EMPTY_CALLDATA, reason(new byte[] {1, 2, 3}, BigInteger.ZERO));
        assertEquals(Reason.UNKNOWN_SELECTOR, reason(call("transfer", addr(USER), uint(1)), BigInteger.ZERO));
        // execute(bytes) is another function; execute(bytes,bytes[]) cut short is malformed
        assertEquals(
                Reason.UNKNOWN_SELECTOR, reason(call("execute", new DynamicBytes(new byte[] {8})), BigInteger.ZERO));
        byte[] full =
                execute(new byte[] {0x08}, List.of(v2ExactIn(MSG_SENDER, big(10), big(1), true, DAI, USDC)), null);
        assertEquals(
                Reason.MALFORMED_CALLDATA, reason(java.util.Arrays.copyOf(full, full.length - 32), BigInteger.ZERO));
    }
}

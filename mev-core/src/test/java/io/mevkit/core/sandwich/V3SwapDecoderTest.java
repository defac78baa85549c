package io.mevkit.core.sandwich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mevkit.core.Address;
import io.mevkit.core.Hex;
import io.mevkit.core.sandwich.V3NotUnderstood.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint24;
import org.web3j.abi.datatypes.generated.Uint256;

class V3SwapDecoderTest {
    private static final Address A = Address.of("0x1f9840a85d5af5bf1d1762f925bdaddc4201f984");
    private static final Address B = Address.of("0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2");
    private static final Address C = Address.of("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");
    private static final Address RECIPIENT = Address.of("0x000000000000000000000000000000000000dead");

    // ---- real transactions ----

    @Test
    void decodesARealUniversalRouterTransaction() throws IOException {
        JsonNode f = fixture().get("universalRouter");
        V3VictimSwap swap = assertInstanceOf(
                V3VictimSwap.class, V3SwapDecoder.decode(f.get("input").asText()));
        JsonNode e = f.get("expected");
        assertEquals(V3Router.UNIVERSAL_ROUTER, swap.router());
        assertEquals("V3_SWAP_EXACT_IN", swap.function());
        assertTrue(swap.exactInput());
        assertEquals(Optional.of(new BigInteger(e.get("deadline").asText())), swap.deadline());
        assertEquals(Address.of(e.get("recipient").asText()), swap.recipient());
        assertEquals(new BigInteger(e.get("amountIn").asText()), swap.amount());
        assertEquals(new BigInteger(e.get("amountOutMinimum").asText()), swap.limitAmount());
        List<V3PathHop> expectedPath = new ArrayList<>();
        for (JsonNode hop : e.get("path")) {
            expectedPath.add(new V3PathHop(
                    Address.of(hop.get("tokenIn").asText()),
                    hop.get("fee").asInt(),
                    Address.of(hop.get("tokenOut").asText())));
        }
        assertEquals(expectedPath, swap.path());
        assertEquals(List.of(), swap.minHopPriceX36());
        assertEquals(BigInteger.ZERO, swap.sqrtPriceLimitX96());
    }

    @Test
    void decodesARealSwapRouter02Multicall() throws IOException {
        JsonNode f = fixture().get("swapRouter02");
        V3VictimSwap swap = assertInstanceOf(
                V3VictimSwap.class, V3SwapDecoder.decode(f.get("input").asText()));
        JsonNode e = f.get("expected");
        assertEquals(V3Router.SWAP_ROUTER_02, swap.router());
        assertEquals("exactInputSingle", swap.function());
        assertEquals(Optional.of(new BigInteger(e.get("deadline").asText())), swap.deadline());
        assertEquals(
                List.of(new V3PathHop(
                        Address.of(e.get("tokenIn").asText()),
                        e.get("fee").asInt(),
                        Address.of(e.get("tokenOut").asText()))),
                swap.path());
        assertEquals(Address.of(e.get("recipient").asText()), swap.recipient());
        assertEquals(new BigInteger(e.get("amountIn").asText()), swap.amount());
        assertEquals(new BigInteger(e.get("amountOutMinimum").asText()), swap.limitAmount());
    }

    private JsonNode fixture() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("v3-router-calldata.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    // ---- every form, encoded by web3j ----

    @Property(tries = 300)
    void swapRouterSingleFormsRoundTrip(
            @ForAll("uint256") BigInteger amount,
            @ForAll("uint256") BigInteger limitAmount,
            @ForAll("uint160") BigInteger priceLimit,
            @ForAll("fee") int fee,
            @ForAll("uint256") BigInteger deadline,
            @ForAll boolean exactInput,
            @ForAll boolean router02) {
        @SuppressWarnings("rawtypes") // web3j ABI values are raw Type
        List<Type> fields = new ArrayList<>(List.of(
                new org.web3j.abi.datatypes.Address(A.hex()),
                new org.web3j.abi.datatypes.Address(B.hex()),
                new Uint24(fee),
                new org.web3j.abi.datatypes.Address(RECIPIENT.hex())));
        if (!router02) {
            fields.add(new Uint256(deadline));
        }
        fields.addAll(List.of(new Uint256(amount), new Uint256(limitAmount), new Uint160(priceLimit)));
        String name = exactInput ? "exactInputSingle" : "exactOutputSingle";
        String data = FunctionEncoder.encode(new Function(name, List.of(new StaticStruct(fields)), List.of()));
        V3DecodeResult result = V3SwapDecoder.decode(data);
        if (router02 && exactInput && amount.signum() == 0) {
            assertEquals(Reason.AMOUNT_FROM_BALANCE, ((V3NotUnderstood) result).reason());
            return;
        }
        V3VictimSwap swap = assertInstanceOf(V3VictimSwap.class, result);
        assertEquals(router02 ? V3Router.SWAP_ROUTER_02 : V3Router.SWAP_ROUTER, swap.router());
        assertEquals(name, swap.function());
        assertEquals(exactInput, swap.exactInput());
        assertEquals(List.of(new V3PathHop(A, fee, B)), swap.path());
        assertEquals(RECIPIENT, swap.recipient());
        assertEquals(amount, swap.amount());
        assertEquals(limitAmount, swap.limitAmount());
        assertEquals(priceLimit, swap.sqrtPriceLimitX96());
        assertEquals(router02 ? Optional.empty() : Optional.of(deadline), swap.deadline());
    }

    @Property(tries = 300)
    void swapRouterPathFormsRoundTripWithExactOutputPathsReversed(
            @ForAll("uint256") BigInteger amount,
            @ForAll("uint256") BigInteger limitAmount,
            @ForAll("fee") int fee1,
            @ForAll("fee") int fee2,
            @ForAll("uint256") BigInteger deadline,
            @ForAll boolean exactInput,
            @ForAll boolean router02,
            @ForAll boolean twoHops) {
        // trade order A -fee1-> B [-fee2-> C]; exact output encodes it from the output token backwards
        List<V3PathHop> trade = twoHops
                ? List.of(new V3PathHop(A, fee1, B), new V3PathHop(B, fee2, C))
                : List.of(new V3PathHop(A, fee1, B));
        byte[] packed = exactInput ? pack(trade) : packReversed(trade);
        @SuppressWarnings("rawtypes") // web3j ABI values are raw Type
        List<Type> fields = new ArrayList<>(
                List.of(new DynamicBytes(packed), new org.web3j.abi.datatypes.Address(RECIPIENT.hex())));
        if (!router02) {
            fields.add(new Uint256(deadline));
        }
        fields.addAll(List.of(new Uint256(amount), new Uint256(limitAmount)));
        String name = exactInput ? "exactInput" : "exactOutput";
        String data = FunctionEncoder.encode(new Function(name, List.of(new DynamicStruct(fields)), List.of()));
        V3DecodeResult result = V3SwapDecoder.decode(data);
        if (router02 && exactInput && amount.signum() == 0) {
            assertEquals(Reason.AMOUNT_FROM_BALANCE, ((V3NotUnderstood) result).reason());
            return;
        }
        V3VictimSwap swap = assertInstanceOf(V3VictimSwap.class, result);
        assertEquals(trade, swap.path());
        assertEquals(A, swap.tokenIn());
        assertEquals(twoHops ? C : B, swap.tokenOut());
        assertEquals(amount, swap.amount());
        assertEquals(limitAmount, swap.limitAmount());
        assertEquals(router02 ? Optional.empty() : Optional.of(deadline), swap.deadline());
        assertEquals(exactInput, swap.exactInput());
    }

    @Test
    void multicallTakesTheDeadlineAndIgnoresNonSwapCalls() {
        String swap = exactInputSingle02(BigInteger.TEN.pow(18), BigInteger.ONE);
        String refund = FunctionEncoder.encode(new Function("refundETH", List.of(), List.of()));
        String multicall = multicall(BigInteger.valueOf(1_700_000_000L), swap, refund);
        V3VictimSwap decoded = assertInstanceOf(V3VictimSwap.class, V3SwapDecoder.decode(multicall));
        assertEquals(Optional.of(BigInteger.valueOf(1_700_000_000L)), decoded.deadline());
        assertEquals(BigInteger.TEN.pow(18), decoded.amount());

        String plain = FunctionEncoder.encode(new Function(
                "multicall", List.of(new DynamicArray<>(DynamicBytes.class, bytes(swap), bytes(refund))), List.of()));
        assertEquals(Optional.empty(), ((V3VictimSwap) V3SwapDecoder.decode(plain)).deadline());
        String withBlockhash = FunctionEncoder.encode(new Function(
                "multicall",
                List.of(new Bytes32(new byte[32]), new DynamicArray<>(DynamicBytes.class, bytes(swap))),
                List.of()));
        assertInstanceOf(V3VictimSwap.class, V3SwapDecoder.decode(withBlockhash));

        assertReason(Reason.MULTIPLE_SWAPS, multicall(BigInteger.ONE, swap, swap));
        String v2 = FunctionEncoder.encode(new Function(
                "swapExactTokensForTokens",
                List.of(
                        new Uint256(1),
                        new Uint256(0),
                        new DynamicArray<>(
                                org.web3j.abi.datatypes.Address.class,
                                new org.web3j.abi.datatypes.Address(A.hex()),
                                new org.web3j.abi.datatypes.Address(B.hex())),
                        new org.web3j.abi.datatypes.Address(RECIPIENT.hex())),
                List.of()));
        assertReason(Reason.MULTIPLE_SWAPS, multicall(BigInteger.ONE, swap, v2));
        assertReason(Reason.NO_V3_SWAP, multicall(BigInteger.ONE, refund));
        assertReason(Reason.NO_V3_SWAP, multicall(BigInteger.ONE, v2));
        assertReason(
                Reason.AMOUNT_FROM_BALANCE,
                multicall(BigInteger.ONE, exactInputSingle02(BigInteger.ZERO, BigInteger.ONE)));
    }

    @Test
    void universalRouterCommandsDecodeInBothInputLayouts() {
        BigInteger deadline = BigInteger.valueOf(1_800_000_000L);
        byte[] pathIn = pack(List.of(new V3PathHop(A, 3000, B), new V3PathHop(B, 500, C)));
        String exactIn = urSwap(RECIPIENT, BigInteger.valueOf(123), BigInteger.valueOf(45), pathIn, true, null);
        V3VictimSwap in = assertInstanceOf(
                V3VictimSwap.class, V3SwapDecoder.decode(execute(deadline, new int[] {0x0b, 0x00}, urWrap(), exactIn)));
        assertEquals("V3_SWAP_EXACT_IN", in.function());
        assertEquals(List.of(new V3PathHop(A, 3000, B), new V3PathHop(B, 500, C)), in.path());
        assertEquals(BigInteger.valueOf(123), in.amount());
        assertEquals(BigInteger.valueOf(45), in.limitAmount());
        assertEquals(Optional.of(deadline), in.deadline());

        // Universal Router 2.1: a sixth word with per-hop minimum prices; exact output path from the output token
        List<V3PathHop> trade = List.of(new V3PathHop(A, 100, B), new V3PathHop(B, 10000, C));
        String exactOut = urSwap(
                RECIPIENT,
                BigInteger.valueOf(7),
                BigInteger.valueOf(9),
                packReversed(trade),
                false,
                List.of(BigInteger.TEN, BigInteger.TWO));
        V3VictimSwap out = assertInstanceOf(
                V3VictimSwap.class,
                V3SwapDecoder.decode(executeNoDeadline(new int[] {0x81, 0x04}, exactOut, urWrap())));
        assertEquals("V3_SWAP_EXACT_OUT", out.function()); // 0x81: the allow-revert flag is masked off
        assertFalse(out.exactInput());
        assertEquals(trade, out.path());
        assertEquals(List.of(BigInteger.TEN, BigInteger.TWO), out.minHopPriceX36());
        assertEquals(Optional.empty(), out.deadline());

        assertReason(Reason.MULTIPLE_SWAPS, execute(deadline, new int[] {0x00, 0x00}, exactIn, exactIn));
        assertReason(Reason.MULTIPLE_SWAPS, execute(deadline, new int[] {0x08, 0x00}, urWrap(), exactIn));
        assertReason(Reason.NO_V3_SWAP, execute(deadline, new int[] {0x0b}, urWrap()));
        assertReason(Reason.MALFORMED, execute(deadline, new int[] {0x00, 0x0b}, exactIn));
        String balance = urSwap(RECIPIENT, BigInteger.ONE.shiftLeft(255), BigInteger.ONE, pathIn, false, null);
        assertReason(Reason.AMOUNT_FROM_BALANCE, execute(deadline, new int[] {0x00}, balance));
        String badPath = urSwap(RECIPIENT, BigInteger.ONE, BigInteger.ONE, Arrays.copyOf(pathIn, 50), true, null);
        assertReason(Reason.MALFORMED, execute(deadline, new int[] {0x00}, badPath));
        String wrongHopCount = urSwap(RECIPIENT, BigInteger.ONE, BigInteger.ONE, pathIn, true, List.of(BigInteger.ONE));
        assertReason(Reason.MALFORMED, execute(deadline, new int[] {0x00}, wrongHopCount));
    }

    @Test
    void dirtyHighBitsAndShortDataAreMalformed() {
        String good = exactInputSingle02(BigInteger.TEN, BigInteger.ONE);
        // the fee word (third field) with a bit above uint24
        char[] chars = good.toCharArray();
        int feeWordStart = 2 + 8 + 2 * 64;
        chars[feeWordStart + 10] = '1';
        assertReason(Reason.MALFORMED, new String(chars));
        assertReason(Reason.MALFORMED, good.substring(0, good.length() - 64));
        assertReason(Reason.NO_SELECTOR, "0x");
        assertReason(Reason.NO_SELECTOR, "0x04e45a");
        assertReason(Reason.MALFORMED, "0xzz");
        assertReason(Reason.UNKNOWN_SELECTOR, "0xa9059cbb" + "00".repeat(64));
        assertEquals(Reason.NO_SELECTOR, ((V3NotUnderstood) V3SwapDecoder.decode((String) null)).reason());
    }

    // ---- garbage never throws ----

    @Property(tries = 3000)
    void randomBytesAreNeverAnException(@ForAll("randomCalldata") byte[] calldata) {
        V3DecodeResult result = V3SwapDecoder.decode(calldata);
        assertNotNull(result);
        if (result instanceof V3NotUnderstood n) {
            assertNotNull(n.detail());
        }
    }

    @Property(tries = 3000)
    void mutatedValidCalldataIsNeverAnException(
            @ForAll("validCalldata") byte[] valid,
            @ForAll @IntRange(min = 0, max = 4000) int position,
            @ForAll byte value,
            @ForAll @IntRange(min = 0, max = 2) int mutation) {
        byte[] mutated;
        int at = position % valid.length;
        switch (mutation) {
            case 0 -> {
                mutated = valid.clone();
                mutated[at] = value;
            }
            case 1 -> mutated = Arrays.copyOf(valid, at);
            default -> {
                mutated = Arrays.copyOf(valid, valid.length + 1 + (at % 64));
                mutated[valid.length] = value;
            }
        }
        assertNotNull(V3SwapDecoder.decode(mutated));
    }

    @Provide
    Arbitrary<byte[]> randomCalldata() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        // a known selector followed by noise reaches the argument decoding
        Arbitrary<byte[]> selectorThenNoise = Combinators.combine(
                        Arbitraries.of(
                                V3SwapDecoder.EXACT_INPUT_SINGLE,
                                V3SwapDecoder.EXACT_INPUT,
                                V3SwapDecoder.EXACT_OUTPUT_SINGLE,
                                V3SwapDecoder.EXACT_OUTPUT,
                                V3SwapDecoder.EXACT_INPUT_SINGLE_02,
                                V3SwapDecoder.EXACT_INPUT_02,
                                V3SwapDecoder.EXACT_OUTPUT_SINGLE_02,
                                V3SwapDecoder.EXACT_OUTPUT_02,
                                V3SwapDecoder.MULTICALL,
                                V3SwapDecoder.MULTICALL_DEADLINE,
                                V3SwapDecoder.MULTICALL_BLOCKHASH,
                                V3SwapDecoder.EXECUTE,
                                V3SwapDecoder.EXECUTE_DEADLINE),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(600))
                .as((selector, tail) -> {
                    byte[] out = new byte[4 + tail.length];
                    out[0] = (byte) (selector >>> 24);
                    out[1] = (byte) (selector >>> 16);
                    out[2] = (byte) (selector >>> 8);
                    out[3] = (byte) (int) selector;
                    System.arraycopy(tail, 0, out, 4, tail.length);
                    return out;
                });
        // small words (0..300) make plausible offsets and lengths, so nested decoding is reached
        Arbitrary<byte[]> smallWords = Combinators.combine(
                        Arbitraries.of(
                                V3SwapDecoder.EXACT_INPUT,
                                V3SwapDecoder.MULTICALL_DEADLINE,
                                V3SwapDecoder.EXECUTE_DEADLINE),
                        Arbitraries.integers().between(0, 300).list().ofMaxSize(16))
                .as((selector, words) -> {
                    byte[] out = new byte[4 + 32 * words.size()];
                    out[0] = (byte) (selector >>> 24);
                    out[1] = (byte) (selector >>> 16);
                    out[2] = (byte) (selector >>> 8);
                    out[3] = (byte) (int) selector;
                    for (int i = 0; i < words.size(); i++) {
                        out[4 + 32 * i + 30] = (byte) (words.get(i) >>> 8);
                        out[4 + 32 * i + 31] = (byte) (int) words.get(i);
                    }
                    return out;
                });
        return Arbitraries.oneOf(noise, selectorThenNoise, smallWords);
    }

    @Provide
    Arbitrary<byte[]> validCalldata() {
        byte[] path = pack(List.of(new V3PathHop(A, 3000, B), new V3PathHop(B, 500, C)));
        String ur = execute(
                BigInteger.TEN,
                new int[] {0x0b, 0x00},
                urWrap(),
                urSwap(RECIPIENT, BigInteger.TEN, BigInteger.ONE, path, true, List.of(BigInteger.ONE, BigInteger.TWO)));
        String sr = FunctionEncoder.encode(new Function(
                "exactInput",
                List.of(new DynamicStruct(
                        new DynamicBytes(path),
                        new org.web3j.abi.datatypes.Address(RECIPIENT.hex()),
                        new Uint256(1),
                        new Uint256(2),
                        new Uint256(3))),
                List.of()));
        String mc = multicall(BigInteger.TEN, exactInputSingle02(BigInteger.TEN, BigInteger.ONE));
        return Arbitraries.of(Hex.decode(ur), Hex.decode(sr), Hex.decode(mc));
    }

    @Provide
    Arbitrary<BigInteger> uint256() {
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers()
                        .between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(24)));
    }

    @Provide
    Arbitrary<BigInteger> uint160() {
        return Arbitraries.bigIntegers()
                .between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE));
    }

    @Provide
    Arbitrary<Integer> fee() {
        return Arbitraries.oneOf(
                Arbitraries.of(100, 500, 3000, 10000), Arbitraries.integers().between(0, (1 << 24) - 1));
    }

    // ---- encoders ----

    private static void assertReason(Reason reason, String calldata) {
        V3NotUnderstood n = assertInstanceOf(V3NotUnderstood.class, V3SwapDecoder.decode(calldata));
        assertEquals(reason, n.reason(), n.detail());
    }

    static byte[] pack(List<V3PathHop> hops) {
        byte[] out = new byte[20 + 23 * hops.size()];
        System.arraycopy(hops.get(0).tokenIn().bytes(), 0, out, 0, 20);
        for (int i = 0; i < hops.size(); i++) {
            V3PathHop h = hops.get(i);
            out[20 + 23 * i] = (byte) (h.fee() >>> 16);
            out[21 + 23 * i] = (byte) (h.fee() >>> 8);
            out[22 + 23 * i] = (byte) h.fee();
            System.arraycopy(h.tokenOut().bytes(), 0, out, 23 + 23 * i, 20);
        }
        return out;
    }

    /** The exact-output encoding: from the output token back to the input token. */
    static byte[] packReversed(List<V3PathHop> trade) {
        List<V3PathHop> reversed = new ArrayList<>();
        for (int i = trade.size() - 1; i >= 0; i--) {
            V3PathHop h = trade.get(i);
            reversed.add(new V3PathHop(h.tokenOut(), h.fee(), h.tokenIn()));
        }
        return pack(reversed);
    }

    static String exactInputSingle02(BigInteger amountIn, BigInteger amountOutMinimum) {
        return FunctionEncoder.encode(new Function(
                "exactInputSingle",
                List.of(new StaticStruct(
                        new org.web3j.abi.datatypes.Address(A.hex()),
                        new org.web3j.abi.datatypes.Address(B.hex()),
                        new Uint24(3000),
                        new org.web3j.abi.datatypes.Address(RECIPIENT.hex()),
                        new Uint256(amountIn),
                        new Uint256(amountOutMinimum),
                        new Uint160(BigInteger.ZERO))),
                List.of()));
    }

    static String multicall(BigInteger deadline, String... calls) {
        DynamicBytes[] inner =
                Arrays.stream(calls).map(V3SwapDecoderTest::bytes).toArray(DynamicBytes[]::new);
        return FunctionEncoder.encode(new Function(
                "multicall", List.of(new Uint256(deadline), new DynamicArray<>(DynamicBytes.class, inner)), List.of()));
    }

    /** abi.encode(recipient, amount, limitAmount, path, payerIsUser [, minHopPriceX36]) as hex. */
    static String urSwap(
            Address recipient,
            BigInteger amount,
            BigInteger limit,
            byte[] path,
            boolean payerIsUser,
            List<BigInteger> minHop) {
        @SuppressWarnings("rawtypes") // web3j ABI values are raw Type
        List<Type> fields = new ArrayList<>(List.of(
                new org.web3j.abi.datatypes.Address(recipient.hex()),
                new Uint256(amount),
                new Uint256(limit),
                new DynamicBytes(path),
                new Bool(payerIsUser)));
        if (minHop != null) {
            fields.add(new DynamicArray<>(
                    Uint256.class, minHop.stream().map(Uint256::new).toList()));
        }
        return "0x" + FunctionEncoder.encodeConstructor(fields);
    }

    static String urWrap() {
        return "0x"
                + FunctionEncoder.encodeConstructor(List.of(
                        new org.web3j.abi.datatypes.Address("0x0000000000000000000000000000000000000002"),
                        new Uint256(5)));
    }

    static String execute(BigInteger deadline, int[] commands, String... inputs) {
        return FunctionEncoder.encode(new Function(
                "execute",
                List.of(new DynamicBytes(commandBytes(commands)), inputArray(inputs), new Uint256(deadline)),
                List.of()));
    }

    static String executeNoDeadline(int[] commands, String... inputs) {
        return FunctionEncoder.encode(new Function(
                "execute", List.of(new DynamicBytes(commandBytes(commands)), inputArray(inputs)), List.of()));
    }

    private static byte[] commandBytes(int[] commands) {
        byte[] out = new byte[commands.length];
        for (int i = 0; i < commands.length; i++) {
            out[i] = (byte) commands[i];
        }
        return out;
    }

    private static DynamicArray<DynamicBytes> inputArray(String... inputs) {
        return new DynamicArray<>(
                DynamicBytes.class,
                Arrays.stream(inputs).map(V3SwapDecoderTest::bytes).toArray(DynamicBytes[]::new));
    }

    private static DynamicBytes bytes(String hex) {
        return new DynamicBytes(Hex.decode(hex));
    }
}

package io.mevkit.core.amm;

import io.mevkit.testing.Abi;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.Receipt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Int128;
import org.web3j.abi.datatypes.generated.Int16;
import org.web3j.abi.datatypes.generated.Int24;
import org.web3j.abi.datatypes.generated.Int56;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint24;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;

/** Test support: reads a real V3 pool into a {@link V3PoolState} and drives SwapRouter, all over plain eth_call/tx. */
@SuppressWarnings("rawtypes")
public final class V3Chain {
    public static final String SWAP_TOPIC =
            Hash.sha3String("Swap(address,address,int256,int256,uint160,uint128,int24)");

    private V3Chain() {}

    /** The pool's slot0 price and tick. */
    public static Slot0 slot0(Anvil anvil, String pool) {
        List<Type> out = anvil.call(
                pool,
                Abi.fn(
                        "slot0",
                        List.of(),
                        List.of(
                                new TypeReference<Uint160>() {},
                                new TypeReference<Int24>() {},
                                new TypeReference<Uint16>() {},
                                new TypeReference<Uint16>() {},
                                new TypeReference<Uint16>() {},
                                new TypeReference<Uint8>() {},
                                new TypeReference<Bool>() {})));
        return new Slot0(
                (BigInteger) out.get(0).getValue(), ((BigInteger) out.get(1).getValue()).intValueExact());
    }

    public record Slot0(BigInteger sqrtPriceX96, int tick) {}

    public static BigInteger liquidity(Anvil anvil, String pool) {
        return (BigInteger) anvil.call(pool, Abi.fn("liquidity", List.of(), List.of(new TypeReference<Uint128>() {})))
                .get(0)
                .getValue();
    }

    public static int fee(Anvil anvil, String pool) {
        return ((BigInteger) anvil.call(pool, Abi.fn("fee", List.of(), List.of(new TypeReference<Uint24>() {})))
                        .get(0)
                        .getValue())
                .intValueExact();
    }

    public static int tickSpacing(Anvil anvil, String pool) {
        return ((BigInteger) anvil.call(pool, Abi.fn("tickSpacing", List.of(), List.of(new TypeReference<Int24>() {})))
                        .get(0)
                        .getValue())
                .intValueExact();
    }

    /** Every non-empty {@code tickBitmap(int16)} word of the pool: the whole usable tick range is scanned. */
    public static Map<Integer, BigInteger> bitmapWords(Anvil anvil, String pool, int tickSpacing) {
        int fromWord = Math.floorDiv(TickMath.MIN_TICK, tickSpacing) >> 8;
        int toWord = (TickMath.MAX_TICK / tickSpacing) >> 8;
        Map<Integer, BigInteger> words = new TreeMap<>();
        for (int w = fromWord; w <= toWord; w++) {
            BigInteger word = (BigInteger) anvil.call(
                            pool, Abi.fn("tickBitmap", List.of(new Int16(w)), List.of(new TypeReference<Uint256>() {})))
                    .get(0)
                    .getValue();
            if (word.signum() != 0) {
                words.put(w, word);
            }
        }
        return words;
    }

    /** {@code ticks(tick).liquidityNet}. */
    public static BigInteger liquidityNet(Anvil anvil, String pool, int tick) {
        List<Type> out = anvil.call(
                pool,
                Abi.fn(
                        "ticks",
                        List.of(new Int24(tick)),
                        List.of(
                                new TypeReference<Uint128>() {},
                                new TypeReference<Int128>() {},
                                new TypeReference<Uint256>() {},
                                new TypeReference<Uint256>() {},
                                new TypeReference<Int56>() {},
                                new TypeReference<Uint160>() {},
                                new TypeReference<Uint32>() {},
                                new TypeReference<Bool>() {})));
        if (!((Boolean) out.get(7).getValue())) {
            throw new AssertionError("tick " + tick + " has its bitmap bit set but is not initialized");
        }
        return (BigInteger) out.get(1).getValue();
    }

    /** The initialized ticks (from the bitmap) with their liquidityNet, read from the chain. */
    public static TreeMap<Integer, BigInteger> initializedTicks(Anvil anvil, String pool, int tickSpacing) {
        TickBitmap bitmap = TickBitmap.ofWords(bitmapWords(anvil, pool, tickSpacing));
        TreeMap<Integer, BigInteger> ticks = new TreeMap<>();
        for (int w = Math.floorDiv(TickMath.MIN_TICK, tickSpacing) >> 8;
                w <= (TickMath.MAX_TICK / tickSpacing) >> 8;
                w++) {
            BigInteger word = bitmap.word(w);
            for (int bit = word.getLowestSetBit(); bit >= 0; bit = word.getLowestSetBit()) {
                int tick = (w * 256 + bit) * tickSpacing;
                ticks.put(tick, liquidityNet(anvil, pool, tick));
                word = word.clearBit(bit);
            }
        }
        return ticks;
    }

    /** The pool as a swap sees it now: slot0 and liquidity read fresh, the given (chain-read) ticks. */
    public static V3PoolState state(
            Anvil anvil, String pool, int fee, int tickSpacing, Map<Integer, BigInteger> ticks) {
        Slot0 slot0 = slot0(anvil, pool);
        V3PoolState.Builder b = V3PoolState.builder()
                .address(io.mevkit.core.Address.of(pool))
                .sqrtPriceX96(slot0.sqrtPriceX96())
                .tick(slot0.tick())
                .liquidity(liquidity(anvil, pool))
                .fee(fee)
                .tickSpacing(tickSpacing)
                .blockNumber(anvil.blockNumber());
        ticks.forEach(b::initializedTick);
        return b.build();
    }

    /** SwapRouter {@code exactInputSingle} calldata. */
    public static String exactInputSingle(
            String tokenIn,
            String tokenOut,
            int fee,
            String recipient,
            BigInteger amountIn,
            BigInteger amountOutMinimum,
            BigInteger sqrtPriceLimitX96) {
        StaticStruct params = new StaticStruct(
                new Address(tokenIn),
                new Address(tokenOut),
                new Uint24(fee),
                new Address(recipient),
                Abi.farDeadline(),
                new Uint256(amountIn),
                new Uint256(amountOutMinimum),
                new Uint160(sqrtPriceLimitX96));
        return FunctionEncoder.encode(Abi.fn("exactInputSingle", params));
    }

    /** SwapRouter {@code exactInput} calldata for a packed path. */
    public static String exactInput(byte[] path, String recipient, BigInteger amountIn, BigInteger amountOutMinimum) {
        DynamicStruct params = new DynamicStruct(
                new DynamicBytes(path),
                new Address(recipient),
                Abi.farDeadline(),
                new Uint256(amountIn),
                new Uint256(amountOutMinimum));
        return FunctionEncoder.encode(Abi.fn("exactInput", params));
    }

    /** SwapRouter {@code exactOutputSingle} calldata. */
    public static String exactOutputSingle(
            String tokenIn,
            String tokenOut,
            int fee,
            String recipient,
            BigInteger amountOut,
            BigInteger amountInMaximum,
            BigInteger sqrtPriceLimitX96) {
        StaticStruct params = new StaticStruct(
                new Address(tokenIn),
                new Address(tokenOut),
                new Uint24(fee),
                new Address(recipient),
                Abi.farDeadline(),
                new Uint256(amountOut),
                new Uint256(amountInMaximum),
                new Uint160(sqrtPriceLimitX96));
        return FunctionEncoder.encode(Abi.fn("exactOutputSingle", params));
    }

    /** The pool's Swap event in a receipt. */
    public static SwapEvent swapEvent(Receipt receipt, String pool) {
        List<SwapEvent> events = new ArrayList<>();
        for (Receipt.Log log : receipt.logs()) {
            if (log.address().equalsIgnoreCase(pool)
                    && !log.topics().isEmpty()
                    && log.topics().get(0).equalsIgnoreCase(SWAP_TOPIC)) {
                String data = log.data().substring(2);
                events.add(new SwapEvent(
                        word(data, 0, true),
                        word(data, 1, true),
                        word(data, 2, false),
                        word(data, 3, false),
                        word(data, 4, true).intValueExact()));
            }
        }
        if (events.size() != 1) {
            throw new AssertionError("expected one Swap event of " + pool + " but found " + events.size());
        }
        return events.get(0);
    }

    private static BigInteger word(String hex, int index, boolean signed) {
        String w = hex.substring(index * 64, index * 64 + 64);
        BigInteger unsigned = new BigInteger(w, 16);
        return signed && unsigned.testBit(255) ? unsigned.subtract(BigInteger.ONE.shiftLeft(256)) : unsigned;
    }

    /** The pool's {@code Swap} event fields. */
    public record SwapEvent(
            BigInteger amount0, BigInteger amount1, BigInteger sqrtPriceX96, BigInteger liquidity, int tick) {}

    /** token0 and token1 of two tokens, sorted as the factory sorts them. */
    public static String[] sorted(String a, String b) {
        return new BigInteger(a.substring(2), 16).compareTo(new BigInteger(b.substring(2), 16)) < 0
                ? new String[] {a, b}
                : new String[] {b, a};
    }
}

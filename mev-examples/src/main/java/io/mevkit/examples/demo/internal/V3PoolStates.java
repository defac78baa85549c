package io.mevkit.examples.demo.internal;

import io.mevkit.core.Address;
import io.mevkit.core.amm.TickMath;
import io.mevkit.core.amm.V3PoolState;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
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

/**
 * Reads a Uniswap V3 pool as the exact swap simulation needs it: {@code slot0}, liquidity, fee and spacing at a block,
 * and every initialized tick with its {@code liquidityNet} (the whole bitmap scanned once per pool and cached: the
 * demo adds no liquidity once it runs, and a stale cache would fail the state's own liquidity check rather than
 * mislead). Thread-safe.
 */
@SuppressWarnings("rawtypes")
public final class V3PoolStates {
    private final RpcClient rpc;
    private final Map<Address, Map<Integer, BigInteger>> ticks = new ConcurrentHashMap<>();

    public V3PoolStates(RpcClient rpc) {
        this.rpc = rpc;
    }

    /** The pool at the end of {@code block}, with complete tick data. */
    public V3PoolState read(Address pool, long block) {
        BlockTag tag = BlockTag.number(block);
        List<Type> slot0 = call(
                pool,
                "slot0",
                List.of(),
                List.of(
                        new TypeReference<Uint160>() {},
                        new TypeReference<Int24>() {},
                        new TypeReference<Uint16>() {},
                        new TypeReference<Uint16>() {},
                        new TypeReference<Uint16>() {},
                        new TypeReference<Uint8>() {},
                        new TypeReference<Bool>() {}),
                tag);
        BigInteger liquidity =
                (BigInteger) call(pool, "liquidity", List.of(), List.of(new TypeReference<Uint128>() {}), tag)
                        .get(0)
                        .getValue();
        int fee = ((BigInteger) call(pool, "fee", List.of(), List.of(new TypeReference<Uint24>() {}), tag)
                        .get(0)
                        .getValue())
                .intValueExact();
        int spacing = ((BigInteger) call(pool, "tickSpacing", List.of(), List.of(new TypeReference<Int24>() {}), tag)
                        .get(0)
                        .getValue())
                .intValueExact();
        V3PoolState.Builder b = V3PoolState.builder()
                .address(pool)
                .sqrtPriceX96((BigInteger) slot0.get(0).getValue())
                .tick(((BigInteger) slot0.get(1).getValue()).intValueExact())
                .liquidity(liquidity)
                .fee(fee)
                .tickSpacing(spacing)
                .blockNumber(block);
        ticks.computeIfAbsent(pool, p -> scan(p, spacing, tag)).forEach(b::initializedTick);
        return b.build();
    }

    private Map<Integer, BigInteger> scan(Address pool, int spacing, BlockTag tag) {
        Map<Integer, BigInteger> out = new TreeMap<>();
        int from = Math.floorDiv(TickMath.MIN_TICK, spacing) >> 8;
        int to = (TickMath.MAX_TICK / spacing) >> 8;
        for (int w = from; w <= to; w++) {
            BigInteger word = (BigInteger)
                    call(pool, "tickBitmap", List.of(new Int16(w)), List.of(new TypeReference<Uint256>() {}), tag)
                            .get(0)
                            .getValue();
            for (int bit = word.getLowestSetBit(); bit >= 0; bit = word.getLowestSetBit()) {
                int tick = (w * 256 + bit) * spacing;
                List<Type> info = call(
                        pool,
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
                                new TypeReference<Bool>() {}),
                        tag);
                out.put(tick, (BigInteger) info.get(1).getValue());
                word = word.clearBit(bit);
            }
        }
        return Map.copyOf(out);
    }

    private List<Type> call(Address to, String name, List<Type> inputs, List<TypeReference<?>> outputs, BlockTag tag) {
        Function fn = new Function(name, inputs, outputs);
        byte[] answer = rpc.call(to, io.mevkit.core.Hex.decode(FunctionEncoder.encode(fn)), tag);
        return FunctionReturnDecoder.decode(io.mevkit.core.Hex.encode(answer), fn.getOutputParameters());
    }
}

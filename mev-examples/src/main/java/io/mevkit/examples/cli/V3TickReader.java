package io.mevkit.examples.cli;

import io.mevkit.core.Address;
import io.mevkit.core.Hex;
import io.mevkit.core.MevException;
import io.mevkit.core.pool.V3PoolState;
import io.mevkit.core.rpc.BatchResult;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.RpcRequest;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a V3 pool's initialized ticks around its current tick, from {@code tickBitmap(int16)} and
 * {@code ticks(int24)} at one block, into the swap simulator's pool state. Only the words read are declared known,
 * so a swap that would leave them fails with a typed error instead of being mispriced.
 */
final class V3TickReader {
    private static final byte[] TICK_BITMAP = Hex.decode("0x5339c296");
    private static final byte[] TICKS = Hex.decode("0xf30dba93");

    private V3TickReader() {}

    /**
     * The simulator's state of {@code pool} with the initialized ticks of the {@code words} bitmap words on each side
     * of the current one.
     */
    static io.mevkit.core.amm.V3PoolState read(RpcClient rpc, V3PoolState pool, int words) {
        BlockTag block = BlockTag.number(pool.blockNumber());
        int spacing = pool.tickSpacing();
        int compressed = Math.floorDiv(pool.tick(), spacing);
        int current = compressed >> 8;
        int from = Math.max(Short.MIN_VALUE, current - words);
        int to = Math.min(Short.MAX_VALUE, current + words);
        List<RpcRequest<byte[]>> bitmapCalls = new ArrayList<>();
        for (int w = from; w <= to; w++) {
            bitmapCalls.add(call(pool.pool(), TICK_BITMAP, BigInteger.valueOf(w), block));
        }
        BatchResult bitmaps = rpc.batch(bitmapCalls);
        List<Integer> ticks = new ArrayList<>();
        for (int i = 0; i < bitmapCalls.size(); i++) {
            BigInteger word = new BigInteger(1, answer(bitmaps, bitmapCalls.get(i), pool.pool(), "tickBitmap"));
            for (int bit = 0; bit < 256; bit++) {
                if (word.testBit(bit)) {
                    ticks.add(((from + i) * 256 + bit) * spacing);
                }
            }
        }
        io.mevkit.core.amm.V3PoolState.Builder b = io.mevkit.core.amm.V3PoolState.builder()
                .address(pool.pool())
                .sqrtPriceX96(pool.sqrtPriceX96())
                .tick(pool.tick())
                .liquidity(pool.liquidity())
                .fee(pool.fee())
                .tickSpacing(spacing)
                .blockNumber(pool.blockNumber())
                .tickDataWords(from, to);
        if (!ticks.isEmpty()) {
            List<RpcRequest<byte[]>> tickCalls = ticks.stream()
                    .map(t -> call(pool.pool(), TICKS, BigInteger.valueOf(t), block))
                    .toList();
            BatchResult answers = rpc.batch(tickCalls);
            for (int i = 0; i < ticks.size(); i++) {
                byte[] info = answer(answers, tickCalls.get(i), pool.pool(), "ticks");
                if (info.length < 64) {
                    throw new MevException("ticks(" + ticks.get(i) + ") of " + pool.pool() + " answered " + info.length
                            + " bytes: not a V3 pool");
                }
                // liquidityNet is an int128 in the second word, sign-extended to 256 bits
                BigInteger net = new BigInteger(Arrays.copyOfRange(info, 32, 64));
                b.initializedTick(ticks.get(i), net);
            }
        }
        return b.build();
    }

    private static RpcRequest<byte[]> call(Address to, byte[] selector, BigInteger arg, BlockTag block) {
        byte[] data = new byte[selector.length + 32];
        System.arraycopy(selector, 0, data, 0, selector.length);
        byte[] word = arg.signum() < 0 ? BigInteger.ONE.shiftLeft(256).add(arg).toByteArray() : arg.toByteArray();
        int n = Math.min(word.length, 32);
        System.arraycopy(word, word.length - n, data, data.length - n, n);
        return RpcRequest.of("eth_call", byte[].class, Map.of("to", to, "data", data), block);
    }

    private static byte[] answer(BatchResult answers, RpcRequest<byte[]> request, Address pool, String method) {
        return Objects.requireNonNull(answers.get(request), method + " result of " + pool);
    }
}

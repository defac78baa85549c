package io.mevkit.core.pool;

import io.mevkit.core.Address;
import io.mevkit.core.Chain;
import io.mevkit.core.Hex;
import io.mevkit.core.MevException;
import io.mevkit.core.ValidationException;
import io.mevkit.core.amm.TickMath;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.RpcException;
import io.mevkit.core.rpc.internal.BatchedCalls;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Uniswap V3 pool with its initialized ticks, everything pinned to one block number: the metadata and
 * {@code slot0} (one JSON-RPC batch), the {@code tickBitmap} words within {@code wordRadius} words of the current
 * tick's word, then {@code ticks(t).liquidityNet} of every initialized tick in them (each through Multicall3
 * {@code aggregate3}, or one JSON-RPC batch where none is configured): three round trips per pool. The result runs in
 * {@link io.mevkit.core.amm.V3SwapSimulator} for any swap that stays within the words read; one that leaves them fails
 * with {@link io.mevkit.core.amm.V3TickDataMissingException} instead of silently missing liquidity.
 *
 * <p>Words beyond the pool's usable ticks can hold no initialized tick, so a range clamped at either end is known to
 * that end; when both ends are reached the ticks are complete and the simulator's consistency check (in-range
 * liquidity = sum of {@code liquidityNet} at or below the tick) applies. Holds no state; thread-safe as the client is.
 */
public final class V3TickReader {
    private static final byte[] TICK_BITMAP = Hex.decode("0x5339c296"); // tickBitmap(int16)
    private static final byte[] TICKS = Hex.decode("0xf30dba93"); // ticks(int24)
    private static final int TICK_INFO_SIZE = 8 * 32;

    private final RpcClient client;
    private final V3PoolReader metadataReader;
    private final Optional<Address> multicall3;
    private final int chunkSize;
    private final int wordRadius;

    private V3TickReader(Builder b, RpcClient client) {
        this.client = client;
        this.metadataReader = V3PoolReader.of(client);
        this.multicall3 = Optional.ofNullable(b.multicall3);
        this.chunkSize = b.chunkSize;
        this.wordRadius = b.wordRadius;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The pool at the end of {@code blockNumber}, with the ticks of the configured word radius. */
    public V3PoolSnapshot read(Address pool, long blockNumber) {
        return read(pool, blockNumber, wordRadius);
    }

    /**
     * The pool at the end of {@code blockNumber}, with the initialized ticks of the bitmap words
     * {@code center - wordRadius .. center + wordRadius} (clamped to the usable range), {@code center} being the word
     * of the current tick.
     *
     * @throws MevException if the address does not answer as a V3 pool, or its tick data is inconsistent
     * @throws RpcException if the node cannot be asked
     */
    public V3PoolSnapshot read(Address pool, long blockNumber, int wordRadius) {
        Objects.requireNonNull(pool, "pool");
        requireRadius(wordRadius);
        V3PoolState meta = metadataReader.read(pool, blockNumber);
        int spacing = meta.tickSpacing();
        int lowest = Math.floorDiv(TickMath.MIN_TICK, spacing) >> 8;
        int highest = Math.floorDiv(TickMath.MAX_TICK, spacing) >> 8;
        int center = Math.floorDiv(meta.tick(), spacing) >> 8;
        int from = Math.max(lowest, center - wordRadius);
        int to = Math.min(highest, center + wordRadius);

        List<BatchedCalls.Call> wordCalls = new ArrayList<>(to - from + 1);
        for (int w = from; w <= to; w++) {
            wordCalls.add(new BatchedCalls.Call(pool, withArgument(TICK_BITMAP, BigInteger.valueOf(w))));
        }
        List<BatchedCalls.Outcome> words =
                BatchedCalls.call(client, multicall3, chunkSize, wordCalls, BlockTag.number(blockNumber));
        List<Integer> initialized = new ArrayList<>();
        for (int w = from; w <= to; w++) {
            BigInteger word = uint(words.get(w - from), 32, 0, pool, "tickBitmap(" + w + ")");
            for (int bit = word.getLowestSetBit(); bit >= 0; bit = word.getLowestSetBit()) {
                initialized.add((w * 256 + bit) * spacing);
                word = word.clearBit(bit);
            }
        }

        List<BatchedCalls.Call> tickCalls = new ArrayList<>(initialized.size());
        for (int t : initialized) {
            tickCalls.add(new BatchedCalls.Call(pool, withArgument(TICKS, BigInteger.valueOf(t))));
        }
        List<BatchedCalls.Outcome> infos =
                BatchedCalls.call(client, multicall3, chunkSize, tickCalls, BlockTag.number(blockNumber));

        io.mevkit.core.amm.V3PoolState.Builder b = io.mevkit.core.amm.V3PoolState.builder()
                .address(pool)
                .sqrtPriceX96(meta.sqrtPriceX96())
                .tick(meta.tick())
                .liquidity(meta.liquidity())
                .fee(meta.fee())
                .tickSpacing(spacing)
                .blockNumber(blockNumber);
        for (int i = 0; i < initialized.size(); i++) {
            int t = initialized.get(i);
            String method = "ticks(" + t + ")";
            BatchedCalls.Outcome info = infos.get(i);
            BigInteger flag = uint(info, TICK_INFO_SIZE, 7, pool, method);
            if (!flag.equals(BigInteger.ONE)) {
                throw new MevException(method + " of " + pool + " at block " + blockNumber
                        + " is not initialized although its tickBitmap bit is set");
            }
            BigInteger raw = uint(info, TICK_INFO_SIZE, 1, pool, method);
            BigInteger net = raw.testBit(255) ? raw.subtract(BigInteger.ONE.shiftLeft(256)) : raw;
            if (net.bitLength() > 127) {
                throw new MevException(method + ".liquidityNet of " + pool + " is not an int128: " + net);
            }
            b.initializedTick(t, net);
        }
        // words outside [lowest, highest] cannot hold an initialized tick, so a clamped end is known to infinity
        if (from > lowest || to < highest) {
            b.tickDataWords(from > lowest ? from : Short.MIN_VALUE, to < highest ? to : Short.MAX_VALUE);
        }
        try {
            return new V3PoolSnapshot(meta, b.build());
        } catch (ValidationException e) {
            throw new MevException(
                    "tick data of " + pool + " at block " + blockNumber + " is inconsistent: " + e.getMessage(), e);
        }
    }

    private static byte[] withArgument(byte[] selector, BigInteger signed) {
        byte[] data = new byte[4 + 32];
        System.arraycopy(selector, 0, data, 0, 4);
        byte[] word =
                signed.signum() < 0 ? signed.add(BigInteger.ONE.shiftLeft(256)).toByteArray() : signed.toByteArray();
        int len = Math.min(word.length, 32);
        System.arraycopy(word, word.length - len, data, 4 + 32 - len, len);
        return data;
    }

    private static BigInteger uint(BatchedCalls.Outcome o, int size, int index, Address pool, String method) {
        if (!o.success()) {
            throw new MevException(method + " of " + pool + " reverted"
                    + (o.data().length > 0 ? " with " + Hex.encode(o.data()) : "") + ": not a V3 pool");
        }
        if (o.data().length != size) {
            throw new MevException(method + " of " + pool + " answered " + o.data().length + " bytes, not " + size
                    + ": not a V3 pool");
        }
        return V2PoolReader.word(o.data(), index);
    }

    private static void requireRadius(int wordRadius) {
        if (wordRadius < 0 || wordRadius > 256) {
            throw new ValidationException("wordRadius", wordRadius, "must be 0..256");
        }
    }

    /** Configures a {@link V3TickReader}; validated at each setter and at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private @Nullable RpcClient client;
        private @Nullable Address multicall3;
        private int chunkSize = 500;
        private int wordRadius = 2;

        private Builder() {}

        public Builder client(RpcClient value) {
            this.client = Objects.requireNonNull(value, "client");
            return this;
        }

        /** Batch through the Multicall3 at this address (without one, a plain JSON-RPC batch is sent). */
        public Builder multicall3(Address value) {
            this.multicall3 = Objects.requireNonNull(value, "multicall3");
            return this;
        }

        /** Batch through the chain's Multicall3, if the registry knows one. */
        public Builder chain(Chain chain) {
            Objects.requireNonNull(chain, "chain").multicall3().ifPresent(this::multicall3);
            return this;
        }

        /** Calls per {@code aggregate3}; default 500 (a {@code ticks} read costs about 5k gas). */
        public Builder chunkSize(int value) {
            if (value < 1) {
                throw new ValidationException("chunkSize", value, "must be >= 1");
            }
            this.chunkSize = value;
            return this;
        }

        /**
         * How many bitmap words on each side of the current tick's word to read; default 2 (five words:
         * at least 512 tick spacings each way).
         */
        public Builder wordRadius(int value) {
            requireRadius(value);
            this.wordRadius = value;
            return this;
        }

        public V3TickReader build() {
            if (client == null) {
                throw new ValidationException("client", "null", "must be set");
            }
            return new V3TickReader(this, client);
        }
    }
}

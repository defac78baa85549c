package io.mevkit.core.pool;

import com.github.benmanes.caffeine.cache.Ticker;
import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import io.mevkit.core.pool.internal.BlockKeyedCache;
import io.mevkit.core.rpc.Log;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * V3 pool snapshots (metadata, price and tick data) cached by (pool, block). {@link #get} returns the snapshot of
 * exactly the block asked for, read through on a miss, so it never serves older state than asked. Invalidation, for
 * states a caller may have cached before the chain settled: a {@code Swap}, {@code Mint} or {@code Burn} log of a
 * pool (or any log the node reports as {@code removed}) drops that pool's snapshots from the log's block on; a reorg
 * drops every snapshot from its first replaced block on; a new head drops the blocks below it. A read that overlaps an
 * invalidation is returned but not cached, so an invalidation is never undone by a slow read. The TTL and size only
 * bound memory. Thread-safe.
 */
public final class V3PoolCache {
    /** {@code Swap(address,address,int256,int256,uint160,uint128,int24)}. */
    public static final String SWAP_TOPIC = "0xc42079f94a6350d7e6235f29174924f928cc2ac818eb64fed8004e115fbcca67";
    /** {@code Mint(address,address,int24,int24,uint128,uint256,uint256)}. */
    public static final String MINT_TOPIC = "0x7a53080ba414158be7ec69b987b5fb7d07dee101fe85488f0853ae16239d0bde";
    /** {@code Burn(address,int24,int24,uint128,uint256,uint256)}. */
    public static final String BURN_TOPIC = "0x0c396cd989a39f4459b5fa1aed6a9a8dcdbc45908acfd67e028cd568da98982c";

    private static final Set<String> STATE_TOPICS = Set.of(SWAP_TOPIC, MINT_TOPIC, BURN_TOPIC);

    /** Reads a pool at a block; {@link V3TickReader#read(Address, long)} is one. */
    @FunctionalInterface
    public interface Loader {
        V3PoolSnapshot load(Address pool, long blockNumber);
    }

    private final Loader loader;
    private final BlockKeyedCache<V3PoolSnapshot> cache;

    private V3PoolCache(Builder b, Loader loader) {
        this.loader = loader;
        this.cache = new BlockKeyedCache<>(b.maximumSize, b.ttl, b.ticker);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The snapshot of {@code pool} at the end of block {@code block}: cached, or read at that block. */
    public V3PoolSnapshot get(Address pool, long block) {
        Checks.requireNonNegative("block", block);
        return cache.get(Objects.requireNonNull(pool, "pool"), block, () -> {
            V3PoolSnapshot read = Objects.requireNonNull(loader.load(pool, block), "loaded snapshot");
            if (read.blockNumber() != block) {
                throw new ValidationException(
                        "snapshot.blockNumber", read.blockNumber(), "must be the block asked for " + block);
            }
            return read;
        });
    }

    /**
     * A log seen: a pool's {@code Swap}, {@code Mint} or {@code Burn}, or any log marked {@code removed}, drops that
     * pool's snapshots at and after the log's block (all of them for a pending log). Other logs are ignored.
     */
    public void onLog(Log log) {
        Objects.requireNonNull(log, "log");
        boolean changesState = !log.topics().isEmpty()
                && STATE_TOPICS.contains(log.topics().get(0).hex());
        if (!changesState && !log.removed()) {
            return;
        }
        cache.invalidate(log.address(), log.blockNumber().orElse(0));
    }

    /** A reorg replaced the blocks from {@code firstReplacedBlock} on: every snapshot of them is dropped. */
    public void onReorg(long firstReplacedBlock) {
        Checks.requireNonNegative("firstReplacedBlock", firstReplacedBlock);
        cache.invalidateFrom(firstReplacedBlock);
    }

    /** A new head: snapshots of older blocks are no longer served to callers that follow the head. */
    public void onNewHead(long head) {
        cache.dropBelow(head);
    }

    /** How many snapshots are cached. */
    public long size() {
        return cache.size();
    }

    /** Cache hits so far (reads that made no call). */
    public long hitCount() {
        return cache.hitCount();
    }

    /** Configures a {@link V3PoolCache}; validated at each setter and at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private @Nullable Loader loader;
        private long maximumSize = 10_000;
        private Duration ttl = Duration.ofMinutes(5);
        private Ticker ticker = Ticker.systemTicker();

        private Builder() {}

        /** What reads a pool on a miss, e.g. {@code reader::read} of a {@link V3TickReader}. */
        public Builder loader(Loader value) {
            this.loader = Objects.requireNonNull(value, "loader");
            return this;
        }

        /** The most snapshots kept (each holds the pool's loaded ticks); default 10,000. */
        public Builder maximumSize(long value) {
            Checks.requirePositive("maximumSize", value);
            this.maximumSize = value;
            return this;
        }

        /** How long a snapshot is kept at most; bounds memory only. Default 5 minutes. */
        public Builder ttl(Duration value) {
            Objects.requireNonNull(value, "ttl");
            if (value.isNegative() || value.isZero()) {
                throw new ValidationException("ttl", value, "must be positive");
            }
            this.ttl = value;
            return this;
        }

        /** The cache's time source (tests inject a manual one). */
        public Builder ticker(Ticker value) {
            this.ticker = Objects.requireNonNull(value, "ticker");
            return this;
        }

        public V3PoolCache build() {
            if (loader == null) {
                throw new ValidationException("loader", "null", "must be set");
            }
            return new V3PoolCache(this, loader);
        }
    }
}

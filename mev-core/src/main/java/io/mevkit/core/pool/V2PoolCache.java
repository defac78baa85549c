package io.mevkit.core.pool;

import com.github.benmanes.caffeine.cache.Ticker;
import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.pool.internal.BlockKeyedCache;
import io.mevkit.core.rpc.Log;
import java.time.Duration;
import java.util.Objects;

/**
 * V2 pool states cached by (pool, block). {@link #get} returns the state at exactly the block asked for, read
 * through on a miss, so it never serves older state than asked; a Sync log of a pool (or any log of it the node
 * reports as {@code removed}) drops that pool's entries from the log's block on, a reorg drops every entry from its
 * first replaced block on, a new head drops the entries below it. A read that overlaps an invalidation is returned
 * but not cached. The TTL and size only bound memory. Thread-safe.
 */
public final class V2PoolCache {
    /** {@code Sync(uint112,uint112)}. */
    public static final String SYNC_TOPIC = "0x1c411e9a96e071241c2f21f7726b17ae89e3cab4c78be50e062b03a9fffbbad1";

    private final V2PoolReader reader;
    private final BlockKeyedCache<V2PoolState> cache;

    public V2PoolCache(V2PoolReader reader, long maximumSize, Duration ttl, Ticker ticker) {
        this.reader = Objects.requireNonNull(reader, "reader");
        Checks.requirePositive("maximumSize", maximumSize);
        this.cache = new BlockKeyedCache<>(maximumSize, ttl, ticker);
    }

    /** The state of {@code pool} at the end of block {@code head}: cached, or read at that block. */
    public V2PoolState get(Address pool, long head) {
        Checks.requireNonNegative("head", head);
        return cache.get(Objects.requireNonNull(pool, "pool"), head, () -> reader.read(pool, head));
    }

    /**
     * A log seen: a {@code Sync} (emitted by every mint, burn and swap of a pair), or any log marked
     * {@code removed}, drops its pool's states at and after the log's block. Other logs are ignored.
     */
    public void onLog(Log log) {
        Objects.requireNonNull(log, "log");
        boolean sync = !log.topics().isEmpty() && log.topics().get(0).hex().equals(SYNC_TOPIC);
        if (!sync && !log.removed()) {
            return;
        }
        cache.invalidate(log.address(), log.blockNumber().orElse(0));
    }

    /** A reorg replaced the blocks from {@code firstReplacedBlock} on: every state of them is dropped. */
    public void onReorg(long firstReplacedBlock) {
        Checks.requireNonNegative("firstReplacedBlock", firstReplacedBlock);
        cache.invalidateFrom(firstReplacedBlock);
    }

    /** A new head: states of older blocks are no longer served to callers that follow the head. */
    public void onNewHead(long head) {
        cache.dropBelow(head);
    }

    /** How many states are cached. */
    public long size() {
        return cache.size();
    }

    /** Cache hits so far (reads that made no call). */
    public long hitCount() {
        return cache.hitCount();
    }
}

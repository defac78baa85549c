package io.mevkit.core.pool;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.rpc.Log;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

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

    private record Key(Address pool, long block) {}

    private final V2PoolReader reader;
    private final Cache<Key, V2PoolState> cache;
    private final AtomicLong invalidations = new AtomicLong();

    public V2PoolCache(V2PoolReader reader, long maximumSize, Duration ttl, Ticker ticker) {
        this.reader = Objects.requireNonNull(reader, "reader");
        Checks.requirePositive("maximumSize", maximumSize);
        Objects.requireNonNull(ttl, "ttl");
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(ttl)
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                .recordStats()
                .build();
    }

    /** The state of {@code pool} at the end of block {@code head}: cached, or read at that block. */
    public V2PoolState get(Address pool, long head) {
        Checks.requireNonNegative("head", head);
        Key key = new Key(Objects.requireNonNull(pool, "pool"), head);
        V2PoolState cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        long generation = invalidations.get();
        V2PoolState read = reader.read(pool, head);
        cache.asMap().compute(key, (k, previous) -> invalidations.get() == generation ? read : previous);
        return read;
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
        long from = log.blockNumber().orElse(0);
        invalidations.incrementAndGet();
        cache.asMap().keySet().removeIf(k -> k.pool().equals(log.address()) && k.block() >= from);
    }

    /** A reorg replaced the blocks from {@code firstReplacedBlock} on: every state of them is dropped. */
    public void onReorg(long firstReplacedBlock) {
        Checks.requireNonNegative("firstReplacedBlock", firstReplacedBlock);
        invalidations.incrementAndGet();
        cache.asMap().keySet().removeIf(k -> k.block() >= firstReplacedBlock);
    }

    /** A new head: states of older blocks are no longer served to callers that follow the head. */
    public void onNewHead(long head) {
        cache.asMap().keySet().removeIf(k -> k.block() < head);
    }

    /** How many states are cached. */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Cache hits so far (reads that made no call). */
    public long hitCount() {
        return cache.stats().hitCount();
    }
}

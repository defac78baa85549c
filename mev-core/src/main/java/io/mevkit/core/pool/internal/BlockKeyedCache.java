package io.mevkit.core.pool.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.mevkit.core.Address;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the V2 and V3 pool caches share: values keyed by (pool, block), read through on a miss, and invalidations that
 * a read overlapping them never undoes (such a read is returned but not cached). The TTL and size only bound memory.
 * Thread-safe.
 *
 * @param <V> the cached state
 */
public final class BlockKeyedCache<V> {
    private record Key(Address pool, long block) {}

    private final Cache<Key, V> cache;
    private final AtomicLong invalidations = new AtomicLong();

    public BlockKeyedCache(long maximumSize, Duration ttl, Ticker ticker) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(Objects.requireNonNull(ttl, "ttl"))
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                .recordStats()
                .build();
    }

    /** The value of {@code pool} at {@code block}: cached, or {@code read} and cached unless invalidated meanwhile. */
    public V get(Address pool, long block, Supplier<V> read) {
        Key key = new Key(Objects.requireNonNull(pool, "pool"), block);
        V cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        long generation = invalidations.get();
        V value = read.get();
        cache.asMap().compute(key, (k, previous) -> invalidations.get() == generation ? value : previous);
        return value;
    }

    /** Drops {@code pool}'s values from block {@code from} on. */
    public void invalidate(Address pool, long from) {
        invalidations.incrementAndGet();
        cache.asMap().keySet().removeIf(k -> k.pool().equals(pool) && k.block() >= from);
    }

    /** Drops every value from block {@code from} on. */
    public void invalidateFrom(long from) {
        invalidations.incrementAndGet();
        cache.asMap().keySet().removeIf(k -> k.block() >= from);
    }

    /** Drops the values of blocks below {@code head} (no longer served to callers that follow the head). */
    public void dropBelow(long head) {
        cache.asMap().keySet().removeIf(k -> k.block() < head);
    }

    /** How many values are cached. */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Cache hits so far (reads that made no call). */
    public long hitCount() {
        return cache.stats().hitCount();
    }
}

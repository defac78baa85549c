package io.mevkit.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.benmanes.caffeine.cache.Ticker;
import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.Log;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The (pool, block) cache's hits, misses and invalidations, with a counting loader and a manual ticker. */
class V3PoolCacheTest {
    private static final Address A = Address.of("0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    private static final Address B = Address.of("0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    private static final Address T0 = Address.of("0x1000000000000000000000000000000000000000");
    private static final Address T1 = Address.of("0x2000000000000000000000000000000000000000");

    /** Counts loads and makes a distinct snapshot per load. */
    private static final class CountingLoader implements V3PoolCache.Loader {
        final List<String> loads = new ArrayList<>();
        Runnable duringLoad = () -> {};

        @Override
        public V3PoolSnapshot load(Address pool, long block) {
            loads.add(pool.hex() + "@" + block);
            duringLoad.run();
            BigInteger price = BigInteger.ONE.shiftLeft(96);
            V3PoolState meta =
                    new V3PoolState(pool, T0, T0, T1, 3000, 60, price, 0, 0, 1, 1, 0, true, BigInteger.TEN, block);
            io.mevkit.core.amm.V3PoolState swap = io.mevkit.core.amm.V3PoolState.builder()
                    .address(pool)
                    .sqrtPriceX96(price)
                    .fee(3000)
                    .liquidity(BigInteger.TEN)
                    .initializedTick(-60, BigInteger.TEN)
                    .initializedTick(60, BigInteger.TEN.negate())
                    .blockNumber(block)
                    .build();
            return new V3PoolSnapshot(meta, swap);
        }
    }

    private static final class ManualTicker implements Ticker {
        final AtomicLong nanos = new AtomicLong();

        @Override
        public long read() {
            return nanos.get();
        }
    }

    private static Log log(Address pool, String topic, long block, boolean removed) {
        return new Log(
                pool,
                List.of(Hash.of(topic)),
                "0x",
                OptionalLong.of(block),
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                removed);
    }

    private static V3PoolCache cache(CountingLoader loader, Ticker ticker) {
        return V3PoolCache.builder()
                .loader(loader)
                .maximumSize(100)
                .ttl(Duration.ofSeconds(60))
                .ticker(ticker)
                .build();
    }

    @Test
    void servesExactlyTheBlockAskedForAndHitsWithoutLoading() {
        CountingLoader loader = new CountingLoader();
        V3PoolCache cache = cache(loader, new ManualTicker());
        V3PoolSnapshot at10 = cache.get(A, 10);
        assertSame(at10, cache.get(A, 10));
        assertEquals(1, cache.hitCount());
        V3PoolSnapshot at11 = cache.get(A, 11);
        assertEquals(11, at11.blockNumber(), "a newer block is never served from an older entry");
        assertEquals(List.of(A.hex() + "@10", A.hex() + "@11"), loader.loads);
        assertEquals(2, cache.size());
    }

    @Test
    void swapMintAndBurnLogsDropThePoolsStatesFromTheirBlockOn() {
        for (String topic : List.of(V3PoolCache.SWAP_TOPIC, V3PoolCache.MINT_TOPIC, V3PoolCache.BURN_TOPIC)) {
            CountingLoader loader = new CountingLoader();
            V3PoolCache cache = cache(loader, new ManualTicker());
            V3PoolSnapshot a9 = cache.get(A, 9);
            cache.get(A, 10);
            cache.get(A, 11);
            V3PoolSnapshot b10 = cache.get(B, 10);
            cache.onLog(log(A, topic, 10, false));
            assertEquals(2, cache.size(), topic + ": A@10 and A@11 dropped");
            assertSame(a9, cache.get(A, 9), "the block before the log stays");
            assertSame(b10, cache.get(B, 10), "other pools stay");
            cache.get(A, 10);
            assertEquals(5, loader.loads.size(), "A@10 read again");
        }
    }

    @Test
    void otherLogsAreIgnoredButRemovedLogsInvalidate() {
        CountingLoader loader = new CountingLoader();
        V3PoolCache cache = cache(loader, new ManualTicker());
        cache.get(A, 10);
        String transfer = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
        cache.onLog(log(A, transfer, 10, false));
        cache.onLog(log(A, V2PoolCache.SYNC_TOPIC, 10, false));
        assertEquals(1, cache.size(), "a Transfer or a V2 Sync changes no V3 state");
        cache.onLog(log(A, transfer, 10, true));
        assertEquals(0, cache.size(), "a removed log means its block was reorganised away");
    }

    @Test
    void aReorgDropsEveryPoolFromTheFirstReplacedBlockAndANewHeadDropsOlderBlocks() {
        CountingLoader loader = new CountingLoader();
        V3PoolCache cache = cache(loader, new ManualTicker());
        for (long block = 8; block <= 11; block++) {
            cache.get(A, block);
            cache.get(B, block);
        }
        cache.onReorg(10);
        assertEquals(4, cache.size(), "blocks 8 and 9 of both pools remain");
        cache.onNewHead(9);
        assertEquals(2, cache.size(), "block 9 of both pools remains");
        V3PoolSnapshot before = loader.load(A, 10);
        assertNotSame(before, cache.get(A, 10));
    }

    @Test
    void aReadOverlappingAnInvalidationIsReturnedButNotCached() {
        CountingLoader loader = new CountingLoader();
        V3PoolCache cache = cache(loader, new ManualTicker());
        loader.duringLoad = () -> cache.onLog(log(A, V3PoolCache.SWAP_TOPIC, 10, false));
        assertEquals(10, cache.get(A, 10).blockNumber());
        assertEquals(0, cache.size());
        loader.duringLoad = () -> {};
        cache.get(A, 10);
        assertEquals(1, cache.size());
        assertEquals(2, loader.loads.size());
    }

    @Test
    void theTtlBoundsMemoryOnly() {
        CountingLoader loader = new CountingLoader();
        ManualTicker ticker = new ManualTicker();
        V3PoolCache cache = cache(loader, ticker);
        cache.get(A, 10);
        ticker.nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        assertEquals(0, cache.size());
        cache.get(A, 10);
        assertEquals(2, loader.loads.size());
    }

    @Test
    void aLoaderAnsweringAnotherBlockIsRefusedAndOptionsAreValidated() {
        V3PoolCache wrong = V3PoolCache.builder()
                .loader((pool, block) -> new CountingLoader().load(pool, block + 1))
                .build();
        assertEquals(
                "snapshot.blockNumber",
                assertThrows(ValidationException.class, () -> wrong.get(A, 5)).field());
        assertEquals(
                "loader",
                assertThrows(ValidationException.class, () -> V3PoolCache.builder()
                                .build())
                        .field());
        assertEquals(
                "ttl",
                assertThrows(ValidationException.class, () -> V3PoolCache.builder()
                                .ttl(Duration.ZERO))
                        .field());
        assertEquals(
                "block",
                assertThrows(ValidationException.class, () -> wrong.get(A, -1)).field());
    }
}

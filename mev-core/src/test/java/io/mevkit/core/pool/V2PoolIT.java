package io.mevkit.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.Log;
import io.mevkit.core.rpc.LogFilter;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.AnvilExtension;
import io.mevkit.testing.TestTokens;
import io.mevkit.testing.UniswapV2;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** V2 pair state pinned to blocks, on the real Uniswap V2 bytecode. */
class V2PoolIT {
    @RegisterExtension
    static final AnvilExtension ANVIL = AnvilExtension.create();

    private static RpcClient client;
    private static UniswapV2 uniswap;
    private static Address pair;
    private static Address tokenA;
    private static Address tokenB;
    private static long seededAt;
    private static long resyncedAt;

    @BeforeAll
    static void deploy() {
        Anvil anvil = ANVIL.anvil();
        client = RpcClient.builder()
                .chainId(31337)
                .endpoint("anvil", anvil.rpcUrl())
                .timeout(Duration.ofSeconds(30))
                .build();
        uniswap = UniswapV2.deploy(anvil);
        TestTokens tokens = new TestTokens(anvil);
        String a = tokens.deploy("Alpha", "A", 18);
        String b = tokens.deploy("Beta", "B", 6);
        tokenA = Address.of(a);
        tokenB = Address.of(b);
        String p = uniswap.createPair(a, b);
        pair = Address.of(p);
        uniswap.seed(p, a, new BigInteger("1000000000000000000000"), b, BigInteger.valueOf(2_000_000_000L));
        seededAt = anvil.blockNumber();
        uniswap.seed(p, a, new BigInteger("5000000000000000000"), b, BigInteger.valueOf(7_000_000L));
        resyncedAt = anvil.blockNumber();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static BigInteger[] directReserves(long block) {
        String raw = ANVIL.anvil()
                .callRaw(pair.hex(), "0x0902f1ac", BlockTag.number(block).value());
        String hex = raw.substring(2);
        return new BigInteger[] {
            new BigInteger(hex.substring(0, 64), 16),
            new BigInteger(hex.substring(64, 128), 16),
            new BigInteger(hex.substring(128, 192), 16)
        };
    }

    @Test
    void stateAtEachBlockEqualsDirectCallsAtThatBlock() {
        V2PoolReader reader = V2PoolReader.of(client, V2FeeRegistry.of(Map.of()));
        for (long block : new long[] {seededAt, resyncedAt}) {
            V2PoolState state = reader.read(pair, block);
            BigInteger[] direct = directReserves(block);
            assertEquals(direct[0], state.reserve0());
            assertEquals(direct[1], state.reserve1());
            assertEquals(direct[2].longValueExact(), state.blockTimestampLast());
            assertEquals(block, state.blockNumber());
            assertEquals(Address.of(uniswap.factory()), state.factory());
            assertTrue(state.token0().compareTo(state.token1()) < 0);
            assertEquals(List.of(tokenA, tokenB).stream().sorted().toList(), List.of(state.token0(), state.token1()));
        }
        UniswapV2.Reserves latest = uniswap.reserves(pair.hex());
        V2PoolState now = reader.read(pair, resyncedAt);
        assertEquals(latest.reserve0(), now.reserve0());
        assertEquals(latest.reserve1(), now.reserve1());
        assertNotEquals(reader.read(pair, seededAt).reserve0(), now.reserve0());
    }

    @Test
    void pairsAreFoundThroughTheFactoryAndFeesThroughTheRegistry() {
        Address factory = Address.of(uniswap.factory());
        V2PoolReader known = V2PoolReader.of(client, V2FeeRegistry.of(Map.of(factory, V2Fee.UNISWAP_V2)));
        assertEquals(Optional.of(pair), known.pairFor(factory, tokenA, tokenB, resyncedAt));
        assertEquals(Optional.of(pair), known.pairFor(factory, tokenB, tokenA, resyncedAt));
        assertEquals(Optional.empty(), known.pairFor(factory, tokenA, Address.of(uniswap.weth()), resyncedAt));
        assertEquals(V2Fee.UNISWAP_V2, known.feeOf(known.read(pair, resyncedAt)));

        V2PoolReader unknown = V2PoolReader.of(client, V2FeeRegistry.of(Map.of()));
        UnknownFee e = assertThrows(UnknownFee.class, () -> unknown.feeOf(unknown.read(pair, resyncedAt)));
        assertEquals(factory, e.factory());
    }

    @Test
    void theCacheServesTheBlockAskedForAndSyncOrNewHeadsInvalidate() {
        V2PoolCache cache = new V2PoolCache(
                V2PoolReader.of(client, V2FeeRegistry.of(Map.of())),
                1000,
                Duration.ofMinutes(5),
                Ticker.disabledTicker());
        V2PoolState old = cache.get(pair, seededAt);
        assertSame(old, cache.get(pair, seededAt));
        assertEquals(1, cache.hitCount());
        V2PoolState fresh = cache.get(pair, resyncedAt);
        assertEquals(resyncedAt, fresh.blockNumber());
        assertEquals(directReserves(resyncedAt)[0], fresh.reserve0());
        assertEquals(2, cache.size());

        List<Log> syncs = client.getLogs(LogFilter.builder()
                .fromBlock(BlockTag.number(resyncedAt))
                .toBlock(BlockTag.number(resyncedAt))
                .address(pair)
                .topic(0, Hash.of(V2PoolCache.SYNC_TOPIC))
                .build());
        assertEquals(1, syncs.size());
        cache.onLog(syncs.get(0));
        assertEquals(1, cache.size(), "the Sync dropped the state of its block, not the older one");
        cache.onNewHead(resyncedAt);
        assertEquals(0, cache.size());
        assertEquals(fresh, cache.get(pair, resyncedAt));
    }

    @Test
    void aRemovedSyncLogOrAReorgDropsTheCachedStateOfTheReplacedBlock() {
        Anvil anvil = ANVIL.anvil();
        V2PoolCache cache = new V2PoolCache(
                V2PoolReader.of(client, V2FeeRegistry.of(Map.of())),
                1000,
                Duration.ofMinutes(5),
                Ticker.disabledTicker());
        uniswap.seed(
                pair.hex(),
                tokenA.hex(),
                new BigInteger("3000000000000000000"),
                tokenB.hex(),
                BigInteger.valueOf(4_000_000));
        long minted = anvil.blockNumber();
        V2PoolState beforeReorg = cache.get(pair, minted);
        assertNotEquals(directReserves(resyncedAt)[0], beforeReorg.reserve0());
        List<Log> syncs = client.getLogs(LogFilter.builder()
                .fromBlock(BlockTag.number(minted))
                .toBlock(BlockTag.number(minted))
                .address(pair)
                .topic(0, Hash.of(V2PoolCache.SYNC_TOPIC))
                .build());
        assertEquals(1, syncs.size());

        // the mint's block is replaced by an empty one: until told, the cache still holds the minted state
        anvil.reorg(1);
        assertEquals(minted, anvil.blockNumber());
        assertSame(beforeReorg, cache.get(pair, minted));
        Log sync = syncs.get(0);
        cache.onLog(new Log(
                sync.address(),
                sync.topics(),
                sync.data(),
                sync.blockNumber(),
                sync.blockHash(),
                sync.blockTimestamp(),
                sync.transactionHash(),
                sync.transactionIndex(),
                sync.logIndex(),
                true));
        V2PoolState afterReorg = cache.get(pair, minted);
        assertEquals(directReserves(resyncedAt)[0], afterReorg.reserve0(), "the reserves before the mint");
        assertEquals(directReserves(minted)[1], afterReorg.reserve1());

        cache.get(pair, seededAt);
        cache.onReorg(minted);
        assertEquals(1, cache.size(), "the reorg dropped the replaced block, not the older one");
    }
}

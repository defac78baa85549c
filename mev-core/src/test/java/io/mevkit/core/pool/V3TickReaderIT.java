package io.mevkit.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.amm.TickMath;
import io.mevkit.core.amm.V3Chain;
import io.mevkit.core.amm.V3SwapResult;
import io.mevkit.core.amm.V3SwapSimulator;
import io.mevkit.core.amm.V3TickDataMissingException;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.Log;
import io.mevkit.core.rpc.LogFilter;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.RpcListener;
import io.mevkit.testing.Abi;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.AnvilExtension;
import io.mevkit.testing.ContractArtifact;
import io.mevkit.testing.Receipt;
import io.mevkit.testing.TestTokens;
import io.mevkit.testing.Tx;
import io.mevkit.testing.UniswapV3;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint24;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;

/**
 * V3 tick data read at one block through Multicall3 (and the JSON-RPC batch fallback) from the real v3-core pool on
 * anvil, and swaps simulated on it compared with QuoterV2 and with the executed swap, to the wei.
 */
@SuppressWarnings("rawtypes")
class V3TickReaderIT {
    @RegisterExtension
    static final AnvilExtension ANVIL = AnvilExtension.create();

    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final int FEE = 3000;
    private static final int SPACING = 60;
    /** Positions (tick ranges) in bitmap words -4..3 of the spacing-60 pool; the price starts at tick 30, word 0. */
    private static final int[][] POSITIONS = {
        {-600, 600}, {-1200, -60}, {120, 2400}, {-3000, 1800}, {-18000, -14400}, {15960, 21000}, {-60000, 60000}
    };

    private static final AtomicInteger EXCHANGES = new AtomicInteger();
    private static RpcClient client;
    private static Address multicall3;
    private static UniswapV3 v3;
    private static TestTokens tokens;
    private static String trader;

    @BeforeAll
    static void setUp() {
        Anvil anvil = ANVIL.anvil();
        client = RpcClient.builder()
                .chainId(31337)
                .endpoint("anvil", anvil.rpcUrl())
                .timeout(Duration.ofSeconds(30))
                .addListener(new RpcListener() {
                    @Override
                    public void onExchange(Exchange exchange) {
                        EXCHANGES.incrementAndGet();
                    }
                })
                .build();
        multicall3 = Address.of(anvil.deploy(ContractArtifact.load("Multicall3")));
        v3 = UniswapV3.deploy(anvil, anvil.deploy(ContractArtifact.load("WETH9")));
        tokens = new TestTokens(anvil);
        trader = anvil.accounts().get(2);
    }

    @AfterAll
    static void tearDown() {
        client.close();
    }

    /** A pool of two fresh tokens. */
    private record Pool(String address, String token0, String token1) {}

    private static Pool poolWithPositions(int fee, int spacing, int startTick) {
        String[] pair = V3Chain.sorted(tokens.deploy("Alpha", "A", 18), tokens.deploy("Beta", "B", 18));
        String token0 = pair[0];
        String token1 = pair[1];
        String provider = ANVIL.anvil().accounts().get(1);
        for (String token : pair) {
            tokens.mint(token, provider, BigInteger.TEN.pow(30));
            tokens.mint(token, trader, BigInteger.TEN.pow(30));
            tokens.approveMax(provider, token, v3.positionManager());
            tokens.approveMax(trader, token, v3.swapRouter());
        }
        String pool = v3.createPool(token0, token1, fee, TickMath.getSqrtRatioAtTick(startTick));
        BigInteger amount = E18.multiply(BigInteger.valueOf(1000));
        for (int[] p : POSITIONS) {
            int lower = Math.floorDiv(p[0], spacing) * spacing;
            int upper = Math.floorDiv(p[1], spacing) * spacing;
            v3.mint(provider, token0, token1, fee, lower, upper, amount, amount);
        }
        return new Pool(pool, token0, token1);
    }

    private static V3TickReader reader(boolean viaMulticall3, int wordRadius) {
        V3TickReader.Builder b = V3TickReader.builder().client(client).wordRadius(wordRadius);
        return viaMulticall3 ? b.multicall3(multicall3).build() : b.build();
    }

    @Test
    void ticksOfTheLoadedWordsEqualThePoolsOwnAnswersInThreeRoundTrips() {
        Anvil anvil = ANVIL.anvil();
        Pool p = poolWithPositions(FEE, SPACING, 30);
        String pool = p.address();
        String token0 = p.token0();
        String token1 = p.token1();
        long block = anvil.blockNumber();
        TreeMap<Integer, BigInteger> all = V3Chain.initializedTicks(anvil, pool, SPACING);
        assertEquals(14, all.size(), "initialized ticks: " + all.keySet());

        int before = EXCHANGES.get();
        V3PoolSnapshot snapshot = reader(true, 1).read(Address.of(pool), block);
        assertEquals(3, EXCHANGES.get() - before, "metadata, bitmap words, ticks: one exchange each");
        io.mevkit.core.amm.V3PoolState state = snapshot.swapState();
        assertEquals(-1, state.minWord());
        assertEquals(1, state.maxWord());
        assertFalse(state.ticksComplete());
        TreeMap<Integer, BigInteger> expected = new TreeMap<>();
        all.forEach((t, net) -> {
            int word = Math.floorDiv(t, SPACING) >> 8;
            if (word >= -1 && word <= 1) {
                expected.put(t, net);
            }
        });
        assertEquals(11, expected.size(), "ticks in words -1..1: " + expected.keySet());
        assertEquals(List.copyOf(expected.keySet()), state.initializedTicks());
        expected.forEach((t, net) -> assertEquals(net, state.liquidityNet(t).orElseThrow(), "liquidityNet " + t));
        UniswapV3.PoolState direct = v3.state(pool);
        assertEquals(direct.sqrtPriceX96(), state.sqrtPriceX96());
        assertEquals(direct.tick(), state.tick());
        assertEquals(direct.liquidity(), state.liquidity());
        assertEquals(block, snapshot.blockNumber());
        assertEquals(Address.of(token0), snapshot.metadata().token0());

        // the JSON-RPC batch fallback reads the same
        io.mevkit.core.amm.V3PoolState batched =
                reader(false, 1).read(Address.of(pool), block).swapState();
        assertEquals(state.initializedTicks(), batched.initializedTicks());
        for (int t : state.initializedTicks()) {
            assertEquals(state.liquidityNet(t), batched.liquidityNet(t));
        }

        // a wide enough radius reaches both ends of the usable range: complete, with the liquidity cross-check
        io.mevkit.core.amm.V3PoolState complete =
                reader(true, 60).read(Address.of(pool), block).swapState();
        assertTrue(complete.ticksComplete());
        assertEquals(List.copyOf(all.keySet()), complete.initializedTicks());
    }

    @Test
    void swapCrossingTicksEqualsQuoterV2AndTheExecutedSwapToTheWei() {
        Anvil anvil = ANVIL.anvil();
        Pool p = poolWithPositions(FEE, SPACING, 30);
        String pool = p.address();
        String token0 = p.token0();
        String token1 = p.token1();
        V3TickReader reader = reader(true, 1);
        long block = anvil.blockNumber();
        io.mevkit.core.amm.V3PoolState state =
                reader.read(Address.of(pool), block).swapState();

        // down through -60, -600, -1200 (word -1), staying above -3000
        BigInteger amountIn = E18.multiply(BigInteger.valueOf(2800));
        V3SwapResult simulated = V3SwapSimulator.exactInput(state, true, amountIn);
        assertTrue(simulated.ticksCrossed() >= 3, "crossed " + simulated.crossedTicks());
        BigInteger out = simulated.amount1().negate();
        Quote quote = quote(token0, token1, amountIn);
        assertEquals(quote.amountOut(), out, "QuoterV2 amountOut");
        assertEquals(quote.sqrtPriceX96After(), simulated.sqrtPriceX96After(), "QuoterV2 sqrtPriceX96After");

        // up through the start and beyond 1800 and 2400 (word 0)
        BigInteger upIn = E18.multiply(BigInteger.valueOf(3500));
        V3SwapResult up = V3SwapSimulator.exactInput(state, false, upIn);
        assertTrue(up.ticksCrossed() >= 3, "crossed " + up.crossedTicks());
        assertEquals(quote(token1, token0, upIn).amountOut(), up.amount0().negate(), "QuoterV2 amountOut upwards");

        // a swap that leaves the words read is refused, not priced with missing liquidity
        BigInteger huge = E18.multiply(BigInteger.valueOf(10_000));
        V3TickDataMissingException missing =
                assertThrows(V3TickDataMissingException.class, () -> V3SwapSimulator.exactInput(state, true, huge));
        assertEquals(-2, missing.wordPosition());
        // ... and with more words it equals the quoter too
        io.mevkit.core.amm.V3PoolState wider =
                reader.read(Address.of(pool), block, 5).swapState();
        V3SwapResult far = V3SwapSimulator.exactInput(wider, true, huge);
        assertTrue(far.crossedTicks().containsAll(List.of(-14400, -18000)), "crossed " + far.crossedTicks());
        assertEquals(quote(token0, token1, huge).amountOut(), far.amount1().negate(), "QuoterV2 far");

        // executed through SwapRouter: the pool's Swap event equals the simulation
        String data = V3Chain.exactInputSingle(token0, token1, FEE, trader, amountIn, BigInteger.ZERO, BigInteger.ZERO);
        Receipt receipt = anvil.sendAndExpectSuccess(
                Tx.call(trader, v3.swapRouter(), data).withGas(3_000_000));
        V3Chain.SwapEvent event = V3Chain.swapEvent(receipt, pool);
        assertEquals(simulated.amount0(), event.amount0());
        assertEquals(simulated.amount1(), event.amount1());
        assertEquals(simulated.sqrtPriceX96After(), event.sqrtPriceX96());
        assertEquals(simulated.liquidityAfter(), event.liquidity());
        assertEquals(simulated.tickAfter(), event.tick());

        // pinned: the block before the swap still reads as before; the new head reads the swapped pool
        assertEquals(
                state.sqrtPriceX96(),
                reader.read(Address.of(pool), block).swapState().sqrtPriceX96());
        io.mevkit.core.amm.V3PoolState after =
                reader.read(Address.of(pool), anvil.blockNumber()).swapState();
        assertEquals(event.sqrtPriceX96(), after.sqrtPriceX96());
        assertEquals(event.liquidity(), after.liquidity());
    }

    @Test
    void aPoolWithWideSpacingIsReadCompletelyAndNonPoolsAreRefused() {
        Anvil anvil = ANVIL.anvil();
        Pool p = poolWithPositions(10000, 200, -150);
        String pool = p.address();
        String token0 = p.token0();
        String token1 = p.token1();
        V3PoolSnapshot snapshot = reader(true, 18).read(Address.of(pool), anvil.blockNumber());
        assertTrue(snapshot.swapState().ticksComplete(), "spacing 200 has words -18..17 only");
        assertEquals(
                V3Chain.initializedTicks(anvil, pool, 200).keySet().stream().toList(),
                snapshot.swapState().initializedTicks());
        BigInteger amountIn = E18.multiply(BigInteger.valueOf(50_000));
        V3SwapResult swap = V3SwapSimulator.exactInput(snapshot.swapState(), false, amountIn);
        assertTrue(swap.ticksCrossed() >= 2, "crossed " + swap.crossedTicks());
        assertEquals(
                quote(token1, token0, amountIn, 10000).amountOut(),
                swap.amount0().negate());

        assertThrows(
                io.mevkit.core.MevException.class, () -> reader(true, 1).read(Address.of(token0), anvil.blockNumber()));
    }

    @Test
    void theCacheIsInvalidatedBySwapLogsAndByAReorg() {
        Anvil anvil = ANVIL.anvil();
        Pool p = poolWithPositions(FEE, SPACING, 30);
        Address pool = Address.of(p.address());
        V3PoolCache cache = V3PoolCache.builder()
                .loader(reader(true, 1)::read)
                .ttl(Duration.ofMinutes(5))
                .build();
        long head = anvil.blockNumber();
        V3PoolSnapshot before = cache.get(pool, head);
        assertSame(before, cache.get(pool, head));

        BigInteger amountIn = E18.multiply(BigInteger.valueOf(2800));
        String data = V3Chain.exactInputSingle(
                p.token0(), p.token1(), FEE, trader, amountIn, BigInteger.ZERO, BigInteger.ZERO);
        Receipt receipt = anvil.sendAndExpectSuccess(
                Tx.call(trader, v3.swapRouter(), data).withGas(3_000_000));
        long swapped = anvil.blockNumber();
        V3Chain.SwapEvent event = V3Chain.swapEvent(receipt, p.address());
        V3PoolSnapshot after = cache.get(pool, swapped);
        assertEquals(event.sqrtPriceX96(), after.swapState().sqrtPriceX96());
        assertEquals(event.tick(), after.swapState().tick());

        List<Log> swaps = client.getLogs(LogFilter.builder()
                .fromBlock(BlockTag.number(swapped))
                .toBlock(BlockTag.number(swapped))
                .address(pool)
                .topic(0, Hash.of(V3PoolCache.SWAP_TOPIC))
                .build());
        assertEquals(1, swaps.size());
        cache.onLog(swaps.get(0));
        assertEquals(1, cache.size(), "the Swap dropped its block's state, not the older one");
        assertSame(before, cache.get(pool, head));
        assertNotSame(after, cache.get(pool, swapped));

        // the swap's block is replaced by an empty one: until told, the cache still holds the swapped state
        anvil.reorg(1);
        assertEquals(swapped, anvil.blockNumber());
        assertEquals(event.sqrtPriceX96(), cache.get(pool, swapped).swapState().sqrtPriceX96());
        cache.onReorg(swapped);
        V3PoolSnapshot reorged = cache.get(pool, swapped);
        assertEquals(before.swapState().sqrtPriceX96(), reorged.swapState().sqrtPriceX96());
        assertEquals(before.swapState().liquidity(), reorged.swapState().liquidity());
        assertEquals(v3.state(p.address()).sqrtPriceX96(), reorged.swapState().sqrtPriceX96());
    }

    private record Quote(BigInteger amountOut, BigInteger sqrtPriceX96After) {}

    private static Quote quote(String tokenIn, String tokenOut, BigInteger amountIn) {
        return quote(tokenIn, tokenOut, amountIn, FEE);
    }

    private static Quote quote(String tokenIn, String tokenOut, BigInteger amountIn, int fee) {
        StaticStruct params = new StaticStruct(
                Abi.address(tokenIn),
                Abi.address(tokenOut),
                new Uint256(amountIn),
                new Uint24(fee),
                new Uint160(BigInteger.ZERO));
        List<Type> out = ANVIL.anvil()
                .call(
                        v3.quoter(),
                        Abi.fn(
                                "quoteExactInputSingle",
                                List.<Type>of(params),
                                List.of(
                                        new TypeReference<Uint256>() {},
                                        new TypeReference<Uint160>() {},
                                        new TypeReference<Uint32>() {},
                                        new TypeReference<Uint256>() {})));
        return new Quote(
                (BigInteger) out.get(0).getValue(), (BigInteger) out.get(1).getValue());
    }
}

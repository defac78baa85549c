package io.mevkit.core.amm;

import static io.mevkit.testing.Abi.address;
import static io.mevkit.testing.Abi.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.testing.Anvil;
import io.mevkit.testing.AnvilException;
import io.mevkit.testing.AnvilExtension;
import io.mevkit.testing.ContractArtifact;
import io.mevkit.testing.Receipt;
import io.mevkit.testing.TestTokens;
import io.mevkit.testing.Tx;
import io.mevkit.testing.UniswapV3;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint24;

/**
 * The V3 math and swap simulator against the real v3-core pool bytecode on anvil: pool initialisation at 1,000 prices,
 * and swaps through the real SwapRouter over pools with many initialized ticks, compared to the wei.
 */
class V3SwapSimulatorIT {
    @RegisterExtension
    static final AnvilExtension ANVIL = AnvilExtension.create();

    private static final BigInteger HUGE = BigInteger.TEN.pow(30);
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final long SWAP_GAS = 3_000_000;

    /**
     * 1,000 prices (log-uniform random, exact tick prices and their neighbours, the extremes) through the pool's own
     * {@code initialize}: slot0's tick equals {@code getTickAtSqrtRatio}. 30 uninitialised pools take a batch of
     * prices in one block, then the chain is reverted to the snapshot for the next batch.
     */
    @Test
    void poolInitializeAgreesWithGetTickAtSqrtRatioAtAThousandPrices() {
        Anvil anvil = ANVIL.anvil();
        String deployer = anvil.accounts().get(0);
        String weth = anvil.deploy(ContractArtifact.load("WETH9"));
        UniswapV3 v3 = UniswapV3.deploy(anvil, weth);
        TestTokens tokens = new TestTokens(anvil);
        List<String> tokenList = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tokenList.add(tokens.deploy("T" + i, "T" + i, 18));
        }
        List<String> pools = new ArrayList<>();
        for (int i = 0; i < tokenList.size(); i++) {
            for (int j = i + 1; j < tokenList.size(); j++) {
                for (int fee : new int[] {500, 3000, 10000}) {
                    anvil.invoke(
                            deployer,
                            v3.factory(),
                            fn("createPool", address(tokenList.get(i)), address(tokenList.get(j)), new Uint24(fee)));
                    pools.add(v3.poolFor(tokenList.get(i), tokenList.get(j), fee));
                }
            }
        }
        assertEquals(30, pools.size());

        List<BigInteger> prices = thousandPrices(new SplittableRandom(20_261_121L));
        assertEquals(1000, prices.size());
        int checked = 0;
        for (int from = 0; from < prices.size(); from += pools.size()) {
            String snapshot = anvil.snapshot();
            anvil.setAutomine(false);
            int batch = Math.min(pools.size(), prices.size() - from);
            for (int k = 0; k < batch; k++) {
                anvil.sendTransaction(Tx.call(
                                deployer,
                                pools.get(k),
                                FunctionEncoder.encode(fn("initialize", new Uint160(prices.get(from + k)))))
                        .withGas(200_000));
            }
            anvil.mine();
            for (int k = 0; k < batch; k++) {
                BigInteger price = prices.get(from + k);
                V3Chain.Slot0 slot0 = V3Chain.slot0(anvil, pools.get(k));
                assertEquals(price, slot0.sqrtPriceX96(), "pool not initialised at " + price);
                assertEquals(TickMath.getTickAtSqrtRatio(price), slot0.tick(), "tick at sqrt price " + price);
                checked++;
            }
            anvil.setAutomine(true);
            anvil.revert(snapshot);
        }
        assertEquals(1000, checked);

        // out of range: the pool reverts with 'R', and so does getTickAtSqrtRatio
        for (BigInteger bad : List.of(TickMath.MIN_SQRT_RATIO.subtract(BigInteger.ONE), TickMath.MAX_SQRT_RATIO)) {
            AnvilException chain = assertThrows(
                    AnvilException.class,
                    () -> anvil.rpc(
                            "eth_call",
                            Map.of(
                                    "from",
                                    deployer,
                                    "to",
                                    pools.get(0),
                                    "data",
                                    FunctionEncoder.encode(fn("initialize", new Uint160(bad)))),
                            "latest"));
            assertRevertReason(chain, "R");
            assertEquals(
                    "R",
                    assertThrows(V3RevertException.class, () -> TickMath.getTickAtSqrtRatio(bad))
                            .code());
        }
    }

    private static List<BigInteger> thousandPrices(SplittableRandom random) {
        List<BigInteger> prices = new ArrayList<>(List.of(
                TickMath.MIN_SQRT_RATIO,
                TickMath.MIN_SQRT_RATIO.add(BigInteger.ONE),
                TickMath.MAX_SQRT_RATIO.subtract(BigInteger.ONE),
                TickMath.MAX_SQRT_RATIO.subtract(BigInteger.TWO),
                BigInteger.ONE.shiftLeft(96),
                BigInteger.ONE.shiftLeft(96).subtract(BigInteger.ONE),
                TickMath.getSqrtRatioAtTick(TickMath.MAX_TICK - 1),
                TickMath.getSqrtRatioAtTick(TickMath.MIN_TICK + 1).subtract(BigInteger.ONE)));
        while (prices.size() < 1000) {
            int kind = random.nextInt(10);
            if (kind < 4) {
                int bits = 33 + random.nextInt(128);
                BigInteger p = new BigInteger(bits - 1, new Random(random.nextLong())).setBit(bits - 1);
                if (p.compareTo(TickMath.MIN_SQRT_RATIO) >= 0 && p.compareTo(TickMath.MAX_SQRT_RATIO) < 0) {
                    prices.add(p);
                }
            } else {
                int tick = TickMath.MIN_TICK + 1 + random.nextInt(TickMath.MAX_TICK - TickMath.MIN_TICK - 1);
                int offset = kind < 7 ? 0 : (kind < 9 ? -1 : 1);
                prices.add(TickMath.getSqrtRatioAtTick(tick).add(BigInteger.valueOf(offset)));
            }
        }
        return prices;
    }

    /** How a swap is sent through SwapRouter. */
    enum Kind {
        EXACT_IN,
        EXACT_OUT,
        EXACT_IN_LIMIT,
        EXACT_OUT_LIMIT,
        EXACT_IN_TO_TICK
    }

    /**
     * Three pools (fee tiers 500, 3000, 10000) with eight overlapping and disjoint positions each (16 initialized
     * ticks), and 15 swaps per pool through SwapRouter from a dev account: exact input and output, both directions,
     * crossing 0 to 6 initialized ticks, some stopped by a price limit (one exactly on an initialized tick). Before
     * each swap the pool is read from the chain (slot0, liquidity, every bitmap word, ticks' liquidityNet); after it
     * the Swap event, slot0, liquidity and the trader's balances equal the simulation to the wei.
     */
    @Test
    void swapsThroughSwapRouterEqualTheSimulatorToTheWei() {
        Anvil anvil = ANVIL.anvil();
        String weth = anvil.deploy(ContractArtifact.load("WETH9"));
        UniswapV3 v3 = UniswapV3.deploy(anvil, weth);
        TestTokens tokens = new TestTokens(anvil);
        String[] pair = V3Chain.sorted(tokens.deploy("Alpha", "A", 18), tokens.deploy("Beta", "B", 18));
        String token0 = pair[0];
        String token1 = pair[1];
        String provider = anvil.accounts().get(1);
        String trader = anvil.accounts().get(2);
        for (String token : pair) {
            tokens.mint(token, provider, BigInteger.TEN.pow(34));
            tokens.mint(token, trader, BigInteger.TEN.pow(34));
            tokens.approveMax(provider, token, v3.positionManager());
            tokens.approveMax(trader, token, v3.swapRouter());
        }
        SplittableRandom random = new SplittableRandom(5_000_003L);
        int[][] positions = {{-40, 40}, {-12, 12}, {-25, -8}, {5, 30}, {-3, 18}, {-60, -45}, {45, 70}, {-2, 2}};

        int swaps = 0;
        TreeSet<Integer> crossingCounts = new TreeSet<>();
        Map<Kind, Integer> kinds = new TreeMap<>();
        int zeroForOneSwaps = 0;
        int endedOnInitializedTick = 0;
        for (int fee : new int[] {500, 3000, 10000}) {
            int spacing = fee == 500 ? 10 : fee == 3000 ? 60 : 200;
            int startTick = spacing / 2 + random.nextInt(spacing); // between initialized ticks, not on one
            String pool = v3.createPool(token0, token1, fee, TickMath.getSqrtRatioAtTick(startTick));
            for (int[] p : positions) {
                BigInteger amount = E18.multiply(BigInteger.valueOf(1000 + random.nextInt(9000)));
                v3.mint(provider, token0, token1, fee, p[0] * spacing, p[1] * spacing, amount, amount);
            }
            assertEquals(fee, V3Chain.fee(anvil, pool));
            assertEquals(spacing, V3Chain.tickSpacing(anvil, pool));
            TreeMap<Integer, BigInteger> ticks = V3Chain.initializedTicks(anvil, pool, spacing);
            assertEquals(16, ticks.size(), "initialized ticks read from the bitmap: " + ticks.keySet());

            // (direction, ticks to cross, kind): alternating so that the price stays among the positions
            Object[][] plan = {
                {true, 0, Kind.EXACT_IN}, {false, 1, Kind.EXACT_IN}, {true, 3, Kind.EXACT_OUT},
                {false, 5, Kind.EXACT_IN}, {true, 6, Kind.EXACT_IN_LIMIT}, {false, 3, Kind.EXACT_OUT_LIMIT},
                {true, 1, Kind.EXACT_OUT}, {false, 0, Kind.EXACT_OUT}, {true, 2, Kind.EXACT_IN_TO_TICK},
                {false, 5, Kind.EXACT_OUT}, {true, 5, Kind.EXACT_IN}, {false, 1, Kind.EXACT_IN_LIMIT},
                {true, 0, Kind.EXACT_OUT_LIMIT}, {false, 3, Kind.EXACT_IN}, {true, 4, Kind.EXACT_OUT}
            };
            for (Object[] step : plan) {
                boolean zeroForOne = (Boolean) step[0];
                int cross = (Integer) step[1];
                Kind kind = (Kind) step[2];
                V3PoolState before = V3Chain.state(anvil, pool, fee, spacing, ticks);
                SwapCall call = planSwap(before, zeroForOne, cross, kind, random);

                V3SwapResult expected = V3SwapSimulator.swap(
                        before,
                        zeroForOne,
                        call.exactInput() ? call.amount() : call.amount().negate(),
                        call.limit().signum() == 0 ? V3SwapSimulator.defaultLimit(zeroForOne) : call.limit());
                assertEquals(cross, expected.ticksCrossed(), kind + " planned to cross " + cross);

                String tokenIn = zeroForOne ? token0 : token1;
                String tokenOut = zeroForOne ? token1 : token0;
                BigInteger balance0 = tokens.balanceOf(token0, trader);
                BigInteger balance1 = tokens.balanceOf(token1, trader);
                String data = call.exactInput()
                        ? V3Chain.exactInputSingle(
                                tokenIn, tokenOut, fee, trader, call.amount(), BigInteger.ZERO, call.limit())
                        : V3Chain.exactOutputSingle(tokenIn, tokenOut, fee, trader, call.amount(), HUGE, call.limit());
                // a fixed gas limit: an estimate made in the current block misses the oracle write of the next one
                Receipt receipt = anvil.sendAndExpectSuccess(
                        Tx.call(trader, v3.swapRouter(), data).withGas(SWAP_GAS));

                V3Chain.SwapEvent event = V3Chain.swapEvent(receipt, pool);
                String where = "fee " + fee + " swap " + swaps + " " + kind + " zeroForOne=" + zeroForOne;
                assertEquals(expected.amount0(), event.amount0(), where + ": amount0");
                assertEquals(expected.amount1(), event.amount1(), where + ": amount1");
                assertEquals(expected.sqrtPriceX96After(), event.sqrtPriceX96(), where + ": sqrtPriceX96");
                assertEquals(expected.liquidityAfter(), event.liquidity(), where + ": liquidity");
                assertEquals(expected.tickAfter(), event.tick(), where + ": tick");
                V3Chain.Slot0 after = V3Chain.slot0(anvil, pool);
                assertEquals(expected.sqrtPriceX96After(), after.sqrtPriceX96(), where + ": slot0 price");
                assertEquals(expected.tickAfter(), after.tick(), where + ": slot0 tick");
                assertEquals(expected.liquidityAfter(), V3Chain.liquidity(anvil, pool), where + ": liquidity()");
                assertEquals(
                        balance0.subtract(expected.amount0()), tokens.balanceOf(token0, trader), where + ": token0");
                assertEquals(
                        balance1.subtract(expected.amount1()), tokens.balanceOf(token1, trader), where + ": token1");

                swaps++;
                crossingCounts.add(expected.ticksCrossed());
                kinds.merge(kind, 1, Integer::sum);
                zeroForOneSwaps += zeroForOne ? 1 : 0;
                if (ticks.containsKey(expected.tickAfter() + 1)
                        && TickMath.getSqrtRatioAtTick(expected.tickAfter() + 1).equals(expected.sqrtPriceX96After())) {
                    endedOnInitializedTick++;
                }
            }
        }
        assertEquals(45, swaps);
        assertTrue(crossingCounts.containsAll(List.of(0, 1, 3, 5, 6)), "ticks crossed: " + crossingCounts);
        assertEquals(Kind.values().length, kinds.size(), "kinds: " + kinds);
        assertTrue(zeroForOneSwaps > 15 && zeroForOneSwaps < 30, "directions: " + zeroForOneSwaps + " zeroForOne");
        assertTrue(
                endedOnInitializedTick >= 3, "swaps ending exactly on an initialized tick: " + endedOnInitializedTick);
    }

    /**
     * What the pool rejects, the simulator rejects with the same revert string: a price limit on the wrong side
     * ({@code SPL}) and a zero amount ({@code AS}).
     */
    @Test
    void revertsMatchThePool() {
        Anvil anvil = ANVIL.anvil();
        String weth = anvil.deploy(ContractArtifact.load("WETH9"));
        UniswapV3 v3 = UniswapV3.deploy(anvil, weth);
        TestTokens tokens = new TestTokens(anvil);
        String[] pair = V3Chain.sorted(tokens.deploy("Gamma", "G", 18), tokens.deploy("Delta", "D", 18));
        String provider = anvil.accounts().get(1);
        String trader = anvil.accounts().get(2);
        for (String token : pair) {
            tokens.mint(token, provider, BigInteger.TEN.pow(30));
            tokens.mint(token, trader, BigInteger.TEN.pow(30));
            tokens.approveMax(provider, token, v3.positionManager());
            tokens.approveMax(trader, token, v3.swapRouter());
        }
        String pool = v3.createPool(pair[0], pair[1], 3000, TickMath.getSqrtRatioAtTick(100));
        v3.mint(
                provider,
                pair[0],
                pair[1],
                3000,
                -600,
                600,
                E18.multiply(BigInteger.TEN),
                E18.multiply(BigInteger.TEN));
        V3PoolState state = V3Chain.state(anvil, pool, 3000, 60, V3Chain.initializedTicks(anvil, pool, 60));

        BigInteger above = state.sqrtPriceX96().add(BigInteger.ONE);
        String spl = V3Chain.exactInputSingle(pair[0], pair[1], 3000, trader, E18, BigInteger.ZERO, above);
        assertRevertReason(
                assertThrows(
                        AnvilException.class,
                        () -> anvil.rpc(
                                "eth_call", Map.of("from", trader, "to", v3.swapRouter(), "data", spl), "latest")),
                "SPL");
        assertEquals(
                "SPL",
                assertThrows(V3RevertException.class, () -> V3SwapSimulator.swap(state, true, E18, above))
                        .code());

        String as = V3Chain.exactInputSingle(
                pair[0], pair[1], 3000, trader, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
        assertRevertReason(
                assertThrows(
                        AnvilException.class,
                        () -> anvil.rpc(
                                "eth_call", Map.of("from", trader, "to", v3.swapRouter(), "data", as), "latest")),
                "AS");
        assertEquals(
                "AS",
                assertThrows(
                                V3RevertException.class,
                                () -> V3SwapSimulator.swap(
                                        state, true, BigInteger.ZERO, V3SwapSimulator.defaultLimit(true)))
                        .code());
    }

    /** A router call: exact input or output amount and the limit passed to the router (0 = none). */
    record SwapCall(boolean exactInput, BigInteger amount, BigInteger limit) {}

    /**
     * Picks the amount (and limit) for a swap that crosses exactly {@code cross} initialized ticks: the price target
     * lies strictly between the cross-th and the next initialized tick in the direction of the swap, and the amounts
     * to get there come from the simulator (the chain then checks them).
     */
    private static SwapCall planSwap(
            V3PoolState pool, boolean zeroForOne, int cross, Kind kind, SplittableRandom random) {
        // the initialized ticks in the swap's direction, nearest first (at or below the tick when going down)
        List<Integer> ahead = new ArrayList<>();
        for (int t : pool.initializedTicks()) {
            if (zeroForOne ? t <= pool.tick() : t > pool.tick()) {
                ahead.add(t);
            }
        }
        if (zeroForOne) {
            Collections.reverse(ahead);
        }
        if (ahead.size() <= cross) {
            throw new AssertionError("only " + ahead.size() + " initialized ticks ahead; cannot cross " + cross);
        }
        BigInteger from = cross == 0 ? pool.sqrtPriceX96() : TickMath.getSqrtRatioAtTick(ahead.get(cross - 1));
        BigInteger to = TickMath.getSqrtRatioAtTick(ahead.get(cross));
        if (kind == Kind.EXACT_IN_TO_TICK) {
            // stop exactly on the cross-th initialized tick: it is crossed, and the pool records the tick below it
            BigInteger limit = from;
            V3SwapResult r = V3SwapSimulator.swap(pool, zeroForOne, HUGE, limit);
            return new SwapCall(true, r.amountIn().add(BigInteger.valueOf(random.nextInt(1000))), limit);
        }
        // a target between the two, at a random fraction
        BigInteger span = to.subtract(from);
        BigInteger target = from.add(
                span.multiply(BigInteger.valueOf(20 + random.nextInt(60))).divide(BigInteger.valueOf(100)));
        V3SwapResult toTarget = V3SwapSimulator.swap(pool, zeroForOne, HUGE, target);
        switch (kind) {
            case EXACT_IN:
                return new SwapCall(true, toTarget.amountIn(), BigInteger.ZERO);
            case EXACT_OUT:
                return new SwapCall(false, toTarget.amountOut(), BigInteger.ZERO);
            case EXACT_IN_LIMIT:
                return new SwapCall(true, toTarget.amountIn().multiply(BigInteger.TWO), target);
            case EXACT_OUT_LIMIT:
                return new SwapCall(false, toTarget.amountOut().multiply(BigInteger.TWO), target);
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    private static void assertRevertReason(AnvilException e, String reason) {
        String text = e.getMessage() + " " + e.data().orElse("");
        // Error(string) carries the reason ABI-encoded; anvil also prints it in the message
        String encoded = String.format("%064x", reason.length())
                + String.format("%-64s", toHex(reason)).replace(' ', '0');
        assertTrue(
                text.contains("reverted: " + reason) || text.contains(encoded),
                "expected revert '" + reason + "' but got: " + text);
    }

    private static String toHex(String ascii) {
        StringBuilder sb = new StringBuilder();
        for (char c : ascii.toCharArray()) {
            sb.append(String.format("%02x", (int) c));
        }
        return sb.toString();
    }
}

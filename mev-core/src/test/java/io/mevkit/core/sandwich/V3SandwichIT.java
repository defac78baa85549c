package io.mevkit.core.sandwich;

import static io.mevkit.testing.Abi.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.core.Address;
import io.mevkit.core.Hex;
import io.mevkit.core.amm.TickMath;
import io.mevkit.core.amm.V3Chain;
import io.mevkit.core.amm.V3PoolState;
import io.mevkit.core.amm.V3SwapResult;
import io.mevkit.core.amm.V3SwapSimulator;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.AnvilExtension;
import io.mevkit.testing.ContractArtifact;
import io.mevkit.testing.Receipt;
import io.mevkit.testing.TestTokens;
import io.mevkit.testing.Tx;
import io.mevkit.testing.UniswapV3;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.FunctionEncoder;

/**
 * V3 sandwiches sized by {@link V3SandwichSizer} on pool state read from the real v3-core pools, then sent through
 * the real SwapRouter as front-run, victim and back-run in one block: every leg's amounts and the pool's price, tick
 * and liquidity after it equal the plan to the wei, and a front-run one unit above the bound makes the victim revert.
 */
class V3SandwichIT {
    @RegisterExtension
    static final AnvilExtension ANVIL = AnvilExtension.configured(b -> b.noMining());

    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final long GAS = 1_500_000;
    private static final BigInteger TIP = BigInteger.valueOf(1_000_000_000L);

    @Test
    void threeSandwichesOnAnvilEqualTheirPlansToTheWei() {
        Anvil anvil = ANVIL.anvil();
        String weth = anvil.deploy(ContractArtifact.load("WETH9"));
        UniswapV3 v3 = UniswapV3.deploy(anvil, weth);
        TestTokens tokens = new TestTokens(anvil);
        BigInteger wethNum = new BigInteger(weth.substring(2), 16);
        // one token sorting above WETH and one below, so that the front-runs run in both directions
        String above = null;
        String below = null;
        for (int i = 0; i < 12 && (above == null || below == null); i++) {
            String t = tokens.deploy("Token" + i, "T" + i, 18);
            if (new BigInteger(t.substring(2), 16).compareTo(wethNum) > 0) {
                above = above == null ? t : above;
            } else {
                below = below == null ? t : below;
            }
        }
        assertTrue(above != null && below != null, "tokens on both sides of WETH");

        String provider = anvil.accounts().get(1);
        String victim = anvil.accounts().get(3);
        String searcher = anvil.accounts().get(4);
        for (String account : List.of(provider, victim, searcher)) {
            anvil.sendAndExpectSuccess(Tx.call(account, weth, FunctionEncoder.encode(fn("deposit")))
                    .withValue(E18.multiply(BigInteger.valueOf(3000))));
            tokens.approveMax(account, weth, v3.swapRouter());
            tokens.approveMax(account, weth, v3.positionManager());
            for (String t : List.of(above, below)) {
                tokens.mint(t, account, BigInteger.TEN.pow(30));
                tokens.approveMax(account, t, v3.swapRouter());
                tokens.approveMax(account, t, v3.positionManager());
            }
        }

        String poolAbove = pool(v3, weth, above, 3000, 60, provider, 23);
        String poolBelow = pool(v3, weth, below, 500, 10, provider, -7);
        String poolCross = pool(v3, above, below, 10000, 200, provider, 0);

        List<V3SandwichPlan> checked = new ArrayList<>();
        // 1. exact input WETH -> above, 1 % slippage
        {
            V3PoolState state = read(anvil, poolAbove);
            BigInteger amountIn = E18.multiply(BigInteger.valueOf(12));
            BigInteger quote = V3SwapSimulator.exactInput(state, zeroForOne(weth, above), amountIn)
                    .amountOut();
            String data =
                    V3Chain.exactInputSingle(weth, above, 3000, victim, amountIn, bps(quote, 9_900), BigInteger.ZERO);
            checked.add(sandwich(anvil, v3, weth, searcher, victim, data, List.of(poolAbove)));
        }
        // 2. exact output WETH -> below (the front-run sells token1), 1.5 % on the input
        {
            V3PoolState state = read(anvil, poolBelow);
            BigInteger want = E18.multiply(BigInteger.valueOf(9));
            BigInteger cost = V3SwapSimulator.exactOutput(state, zeroForOne(weth, below), want)
                    .amountIn();
            String data = V3Chain.exactOutputSingle(weth, below, 500, victim, want, bps(cost, 10_150), BigInteger.ZERO);
            checked.add(sandwich(anvil, v3, weth, searcher, victim, data, List.of(poolBelow)));
        }
        // 3. a two-hop exact input WETH -> above -> below, 2 % on the final output: the first hop is sandwiched
        {
            byte[] path = path(weth, 3000, above, 10000, below);
            V3PoolState first = read(anvil, poolAbove);
            V3PoolState second = read(anvil, poolCross);
            BigInteger amountIn = E18.multiply(BigInteger.valueOf(8));
            BigInteger mid = V3SwapSimulator.exactInput(first, zeroForOne(weth, above), amountIn)
                    .amountOut();
            BigInteger out = V3SwapSimulator.exactInput(second, zeroForOne(above, below), mid)
                    .amountOut();
            String data = V3Chain.exactInput(path, victim, amountIn, bps(out, 9_800));
            checked.add(sandwich(anvil, v3, weth, searcher, victim, data, List.of(poolAbove, poolCross)));
        }
        assertEquals(3, checked.size());
        for (V3SandwichPlan plan : checked) {
            assertTrue(
                    plan.frontRun().ticksCrossed() + plan.victimHop().ticksCrossed() > 0,
                    "the front-run or the victim crosses an initialized tick: " + plan);
        }
        // both directions in the pools: WETH is token0 of one pool and token1 of the other
        assertTrue(checked.stream().anyMatch(V3SandwichPlan::zeroForOne));
        assertTrue(checked.stream().anyMatch(p -> !p.zeroForOne()));
    }

    /**
     * Decodes the victim's calldata, sizes the sandwich on the chain's state, sends front-run, victim and back-run into
     * one block and compares everything; then, on the same starting state, a front-run one unit larger than the bound
     * makes the victim revert.
     */
    private static V3SandwichPlan sandwich(
            Anvil anvil,
            UniswapV3 v3,
            String weth,
            String searcher,
            String victim,
            String victimData,
            List<String> pools) {
        V3VictimSwap swap = assertInstanceOf(V3VictimSwap.class, V3SwapDecoder.decode(victimData));
        List<V3PoolState> states = new ArrayList<>();
        for (String p : pools) {
            states.add(read(anvil, p));
        }
        JsonNode head = anvil.block("latest").orElseThrow();
        long headBlock = Hex.toLong(head.get("number").asText());
        BigInteger baseFee = Hex.toBigInteger(head.get("baseFeePerGas").asText());
        BigInteger capital = new TestTokens(anvil).balanceOf(weth, searcher);
        V3SandwichRequest request = V3SandwichRequest.builder()
                .victim(swap)
                .pools(states)
                .capital(Address.of(weth), capital)
                .wrappedNative(Address.of(weth))
                .legGas(new LegGas(200_000, 200_000))
                .baseFee(baseFee)
                .tip(TIP)
                .headBlock(headBlock)
                .targetTimestamp(Hex.toLong(head.get("timestamp").asText()) + 12)
                .build();
        SandwichDecision decision = V3SandwichSizer.defaults().size(request);
        if (!(decision instanceof V3SandwichPlan plan)) {
            throw new AssertionError("no plan: " + decision + " for " + swap + " on " + states);
        }
        assertEquals(SizeLimit.SLIPPAGE_BOUND, plan.limit(), "the victim's slippage binds before the capital");
        String tokenIn = plan.tokenIn().hex();
        String tokenOut = plan.tokenOut().hex();
        String pool = pools.get(plan.hopIndex());
        TestTokens tokens = new TestTokens(anvil);
        BigInteger searcherIn = tokens.balanceOf(tokenIn, searcher);
        BigInteger searcherOut = tokens.balanceOf(tokenOut, searcher);
        String finalToken = swap.tokenOut().hex();
        BigInteger victimFinal = tokens.balanceOf(finalToken, victim);
        String snapshot = anvil.snapshot();

        String frontData = V3Chain.exactInputSingle(
                tokenIn,
                tokenOut,
                plan.pool().fee(),
                searcher,
                plan.frontRunIn(),
                plan.frontRunMinOut(),
                BigInteger.ZERO);
        String backData = V3Chain.exactInputSingle(
                tokenOut,
                tokenIn,
                plan.pool().fee(),
                searcher,
                plan.backRunIn(),
                plan.backRunMinOut(),
                BigInteger.ZERO);
        List<Receipt> receipts = oneBlock(
                anvil,
                List.of(
                        Tx.call(searcher, v3.swapRouter(), frontData),
                        Tx.call(victim, v3.swapRouter(), victimData),
                        Tx.call(searcher, v3.swapRouter(), backData)));
        for (int i = 0; i < 3; i++) {
            assertTrue(receipts.get(i).success(), "leg " + i + " reverted");
            assertEquals(receipts.get(0).blockNumber(), receipts.get(i).blockNumber(), "one block");
            assertEquals(i, receipts.get(i).transactionIndex());
        }
        assertSwap(plan.frontRun(), V3Chain.swapEvent(receipts.get(0), pool), "front-run");
        assertSwap(plan.victimHop(), V3Chain.swapEvent(receipts.get(1), pool), "victim");
        assertSwap(plan.backRun(), V3Chain.swapEvent(receipts.get(2), pool), "back-run");
        assertEquals(plan.frontRunIn(), plan.frontRun().amountIn());
        assertEquals(plan.frontRunOut(), plan.frontRun().amountOut());
        assertEquals(plan.backRunOut(), plan.backRun().amountOut());
        assertEquals(searcherIn.add(plan.grossProfit()), tokens.balanceOf(tokenIn, searcher), "searcher's profit");
        assertEquals(searcherOut, tokens.balanceOf(tokenOut, searcher), "the back-run sells all it bought");
        BigInteger received = tokens.balanceOf(finalToken, victim).subtract(victimFinal);
        assertEquals(plan.victimAmounts().get(plan.victimAmounts().size() - 1), received, "victim's output");
        if (swap.exactInput()) {
            assertTrue(received.compareTo(swap.limitAmount()) >= 0);
        }
        for (int i = 0; i < pools.size(); i++) {
            if (i != plan.hopIndex()) {
                // the victim's other pools: the event's output is the plan's amount at that hop
                V3Chain.SwapEvent other = V3Chain.swapEvent(receipts.get(1), pools.get(i));
                boolean zfo = swap.path().get(i).zeroForOne();
                assertEquals(plan.victimAmounts().get(i + 1), (zfo ? other.amount1() : other.amount0()).negate());
            }
        }
        V3Chain.Slot0 after = V3Chain.slot0(anvil, pool);
        assertEquals(plan.backRun().sqrtPriceX96After(), after.sqrtPriceX96());
        assertEquals(plan.backRun().tickAfter(), after.tick());
        assertEquals(plan.backRun().liquidityAfter(), V3Chain.liquidity(anvil, pool));
        assertTrue(plan.netProfitWei().signum() > 0);

        // the bound is exact on chain: one unit more and the victim's router reverts (a revert uses up its snapshot)
        anvil.revert(snapshot);
        String again = anvil.snapshot();
        String tooBig = V3Chain.exactInputSingle(
                tokenIn,
                tokenOut,
                plan.pool().fee(),
                searcher,
                plan.maxFrontRun().add(BigInteger.ONE),
                BigInteger.ZERO,
                BigInteger.ZERO);
        List<Receipt> broken = oneBlock(
                anvil,
                List.of(Tx.call(searcher, v3.swapRouter(), tooBig), Tx.call(victim, v3.swapRouter(), victimData)));
        assertTrue(broken.get(0).success());
        assertFalse(broken.get(1).success(), "a front-run of maxFrontRun + 1 must break the victim");
        anvil.revert(again);
        return plan;
    }

    private static List<Receipt> oneBlock(Anvil anvil, List<Tx> txs) {
        List<String> hashes = new ArrayList<>();
        for (Tx tx : txs) {
            // fixed gas: an estimate against the pending state cannot see the earlier legs of the bundle
            hashes.add(anvil.sendTransaction(tx.withGas(GAS).withPriorityFee(TIP)));
        }
        anvil.mine();
        List<Receipt> receipts = new ArrayList<>();
        for (String hash : hashes) {
            receipts.add(anvil.awaitReceipt(hash, Duration.ofSeconds(30)));
        }
        return receipts;
    }

    private static void assertSwap(V3SwapResult expected, V3Chain.SwapEvent actual, String leg) {
        assertEquals(expected.amount0(), actual.amount0(), leg + " amount0");
        assertEquals(expected.amount1(), actual.amount1(), leg + " amount1");
        assertEquals(expected.sqrtPriceX96After(), actual.sqrtPriceX96(), leg + " sqrtPriceX96");
        assertEquals(expected.liquidityAfter(), actual.liquidity(), leg + " liquidity");
        assertEquals(expected.tickAfter(), actual.tick(), leg + " tick");
    }

    /** A pool of two tokens with five overlapping and disjoint positions around {@code startTick} (in spacings). */
    private static String pool(UniswapV3 v3, String a, String b, int fee, int spacing, String provider, int start) {
        String[] sorted = V3Chain.sorted(a, b);
        String pool =
                v3.createPool(sorted[0], sorted[1], fee, TickMath.getSqrtRatioAtTick(start * spacing + spacing / 3));
        int[][] ranges = {{-30, 30}, {-8, 10}, {-20, -6}, {4, 25}, {-2, 3}};
        BigInteger amount = E18.multiply(BigInteger.valueOf(20));
        for (int[] r : ranges) {
            v3.mint(
                    provider,
                    sorted[0],
                    sorted[1],
                    fee,
                    (start + r[0]) * spacing,
                    (start + r[1]) * spacing,
                    amount,
                    amount);
        }
        return pool;
    }

    private static V3PoolState read(Anvil anvil, String pool) {
        int spacing = V3Chain.tickSpacing(anvil, pool);
        Map<Integer, BigInteger> ticks = new TreeMap<>(V3Chain.initializedTicks(anvil, pool, spacing));
        return V3Chain.state(anvil, pool, V3Chain.fee(anvil, pool), spacing, ticks);
    }

    private static boolean zeroForOne(String tokenIn, String tokenOut) {
        return Address.of(tokenIn).compareTo(Address.of(tokenOut)) < 0;
    }

    private static BigInteger bps(BigInteger amount, int bps) {
        return amount.multiply(BigInteger.valueOf(bps)).divide(BigInteger.valueOf(10_000));
    }

    private static byte[] path(String t0, int fee1, String t1, int fee2, String t2) {
        byte[] out = new byte[66];
        System.arraycopy(Hex.decode(t0), 0, out, 0, 20);
        out[20] = (byte) (fee1 >>> 16);
        out[21] = (byte) (fee1 >>> 8);
        out[22] = (byte) fee1;
        System.arraycopy(Hex.decode(t1), 0, out, 23, 20);
        out[43] = (byte) (fee2 >>> 16);
        out[44] = (byte) (fee2 >>> 8);
        out[45] = (byte) fee2;
        System.arraycopy(Hex.decode(t2), 0, out, 46, 20);
        return out;
    }
}

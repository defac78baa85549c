package io.mevkit.core.bundle;

import static io.mevkit.core.bundle.V2SandwichFixture.E18;
import static io.mevkit.testing.Abi.address;
import static io.mevkit.testing.Abi.fn;
import static io.mevkit.testing.Abi.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.pool.V2FeeRegistry;
import io.mevkit.core.pool.V2PoolReader;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.Transaction;
import io.mevkit.core.sandwich.DecodeResult;
import io.mevkit.core.sandwich.LegGas;
import io.mevkit.core.sandwich.VictimDecoders;
import io.mevkit.core.sandwich.VictimSwap;
import io.mevkit.core.sandwich.VictimTx;
import io.mevkit.testing.Abi;
import io.mevkit.testing.Tx;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * {@link SandwichPlanner} driven by {@link BundleTracker} on anvil with the real Uniswap V2 bytecode and
 * {@link LocalBuilder}: a pool moved by another swap between heads is sized again and the new bundle's realized profit
 * is its prediction to the wei; a victim mined before planning, a fee cap below the next base fee and a pool drained
 * of its opportunity each stop with a typed reason.
 */
class SandwichPlannerIT extends V2SandwichITBase {

    private static VictimSwap decode(String victimHash) {
        Transaction pending = rpc.getTransactionByHash(Hash.of(victimHash)).orElseThrow();
        VictimTx tx = VictimTx.of(pending.from(), pending.to().orElseThrow(), pending.value(), pending.input());
        return assertInstanceOf(
                        DecodeResult.Swaps.class,
                        VictimDecoders.uniswapV2(Address.of(v2.weth())).decode(tx))
                .only();
    }

    private static SandwichPlanner.Builder planner(String victimHash, String token) {
        String victimRaw = rpc.call("eth_getRawTransactionByHash", List.of(victimHash), String.class);
        V2PoolReader reader = V2PoolReader.of(
                rpc, V2FeeRegistry.of(Map.of(Address.of(v2.factory()), io.mevkit.core.pool.V2Fee.UNISWAP_V2)));
        return TrackedRun.sandwich(
                        SandwichPlanner.builder(),
                        rpc,
                        f.legs(),
                        v2.weth(),
                        E18.multiply(BigInteger.TEN),
                        new LegGas(120_000, 120_000))
                .v2Pools(reader, List.of(Address.of(v2.pairFor(v2.weth(), token))))
                .victim(victimRaw, decode(victimHash));
    }

    /** Gives the other account {@code wei} of WETH approved for the router (each step mines a block). */
    private static void fundOther(BigInteger wei) {
        String other = anvil.accounts().get(5);
        f.wrap(other, wei);
        tokens.approveMax(other, v2.weth(), v2.router());
    }

    /** Another account's swap in the same direction as the victim, mined in a block of its own. */
    private static void otherSwap(String token, BigInteger in) {
        String other = anvil.accounts().get(5);
        anvil.sendAndExpectSuccess(new Tx(
                other,
                v2.router(),
                FunctionEncoder.encode(fn(
                        "swapExactTokensForTokens",
                        uint(in),
                        uint(BigInteger.ONE),
                        Abi.path(v2.weth(), token),
                        address(other),
                        new Uint256(BigInteger.ONE.shiftLeft(40)))),
                BigInteger.ZERO,
                300_000L,
                null));
    }

    @Test
    void aPoolMovedBetweenHeadsIsSizedAgainAndTheNewBundleRealizesItsPredictionToTheWei() {
        String token = f.pool();
        fundOther(E18);
        String victimHash = f.victimSwap(token);
        SandwichPlanner planner = planner(victimHash, token).build();
        String victimRaw = rpc.call("eth_getRawTransactionByHash", List.of(victimHash), String.class);
        TrackedRun run = new TrackedRun(rpc);
        long head = run.track("opp-moved", planner);
        SandwichPlanner.Planned first = planner.last().orElseThrow();
        assertEquals(head + 1, first.targetBlock());
        assertTrue(first.resized());
        assertEquals(
                new BundleOutcome.Submitted(head + 1, first.bundle().bundle().bundleHash(), 0),
                run.outcomes().get(0));

        // another builder's block: a small swap in the victim's direction lands, the victim stays pending
        anvil.rpc("anvil_dropTransaction", victimHash);
        otherSwap(token, E18.divide(BigInteger.valueOf(20)));
        assertEquals(head + 1, rpc.blockNumber());
        assertEquals(Hash.of(victimHash), rpc.sendRawTransaction(io.mevkit.core.Hex.decode(victimRaw)));

        run.tracker.onHead(head + 1);
        SandwichPlanner.Planned second = planner.last().orElseThrow();
        assertEquals(head + 2, second.targetBlock());
        assertEquals(1, second.attempt());
        assertTrue(second.resized(), "the pool moved: sized again");
        assertTrue(
                second.plan().frontRunIn().compareTo(first.plan().frontRunIn()) < 0,
                "less room after the other swap: " + second.plan().frontRunIn() + " vs "
                        + first.plan().frontRunIn());
        assertTrue(second.plan().grossProfit().compareTo(first.plan().grossProfit()) < 0);
        run.assertResubmitted(head, first.bundle(), second.bundle());
        // the second attempt pays the schedule's 30 % of the new gross profit over the legs' 240 000 gas
        assertEquals(
                second.plan()
                        .grossProfit()
                        .multiply(BigInteger.valueOf(3_000))
                        .divide(BigInteger.valueOf(10_000))
                        .divide(BigInteger.valueOf(240_000)),
                io.mevkit.core.bundle.internal.DecodedTx.decode(
                                "frontRun", second.bundle().frontRun().rawHex())
                        .maxPriorityFeePerGas()
                        .orElseThrow());

        BigInteger wethBefore = tokens.balanceOf(v2.weth(), searcher.address().hex());
        BigInteger ethBefore = rpc.getBalance(searcher.address(), BlockTag.LATEST);
        run.tracker.onHead(run.builder.buildBlock().number());
        assertEquals(
                new BundleOutcome.Included(head + 2, 0, second.bundle().bundle().bundleHash()), run.lastOutcome());
        assertEquals(5, run.events.size());
        BigInteger realized =
                tokens.balanceOf(v2.weth(), searcher.address().hex()).subtract(wethBefore);
        assertEquals(second.plan().grossProfit(), realized, "realized = re-planned prediction, to the wei");
        assertEquals(second.bundle().capitalDelta(), realized, "realized = simulated, to the wei");
        assertEquals(
                second.bundle().ethDelta(),
                rpc.getBalance(searcher.address(), BlockTag.LATEST).subtract(ethBefore),
                "realized gas and bribe = simulated");
    }

    @Test
    void anUnmovedPoolKeepsThePlanAndTheBribeRisesToTheCapOnly() {
        String token = f.pool();
        String victimHash = f.victimSwap(token);
        SandwichPlanner planner = planner(victimHash, token)
                .bribeSchedule(new BribeSchedule(4_000, 4_000, 5_000))
                .build();
        String victimRaw = rpc.call("eth_getRawTransactionByHash", List.of(victimHash), String.class);
        TrackedRun run = new TrackedRun(rpc);
        long head = run.track("opp-still", planner);
        SandwichPlanner.Planned first = planner.last().orElseThrow();

        // another builder's empty block: the pool is as it was, the victim still pending
        anvil.rpc("anvil_dropTransaction", victimHash);
        anvil.mine();
        rpc.sendRawTransaction(io.mevkit.core.Hex.decode(victimRaw));
        run.tracker.onHead(head + 1);

        SandwichPlanner.Planned second = planner.last().orElseThrow();
        assertEquals(head + 2, second.targetBlock());
        assertFalse(second.resized(), "the pool did not move: the plan is kept");
        assertEquals(first.plan(), second.plan());
        BigInteger gross = second.plan().grossProfit();
        BigInteger firstTip = tipOf(first);
        BigInteger secondTip = tipOf(second);
        assertEquals(gross.multiply(BigInteger.valueOf(4_000)).divide(BigInteger.valueOf(10_000 * 240_000L)), firstTip);
        // 40 % + 40 % would be 80 %: the schedule's cap of half the profit is paid instead
        assertEquals(gross.divide(BigInteger.TWO).divide(BigInteger.valueOf(240_000)), secondTip);
        assertTrue(secondTip.multiply(BigInteger.valueOf(240_000)).compareTo(gross.divide(BigInteger.TWO)) <= 0);

        BigInteger wethBefore = tokens.balanceOf(v2.weth(), searcher.address().hex());
        run.tracker.onHead(run.builder.buildBlock().number());
        assertEquals(
                new BundleOutcome.Included(head + 2, 0, second.bundle().bundle().bundleHash()), run.lastOutcome());
        assertEquals(
                gross, tokens.balanceOf(v2.weth(), searcher.address().hex()).subtract(wethBefore));
    }

    private static BigInteger tipOf(SandwichPlanner.Planned planned) {
        return io.mevkit.core.bundle.internal.DecodedTx.decode(
                        "frontRun", planned.bundle().frontRun().rawHex())
                .maxPriorityFeePerGas()
                .orElseThrow();
    }

    @Test
    void theRiskPolicySeesEachPlannedBundleAndItsRefusalEndsTheOpportunityUnsent(@TempDir Path dir) {
        String token = f.pool();
        String victimHash = f.victimSwap(token);
        SandwichPlanner planner = planner(victimHash, token).build();
        BigInteger limit = E18.divide(BigInteger.valueOf(1_000));
        TrackedRun run = new TrackedRun(rpc, TrackedRun.positionLimit(limit, dir));
        run.track("opp-risk", planner);
        run.assertRefusedAsTooLarge(planner.last().orElseThrow().plan().frontRunIn(), limit);
    }

    @Test
    void aVictimMinedBeforePlanningEndsAsVictimMinedElsewhere() {
        String token = f.pool();
        String victimHash = f.victimSwap(token);
        SandwichPlanner planner = planner(victimHash, token).build();
        anvil.mine(); // another builder's block takes the victim as it is
        TrackedRun run = new TrackedRun(rpc);
        long head = run.track("opp-mined", planner);
        assertEquals(List.of(new BundleOutcome.VictimMinedElsewhere(head, Hash.of(victimHash))), run.outcomes());
        assertTrue(planner.last().isEmpty());
        assertTrue(run.builder.pending().isEmpty());
        // without the tracker's victim hash the same stop is a typed cancellation
        assertEquals(
                StopReason.VICTIM_MINED,
                assertInstanceOf(BundleTracker.Plan.Stop.class, planner.planFor(head + 1, 0))
                        .kind());
    }

    @Test
    void aFeeCapBelowTheNextBaseFeeAndADrainedOpportunityStopTyped() {
        String token = f.pool();
        String victimHash = f.victimSwap(token);
        long head = rpc.blockNumber();
        BigInteger baseFee = f.nextBaseFee();
        SandwichPlanner capped = planner(victimHash, token)
                .maxFeePerGas(baseFee.subtract(BigInteger.ONE))
                .build();
        TrackedRun run = new TrackedRun(rpc);
        assertEquals(head, run.track("opp-cap", capped));
        BundleOutcome.Cancelled cancelled = assertInstanceOf(BundleOutcome.Cancelled.class, run.lastOutcome());
        assertEquals(StopReason.FEE_CAP_BELOW_BASE_FEE, cancelled.kind());
        assertEquals(1, run.events.size());

        // a large swap ahead of the victim uses up its slippage bound: nothing left to sandwich
        String victimRaw = rpc.call("eth_getRawTransactionByHash", List.of(victimHash), String.class);
        anvil.rpc("anvil_dropTransaction", victimHash);
        fundOther(E18.multiply(BigInteger.TWO));
        otherSwap(token, E18.multiply(BigInteger.TWO));
        rpc.sendRawTransaction(io.mevkit.core.Hex.decode(victimRaw));
        SandwichPlanner drained = planner(victimHash, token).build();
        BundleTracker.Plan.Stop stop =
                assertInstanceOf(BundleTracker.Plan.Stop.class, drained.planFor(rpc.blockNumber() + 1, 0));
        assertEquals(StopReason.NO_LONGER_PROFITABLE, stop.kind());
        assertTrue(stop.reason().contains("NoSlippageRoom"), stop.reason());
    }
}

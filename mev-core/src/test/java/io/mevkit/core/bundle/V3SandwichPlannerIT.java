package io.mevkit.core.bundle;

import static io.mevkit.core.bundle.V3SandwichFixture.E18;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.FeeMarket;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.bundle.internal.DecodedTx;
import io.mevkit.core.gas.BaseFeeRule;
import io.mevkit.core.pool.V3TickReader;
import io.mevkit.core.rpc.Block;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.sandwich.LegGas;
import io.mevkit.testing.AnvilExtension;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link V3SandwichPlanner} driven by {@link BundleTracker} on f.anvil with the real Uniswap V3 bytecode and
 * {@link LocalBuilder}: a planned sandwich ends Included with its realized profit equal to the plan's to the wei; a pool
 * moved by another swap between heads is sized again and still executes exactly; an unmoved pool keeps its plan; a
 * victim mined before planning, a fee cap below the next base fee, a victim whose own cap falls below it, a drained
 * opportunity and a risk refusal each end typed. One f.anvil and one pool for the class; every test starts from the
 * same snapshot.
 */
class V3SandwichPlannerIT {
    @RegisterExtension
    static final AnvilExtension ANVIL = AnvilExtension.configured(b -> b.noMining());

    private static final long LEG_GAS = 300_000;

    static V3SandwichFixture f;
    String snapshot;

    @BeforeAll
    static void deploy() {
        f = new V3SandwichFixture(ANVIL.anvil());
    }

    @AfterAll
    static void close() {
        f.close();
    }

    @BeforeEach
    void mark() {
        snapshot = f.anvil.snapshot();
    }

    @AfterEach
    void rewind() {
        f.anvil.rpc("anvil_dropAllTransactions");
        f.anvil.revert(snapshot);
        // f.anvil's revert leaves its next base fee where the reverted blocks took it: set it back to the EIP-1559
        // rule's
        f.anvil.setNextBlockBaseFee(nextBaseFee());
    }

    private static V3SandwichPlanner.Builder planner(String victimHash) {
        return TrackedRun.sandwich(
                        V3SandwichPlanner.builder(),
                        f.rpc,
                        f.legs(),
                        f.weth,
                        E18.multiply(BigInteger.valueOf(100)),
                        new LegGas(150_000, 150_000))
                .v3Pools(V3TickReader.builder().client(f.rpc).build(), List.of(Address.of(f.pool)))
                .victim(f.raw(victimHash), f.decode(victimHash));
    }

    private static BigInteger weth() {
        return f.tokens.balanceOf(f.weth, f.searcher.address().hex());
    }

    private static BigInteger eth() {
        return f.rpc.getBalance(f.searcher.address(), BlockTag.LATEST);
    }

    private static BigInteger tipOf(V3SandwichPlanner.Planned planned) {
        return DecodedTx.decode("frontRun", planned.bundle().frontRun().rawHex())
                .maxPriorityFeePerGas()
                .orElseThrow();
    }

    /** The schedule's share of the plan's gross profit over the legs' gas, as the planner prices the tip. */
    private static BigInteger tip(V3SandwichPlanner.Planned planned, int shareBps) {
        return planned.plan()
                .grossProfit()
                .multiply(BigInteger.valueOf(shareBps))
                .divide(BigInteger.valueOf(10_000))
                .divide(BigInteger.valueOf(LEG_GAS));
    }

    /** Another builder's block: the victim leaves the pool, {@code between} runs and is mined, the victim returns. */
    private static void anotherBlock(String victimHash, Runnable between) {
        String raw = f.raw(victimHash);
        f.anvil.rpc("anvil_dropTransaction", victimHash);
        between.run();
        assertEquals(Hash.of(victimHash), f.rpc.sendRawTransaction(Hex.decode(raw)));
    }

    @Test
    void aPlannedSandwichIsIncludedAndRealizesThePlanToTheWei() {
        V3SandwichPlanner planner = planner(f.victimSwap()).build();
        TrackedRun run = new TrackedRun(f.rpc);
        long head = run.track("v3-included", planner);
        V3SandwichPlanner.Planned planned = planner.last().orElseThrow();
        assertEquals(head + 1, planned.targetBlock());
        assertEquals(0, planned.attempt());
        assertTrue(planned.resized());
        assertTrue(planned.plan().grossProfit().signum() > 0);
        assertEquals(Address.of(f.pool), planned.plan().pool().address().orElseThrow());
        assertEquals(head, planned.plan().pool().blockNumber(), "sized on the pool read at the head");
        assertEquals(tip(planned, 1_000), tipOf(planned), "10 % of the gross profit over the legs' gas");
        assertEquals(planned.plan().grossProfit(), planned.bundle().capitalDelta(), "simulated = planned");
        assertEquals(
                List.of(new BundleOutcome.Submitted(
                        head + 1, planned.bundle().bundle().bundleHash(), 0)),
                run.outcomes());

        BigInteger wethBefore = weth();
        BigInteger ethBefore = eth();
        BuiltBlock built = run.builder.buildBlock();
        run.tracker.onHead(built.number());
        assertEquals(
                new BundleOutcome.Included(
                        head + 1, 0, planned.bundle().bundle().bundleHash()),
                run.lastOutcome());
        assertEquals(2, run.events.size());
        assertEquals(planner.victimHash(), built.txHashes().get(1));
        assertEquals(planned.plan().grossProfit(), weth().subtract(wethBefore), "realized = planned, to the wei");
        assertEquals(planned.bundle().ethDelta(), eth().subtract(ethBefore), "realized gas and bribe = simulated");
        assertEquals(
                planned.plan().backRun().sqrtPriceX96After(),
                f.state().sqrtPriceX96(),
                "the pool's price after the back-run is the plan's");
        assertTrue(run.tracker.tracking().isEmpty());
    }

    @Test
    void aPoolMovedBetweenHeadsIsSizedAgainAndStillExecutesExactly() {
        String victimHash = f.victimSwap();
        V3SandwichPlanner planner = planner(victimHash).build();
        TrackedRun run = new TrackedRun(f.rpc);
        long head = run.track("v3-moved", planner);
        V3SandwichPlanner.Planned first = planner.last().orElseThrow();

        // another builder's block: a small swap in the victim's direction lands, the victim stays pending
        anotherBlock(victimHash, () -> f.otherSwap(E18.divide(BigInteger.TWO)));
        assertEquals(head + 1, f.rpc.blockNumber());
        assertNotEquals(first.plan().pool().sqrtPriceX96(), f.state().sqrtPriceX96());

        run.tracker.onHead(head + 1);
        V3SandwichPlanner.Planned second = planner.last().orElseThrow();
        assertEquals(head + 2, second.targetBlock());
        assertEquals(1, second.attempt());
        assertTrue(second.resized(), "the pool moved: sized again");
        assertEquals(head + 1, second.plan().pool().blockNumber());
        assertEquals(f.state().sqrtPriceX96(), second.plan().pool().sqrtPriceX96(), "sized on the moved pool");
        assertTrue(
                second.plan().frontRunIn().compareTo(first.plan().frontRunIn()) < 0,
                "less slippage room after the other swap: " + second.plan().frontRunIn() + " vs "
                        + first.plan().frontRunIn());
        assertTrue(second.plan().grossProfit().compareTo(first.plan().grossProfit()) < 0);
        assertEquals(tip(second, 3_000), tipOf(second), "the second attempt pays 30 % of the new gross profit");
        run.assertResubmitted(head, first.bundle(), second.bundle());

        BigInteger wethBefore = weth();
        BigInteger ethBefore = eth();
        run.tracker.onHead(run.builder.buildBlock().number());
        assertEquals(
                new BundleOutcome.Included(head + 2, 0, second.bundle().bundle().bundleHash()), run.lastOutcome());
        assertEquals(5, run.events.size());
        assertEquals(second.plan().grossProfit(), weth().subtract(wethBefore), "realized = re-planned, to the wei");
        assertEquals(second.bundle().capitalDelta(), weth().subtract(wethBefore), "realized = simulated");
        assertEquals(second.bundle().ethDelta(), eth().subtract(ethBefore), "realized gas and bribe = simulated");
        assertEquals(second.plan().backRun().sqrtPriceX96After(), f.state().sqrtPriceX96());
    }

    @Test
    void anUnmovedPoolKeepsThePlanAndTheBribeRisesToTheCapOnly() {
        String victimHash = f.victimSwap();
        V3SandwichPlanner planner = planner(victimHash)
                .bribeSchedule(new BribeSchedule(4_000, 4_000, 5_000))
                .build();
        TrackedRun run = new TrackedRun(f.rpc);
        long head = run.track("v3-still", planner);
        V3SandwichPlanner.Planned first = planner.last().orElseThrow();

        anotherBlock(victimHash, f.anvil::mine); // an empty block: the pool is as it was
        run.tracker.onHead(head + 1);

        V3SandwichPlanner.Planned second = planner.last().orElseThrow();
        assertEquals(head + 2, second.targetBlock());
        assertFalse(second.resized(), "price, liquidity and ticks unchanged: the plan is kept");
        assertEquals(first.plan(), second.plan());
        assertEquals(tip(first, 4_000), tipOf(first));
        // 40 % + 40 % would be 80 %: the schedule's cap of half the profit is paid instead
        assertEquals(tip(second, 5_000), tipOf(second));

        BigInteger wethBefore = weth();
        run.tracker.onHead(run.builder.buildBlock().number());
        assertEquals(
                new BundleOutcome.Included(head + 2, 0, second.bundle().bundle().bundleHash()), run.lastOutcome());
        assertEquals(second.plan().grossProfit(), weth().subtract(wethBefore));
    }

    @Test
    void aVictimMinedBeforePlanningEndsAsVictimMinedElsewhere() {
        V3SandwichPlanner planner = planner(f.victimSwap()).build();
        f.anvil.mine(); // another builder's block takes the victim as it is
        TrackedRun run = new TrackedRun(f.rpc);
        long head = run.track("v3-mined", planner);
        assertEquals(List.of(new BundleOutcome.VictimMinedElsewhere(head, planner.victimHash())), run.outcomes());
        assertTrue(planner.last().isEmpty());
        assertTrue(run.builder.pending().isEmpty());
        BundleTracker.Plan.Stop stop = assertInstanceOf(BundleTracker.Plan.Stop.class, planner.planFor(head + 1, 0));
        assertEquals(StopReason.VICTIM_MINED, stop.kind());
    }

    @Test
    void aVictimMinedElsewhereAfterSubmissionEndsAsVictimMinedElsewhere() {
        V3SandwichPlanner planner = planner(f.victimSwap()).build();
        TrackedRun run = new TrackedRun(f.rpc);
        long head = run.track("v3-mined-later", planner);
        assertTrue(planner.last().isPresent());

        f.anvil.mine(); // another builder's block takes the victim without our legs
        run.tracker.onHead(head + 1);
        assertEquals(new BundleOutcome.VictimMinedElsewhere(head + 1, planner.victimHash()), run.lastOutcome());
        assertTrue(run.tracker.tracking().isEmpty());
    }

    @Test
    void aFeeCapBelowTheNextBaseFeeStopsTyped() {
        String victimHash = f.victimSwap();
        BigInteger baseFee = nextBaseFee();
        V3SandwichPlanner capped = planner(victimHash)
                .maxFeePerGas(baseFee.subtract(BigInteger.ONE))
                .build();
        TrackedRun run = new TrackedRun(f.rpc);
        long head = run.track("v3-cap", capped);
        BundleOutcome.Cancelled cancelled = assertInstanceOf(BundleOutcome.Cancelled.class, run.lastOutcome());
        assertEquals(StopReason.FEE_CAP_BELOW_BASE_FEE, cancelled.kind());
        assertEquals(
                "fee cap " + baseFee.subtract(BigInteger.ONE) + " is below block " + (head + 1) + "'s base fee "
                        + baseFee,
                cancelled.reason());
        assertEquals(1, run.events.size());
        assertTrue(run.builder.pending().isEmpty());

        // a cap exactly at the next base fee is enough: the tip is cut to zero and the legs still pay the base fee
        V3SandwichPlanner atCap = planner(victimHash).maxFeePerGas(baseFee).build();
        assertInstanceOf(BundleTracker.Plan.Submit.class, atCap.planFor(head + 1, 0));
        V3SandwichPlanner.Planned planned = atCap.last().orElseThrow();
        assertEquals(BigInteger.ZERO, tipOf(planned));
        assertEquals(
                baseFee,
                DecodedTx.decode("frontRun", planned.bundle().frontRun().rawHex())
                        .maxFeePerGas()
                        .orElseThrow());
    }

    @Test
    void aVictimWhoseOwnCapIsBelowTheNextBaseFeeStopsTyped() {
        String victimHash = f.victimSwap();
        BigInteger victimCap = f.rpc.getTransactionByHash(Hash.of(victimHash))
                .orElseThrow()
                .maxFeePerGas()
                .orElseThrow();
        // f.anvil refuses and evicts a transaction its next block's base fee exceeds, so the chain's fee rule is what
        // moves here: a gas target of one gas makes the head's gas raise the next base fee far above the victim's cap
        Block head = f.rpc.getBlockByNumber(BlockTag.LATEST, false).orElseThrow();
        FeeMarket.Eip1559 steep = new FeeMarket.Eip1559(Math.toIntExact(head.gasLimit()), 1);
        BigInteger steepBaseFee = BaseFeeRule.next(
                        steep, head.baseFeePerGas().orElseThrow(), head.gasUsed(), head.gasLimit())
                .baseFee();
        assertTrue(steepBaseFee.compareTo(victimCap) > 0, steepBaseFee + " vs " + victimCap);

        BundleTracker.Plan.Stop stop = assertInstanceOf(
                BundleTracker.Plan.Stop.class,
                planner(victimHash).feeRule(steep).build().planFor(head.number() + 1, 0));
        assertEquals(StopReason.FEE_CAP_BELOW_BASE_FEE, stop.kind());
        assertEquals(
                "the victim's fee cap " + victimCap + " is below block " + (head.number() + 1) + "'s base fee "
                        + steepBaseFee,
                stop.reason());
        // under Ethereum's rule the same victim is planned
        assertInstanceOf(
                BundleTracker.Plan.Submit.class, planner(victimHash).build().planFor(head.number() + 1, 0));
    }

    @Test
    void aSwapThatUsesUpTheVictimsSlippageStopsAsNoLongerProfitable() {
        String victimHash = f.victimSwap();
        anotherBlock(victimHash, () -> f.otherSwap(E18.multiply(BigInteger.valueOf(3))));
        V3SandwichPlanner planner = planner(victimHash).build();
        BundleTracker.Plan.Stop stop =
                assertInstanceOf(BundleTracker.Plan.Stop.class, planner.planFor(f.rpc.blockNumber() + 1, 0));
        assertEquals(StopReason.NO_LONGER_PROFITABLE, stop.kind());
        assertTrue(stop.reason().contains("NoSlippageRoom"), stop.reason());
        assertTrue(planner.last().isEmpty());
    }

    @Test
    void theRiskPolicySeesThePlannedBundleAndItsRefusalEndsTheOpportunityUnsent(@TempDir Path dir) {
        V3SandwichPlanner planner = planner(f.victimSwap()).build();
        BigInteger limit = E18.divide(BigInteger.valueOf(1_000));
        TrackedRun run = new TrackedRun(f.rpc, TrackedRun.positionLimit(limit, dir));
        run.track("v3-risk", planner);
        run.assertRefusedAsTooLarge(planner.last().orElseThrow().plan().frontRunIn(), limit);
    }

    private static BigInteger nextBaseFee() {
        Block head = f.rpc.getBlockByNumber(BlockTag.LATEST, false).orElseThrow();
        return BaseFeeRule.next(
                        FeeMarket.eip1559(2, 8), head.baseFeePerGas().orElseThrow(), head.gasUsed(), head.gasLimit())
                .baseFee();
    }
}

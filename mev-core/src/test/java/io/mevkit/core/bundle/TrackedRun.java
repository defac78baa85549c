package io.mevkit.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.sandwich.LegGas;
import io.mevkit.testing.Anvil;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the sandwich planner ITs share: a {@link BundleTracker} (fixed clock, three target blocks, an optional risk
 * policy) over a {@link LocalBuilder} that records every outcome, and the planner options both protocols take.
 */
final class TrackedRun {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    record Event(String id, BundleOutcome outcome) {}

    final RpcClient rpc;
    final LocalBuilder builder;
    final List<Event> events = new ArrayList<>();
    final BundleTracker tracker;

    TrackedRun(RpcClient rpc) {
        this(rpc, null);
    }

    TrackedRun(RpcClient rpc, @Nullable RiskPolicy policy) {
        this.rpc = rpc;
        this.builder = LocalBuilder.create(rpc);
        BundleTracker.Builder b = BundleTracker.builder()
                .rpc(rpc)
                .submitter(builder)
                .listener((id, o) -> events.add(new Event(id, o)))
                .clock(CLOCK)
                .maxBlocks(3);
        if (policy != null) {
            b.riskPolicy(policy);
        }
        this.tracker = b.build();
    }

    /** A client of the test node, as the ITs' fixtures use it. */
    static RpcClient client(Anvil anvil) {
        return RpcClient.builder()
                .chainId(anvil.chainId())
                .endpoint("anvil", anvil.rpcUrl())
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    /** Legs from {@code searcher}, simulated on the test node; the router is the caller's. */
    static SandwichLegs.Builder legs(PrivateKeySigner searcher, RpcClient rpc) {
        return SandwichLegs.builder().signer(searcher).simulator(BundleSimulator.of(rpc));
    }

    /** Starts tracking {@code planner}'s victim from the current head, which it returns. */
    long track(String id, SandwichReplanner<?, ?, ?> planner) {
        long head = rpc.blockNumber();
        tracker.track(id, Optional.of(planner.victimHash()), planner, head);
        return head;
    }

    List<BundleOutcome> outcomes() {
        return events.stream().map(Event::outcome).toList();
    }

    BundleOutcome lastOutcome() {
        return events.get(events.size() - 1).outcome();
    }

    /**
     * Asserts that after {@code first} (for {@code head + 1}) came, in order: not included, replaced by {@code second},
     * and {@code second} submitted for {@code head + 2} as the second attempt.
     */
    void assertResubmitted(long head, SandwichBundle first, SandwichBundle second) {
        assertEquals(
                List.of(
                        new BundleOutcome.NotIncluded(head + 1),
                        new BundleOutcome.Replaced(
                                first.bundle().bundleHash(), second.bundle().bundleHash()),
                        new BundleOutcome.Submitted(head + 2, second.bundle().bundleHash(), 1)),
                outcomes().subList(1, 4));
    }

    /** Asserts the opportunity ended refused by the risk policy for a front-run of {@code input} above {@code limit}. */
    void assertRefusedAsTooLarge(BigInteger input, BigInteger limit) {
        assertTrue(input.compareTo(limit) > 0, input + " vs " + limit);
        assertEquals(
                List.of(new BundleOutcome.RejectedByRisk(
                        new RiskDecision.Rejected(RiskDecision.Reason.POSITION_TOO_LARGE, input, limit))),
                outcomes());
        assertTrue(builder.pending().isEmpty(), "nothing sent");
    }

    /** A policy that refuses a front-run above {@code maxPosition}, its state in {@code dir}. */
    static RiskPolicy positionLimit(BigInteger maxPosition, Path dir) {
        return RiskPolicy.builder()
                .maxPosition(maxPosition)
                .maxDailyLoss(BigInteger.TEN.pow(18))
                .clock(CLOCK)
                .store(FileRiskStateStore.at(dir.resolve("risk.json")))
                .build();
    }

    /**
     * The options both planners' ITs set: the node, the legs, a bribe of 10 % of the gross profit rising 20 points a
     * block to at most half, {@code capital} of WETH (the wrapped native token) and the legs' gas.
     */
    static <B extends SandwichPlannerBuilder<B>> B sandwich(
            B planner, RpcClient rpc, SandwichLegs legs, String weth, BigInteger capital, LegGas legGas) {
        return planner.rpc(rpc)
                .legs(legs)
                .bribeSchedule(new BribeSchedule(1_000, 2_000, 5_000))
                .capital(Address.of(weth), capital)
                .wrappedNative(Address.of(weth))
                .legGas(legGas);
    }
}

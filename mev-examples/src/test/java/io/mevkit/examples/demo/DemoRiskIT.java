package io.mevkit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Hash;
import io.mevkit.core.bundle.RiskDecision;
import io.mevkit.core.bundle.RiskPolicy;
import io.mevkit.store.MevStore;
import io.mevkit.store.Opportunity;
import io.mevkit.store.OpportunityStatus;
import io.mevkit.ws.PendingTransaction;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's risk state lives in its store: a kill switch tripped yesterday through one store instance on the demo's
 * database file makes the next demo run on that file refuse every sandwich with the core policy's typed reason (in the
 * searcher's counts, the store's skip reasons and the listener's events), although the new day's loss is zero, until a
 * run re-arms it and trades again. Both runs end with no bundle left in flight.
 */
class DemoRiskIT {
    private static final int BLOCKS = 4; // seeds 7 and 11 each have a sandwichable victim by block 4
    private static final String TRIPPED = RiskDecision.Reason.KILL_SWITCH_TRIPPED.name();

    @TempDir
    Path dir;

    @Test
    void aKillSwitchTrippedInTheStoreRefusesTheNextRunUntilReArmed() {
        Path db = dir.resolve("demo.db");
        RiskSettings settings = RiskSettings.defaults();
        try (MevStore store = MevStore.builder().sqlite(db).build()) {
            // yesterday's loss: today starts at zero, so only the switch can refuse (a re-arm keeps the day's loss)
            Clock yesterday = Clock.offset(Clock.systemUTC(), Duration.ofDays(-1));
            RiskPolicy policy = settings.policy(store.riskStateStore(DemoRunner.RISK_SCOPE), yesterday);
            policy.submitted();
            policy.settled(settings.maxDailyLossWei().add(BigInteger.ONE).negate(), BigInteger.ZERO);
            assertTrue(policy.state().tripped(), policy.state().toString());
        }

        Map<String, Long> heard = new ConcurrentHashMap<>();
        DemoRunner.Result refused = DemoRunner.run(
                new DemoRunner.Options(7, BLOCKS, db, 0, settings, false),
                (block, of, s) -> {},
                new DemoRunner.Observer() {
                    @Override
                    public void rejected(@Nullable Hash victim, @Nullable Long opportunityId, String reason) {
                        heard.merge(reason, 1L, Long::sum);
                    }
                });
        Searcher.Summary s = refused.summary();
        assertEquals(BLOCKS, s.victimsSeen());
        assertTrue(s.sandwichable() > 0, s.toString());
        assertEquals(0, s.executed(), s.toString());
        assertEquals(s.sandwichable(), s.rejections().get(TRIPPED), s.toString());
        assertEquals(s.sandwichable(), heard.get(TRIPPED), heard.toString());
        assertTrue(refused.risk().tripped(), refused.risk().toString());
        assertEquals(
                BigInteger.ZERO, refused.risk().realizedLoss(), refused.risk().toString());
        assertEquals(0, refused.bundlesInFlight());
        try (MevStore store = MevStore.builder().sqlite(db).build()) {
            List<Opportunity> skipped = store.read(t -> t.opportunities().byStatus(OpportunityStatus.SKIPPED, 100));
            assertEquals(
                    s.sandwichable(),
                    skipped.stream().filter(o -> TRIPPED.equals(o.skipReason())).count(),
                    skipped.toString());
            assertEquals(List.of(), store.read(t -> t.opportunities().byStatus(OpportunityStatus.LANDED, 100)));
        }

        // another seed: the same seed would send the same signed victims, which the store has decided already
        DemoRunner.Result rearmed =
                DemoRunner.run(new DemoRunner.Options(11, BLOCKS, db, 0, settings, true), (block, of, summary) -> {});
        Searcher.Summary t = rearmed.summary();
        assertTrue(t.executed() > 0, t.toString());
        assertEquals(t.predictedWei(), t.realizedWei(), t.toString());
        assertFalse(t.rejections().containsKey(TRIPPED), t.toString());
        assertFalse(rearmed.risk().tripped(), rearmed.risk().toString());
        assertEquals(0, rearmed.bundlesInFlight());
        try (MevStore store = MevStore.builder().sqlite(db).build()) {
            assertFalse(
                    settings.policy(store.riskStateStore(DemoRunner.RISK_SCOPE), Clock.systemUTC())
                            .state()
                            .tripped(),
                    "the re-arm is kept in the store");
        }

        // the same seed again: a victim signed byte for byte as in an earlier run (the same transaction seen again)
        // is one this store decided already; it is refused as such, once, and its row keeps its decision
        Set<String> decided = new HashSet<>();
        try (MevStore store = MevStore.builder().sqlite(db).build()) {
            for (OpportunityStatus status : OpportunityStatus.values()) {
                store.read(tx -> tx.opportunities().byStatus(status, 100)).forEach(o -> decided.add(o.victimTx()));
            }
        }
        List<String> victims = new CopyOnWriteArrayList<>();
        DemoRunner.Result again = DemoRunner.run(
                new DemoRunner.Options(11, BLOCKS, db, 0, settings, false),
                (block, of, summary) -> {},
                new DemoRunner.Observer() {
                    @Override
                    public void victim(PendingTransaction tx, String venue) {
                        victims.add(tx.hash().hex());
                    }
                });
        Searcher.Summary u = again.summary();
        assertEquals(BLOCKS, u.victimsSeen());
        assertEquals(
                (long) BLOCKS,
                u.executed()
                        + u.rejections().values().stream()
                                .mapToLong(Long::longValue)
                                .sum(),
                "each victim has one outcome: " + u);
        assertEquals(
                victims.stream().filter(decided::contains).count(),
                u.rejections().getOrDefault("ALREADY_DECIDED", 0L),
                u + " with victims " + victims + " of which decided before: " + decided);
        assertFalse(u.rejections().containsKey("ERROR"), u.toString());
        assertEquals(0, again.bundlesInFlight());
    }
}

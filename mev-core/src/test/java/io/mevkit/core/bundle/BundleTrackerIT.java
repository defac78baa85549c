package io.mevkit.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.AnvilExtension;
import io.mevkit.testing.Tx;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BundleTracker} on anvil with the {@link LocalBuilder}: a missed block, a re-priced resubmission and
 * inclusion; a victim mined elsewhere; a nonce taken; a deadline; a stop from re-validation; a risk refusal.
 */
class BundleTrackerIT {
    @RegisterExtension
    static final AnvilExtension ANVIL = AnvilExtension.configured(b -> b.noMining());

    private static final long CHAIN = 31337;
    private static final BigInteger MAX_FEE = BigInteger.valueOf(100_000_000_000L);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    static Anvil anvil;
    static RpcClient rpc;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() {
        anvil = ANVIL.anvil();
        rpc = RpcClient.builder()
                .chainId(CHAIN)
                .endpoint("anvil", anvil.rpcUrl())
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    @AfterAll
    static void close() {
        rpc.close();
    }

    record Event(String id, BundleOutcome outcome) {}

    private static SignedTx transfer(PrivateKeySigner s, long nonce, BigInteger tip) {
        return s.sign(Eip1559Tx.builder()
                .chainId(CHAIN)
                .nonce(nonce)
                .maxPriorityFeePerGas(tip)
                .maxFeePerGas(MAX_FEE)
                .gasLimit(21_000)
                .to(Address.of(anvil.accounts().get(9)))
                .value(BigInteger.ONE)
                .build());
    }

    /** A victim transfer waiting in the pool; returns its raw bytes. */
    private static String pendingVictim(int account) {
        String hash = anvil.sendTransaction(
                Tx.transfer(anvil.accounts().get(account), anvil.accounts().get(9), BigInteger.TEN));
        return rpc.call("eth_getRawTransactionByHash", List.of(hash), String.class);
    }

    /** Mines a block without the victim (another builder's block), leaving the victim pending. */
    private static void mineWithout(Hash victim, String victimRaw) {
        anvil.rpc("anvil_dropTransaction", victim.hex());
        anvil.mine();
        rpc.sendRawTransaction(Hex.decode(victimRaw));
    }

    /** Front and back around the victim, the tip rising along the schedule with each attempt. */
    private static BundleTracker.Planner sandwichPlanner(
            PrivateKeySigner s, long nonce, String victimRaw, BribeSchedule schedule) {
        return (target, attempt) -> {
            BigInteger tip = schedule.tipPerGas(attempt, BigInteger.valueOf(42_000_000_000_000L), 42_000);
            return new BundleTracker.Plan.Submit(
                    Bundle.ofRaw(List.of(
                                    transfer(s, nonce, tip).rawHex(),
                                    victimRaw,
                                    transfer(s, nonce + 1, tip).rawHex()))
                            .build(),
                    Optional.empty());
        };
    }

    private BundleTracker tracker(BundleSubmitter builder, List<Event> events, int maxBlocks) {
        return tracker(builder, events, maxBlocks, 0);
    }

    private BundleTracker tracker(BundleSubmitter builder, List<Event> events, int maxBlocks, int lookahead) {
        return BundleTracker.builder()
                .rpc(rpc)
                .submitter(builder)
                .listener((id, o) -> events.add(new Event(id, o)))
                .clock(CLOCK)
                .maxBlocks(maxBlocks)
                .lookahead(lookahead)
                .build();
    }

    @Test
    void aMissedBlockIsResubmittedWithAHigherBribeAndThenIncluded() {
        PrivateKeySigner s = PrivateKeySigner.of(anvil.privateKey(3), CHAIN);
        String victimRaw = pendingVictim(7);
        Hash victim = Hash.keccak256(Hex.decode(victimRaw));
        long nonce = rpc.getTransactionCount(s.address(), BlockTag.PENDING);
        BribeSchedule schedule = new BribeSchedule(1_000, 2_000, 9_000);
        LocalBuilder builder = LocalBuilder.create(rpc);
        List<Event> events = new ArrayList<>();
        BundleTracker tracker = tracker(builder, events, 3);
        long head = rpc.blockNumber();

        tracker.track("opp-a", Optional.of(victim), sandwichPlanner(s, nonce, victimRaw, schedule), head);
        Hash first = ((BundleOutcome.Submitted) events.get(0).outcome()).bundleHash();
        assertEquals(
                new BundleOutcome.Submitted(head + 1, first, 0), events.get(0).outcome());

        mineWithout(victim, victimRaw);
        tracker.onHead(head + 1);
        assertEquals(new BundleOutcome.NotIncluded(head + 1), events.get(1).outcome());
        BundleOutcome.Replaced replaced =
                assertInstanceOf(BundleOutcome.Replaced.class, events.get(2).outcome());
        assertEquals(first, replaced.previous());
        assertEquals(
                new BundleOutcome.Submitted(head + 2, replaced.next(), 1),
                events.get(3).outcome());

        BuiltBlock built = builder.buildBlock();
        assertEquals(head + 2, built.number());
        tracker.onHead(head + 2);
        assertEquals(new Event("opp-a", new BundleOutcome.Included(head + 2, 0, replaced.next())), events.get(4));
        assertEquals(5, events.size());
        assertTrue(tracker.tracking().isEmpty());
        // the second attempt paid the schedule's higher tip: 30 % of the profit over 42 000 gas
        BigInteger tip = rpc.getTransactionByHash(built.txHashes().get(0))
                .orElseThrow()
                .maxPriorityFeePerGas()
                .orElseThrow();
        assertEquals(BigInteger.valueOf(300_000_000L), tip);
    }

    @Test
    void throughAFanOutToTheLocalAndAFailingRemoteBuilderTheBundleIsIncluded() throws Exception {
        PrivateKeySigner s = PrivateKeySigner.of(anvil.privateKey(2), CHAIN);
        String victimRaw = pendingVictim(1);
        Hash victim = Hash.keccak256(Hex.decode(victimRaw));
        long nonce = rpc.getTransactionCount(s.address(), BlockTag.PENDING);
        LocalBuilder local = LocalBuilder.create(rpc);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (MockWebServer remote = new MockWebServer()) {
            remote.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse().setResponseCode(500);
                }
            });
            remote.start();
            FlashbotsSigner reputation =
                    FlashbotsSigner.of("0xfad9c8855b740a0b7ed4c221dbad0f33a83a49cad6b3fe8d5817ac83d38b6a19");
            try (BuilderClient client = BuilderClient.builder()
                    .endpoint(new BuilderEndpoint("remote", remote.url("/").uri(), BuilderDialect.FLASHBOTS))
                    .signer(reputation)
                    .timeout(Duration.ofSeconds(10))
                    .build()) {
                BundleFanOut fanOut = BundleFanOut.builder()
                        .scheduler(scheduler)
                        .submitter(local)
                        .client(client)
                        .maxRetries(0)
                        .build();
                List<Event> events = new ArrayList<>();
                BundleTracker tracker = tracker(fanOut, events, 2);
                long head = rpc.blockNumber();
                tracker.track(
                        "opp-fan",
                        Optional.of(victim),
                        sandwichPlanner(s, nonce, victimRaw, new BribeSchedule(1_000, 0, 1_000)),
                        head);
                Hash sent = ((BundleOutcome.Submitted) events.get(0).outcome()).bundleHash();

                // the remote builder got the same bundle for the same block, signed with the reputation key
                RecordedRequest request = remote.takeRequest(10, TimeUnit.SECONDS);
                byte[] body = request.getBody().readByteArray();
                assertEquals(
                        reputation.address(), FlashbotsSigner.verify(request.getHeader(FlashbotsSigner.HEADER), body));
                JsonNode params = new ObjectMapper().readTree(body).at("/params/0");
                assertEquals(Hex.quantity(head + 1), params.get("blockNumber").asText());
                assertEquals(
                        BundleFanOut.replacementId("opp-fan", head + 1),
                        params.get("replacementUuid").asText());
                assertEquals(3, params.get("txs").size());
                assertEquals(victimRaw, params.get("txs").get(1).asText());

                assertEquals(head + 1, local.buildBlock().number());
                tracker.onHead(head + 1);
                assertEquals(
                        List.of(
                                new Event("opp-fan", new BundleOutcome.Submitted(head + 1, sent, 0)),
                                new Event("opp-fan", new BundleOutcome.Included(head + 1, 0, sent))),
                        events);
            }
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void withALookaheadABundleLandsInABlockWhoseHeadTheTrackerMissedAndTheRestIsCancelled() {
        PrivateKeySigner s = PrivateKeySigner.of(anvil.privateKey(9), CHAIN);
        String victimRaw = pendingVictim(0);
        Hash victim = Hash.keccak256(Hex.decode(victimRaw));
        long nonce = rpc.getTransactionCount(s.address(), BlockTag.PENDING);
        LocalBuilder builder = LocalBuilder.create(rpc);
        List<Event> events = new ArrayList<>();
        BundleTracker tracker = tracker(builder, events, 3, 2);
        long head = rpc.blockNumber();
        tracker.track(
                "opp-ahead",
                Optional.of(victim),
                sandwichPlanner(s, nonce, victimRaw, new BribeSchedule(1_000, 0, 1_000)),
                head);
        List<Long> blocks = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Bundle b : builder.pending()) {
            blocks.add(b.blockNumber().getAsLong());
            ids.add(b.replacementUuid().orElseThrow());
        }
        assertEquals(List.of(head + 1, head + 2, head + 3), blocks);
        assertEquals(
                List.of(
                        BundleFanOut.replacementId("opp-ahead", head + 1),
                        BundleFanOut.replacementId("opp-ahead", head + 2),
                        BundleFanOut.replacementId("opp-ahead", head + 3)),
                ids);
        Hash sent = ((BundleOutcome.Submitted) events.get(0).outcome()).bundleHash();

        mineWithout(victim, victimRaw); // block head + 1, whose head the tracker never hears of
        assertEquals(head + 2, builder.buildBlock().number()); // built from the bundle sent ahead
        tracker.onHead(head + 2);
        assertEquals(
                List.of(
                        new Event("opp-ahead", new BundleOutcome.Submitted(head + 1, sent, 0)),
                        new Event("opp-ahead", new BundleOutcome.Included(head + 2, 0, sent))),
                events);
        assertEquals(List.of(), builder.pending(), "the bundle sent for block head + 3 was cancelled");
    }

    @Test
    void withALookaheadAStopCancelsEveryBlockItSentFor() {
        PrivateKeySigner s = PrivateKeySigner.of(anvil.privateKey(9), CHAIN);
        long nonce = rpc.getTransactionCount(s.address(), BlockTag.PENDING);
        LocalBuilder builder = LocalBuilder.create(rpc);
        List<Event> events = new ArrayList<>();
        BundleTracker tracker = tracker(builder, events, 3, 3);
        long head = rpc.blockNumber();
        tracker.track(
                "opp-stop",
                Optional.empty(),
                (target, attempt) -> attempt == 0
                        ? new BundleTracker.Plan.Submit(
                                Bundle.of(List.of(transfer(s, nonce, BigInteger.ONE)))
                                        .build(),
                                Optional.empty())
                        : new BundleTracker.Plan.Stop("gone"),
                head);
        assertEquals(4, builder.pending().size());
        anvil.mine(); // a block without the bundle
        tracker.onHead(head + 1);
        assertEquals(
                new BundleOutcome.Cancelled(StopReason.OTHER, "gone"),
                events.get(events.size() - 1).outcome());
        assertEquals(List.of(), builder.pending(), "all four blocks' bundles cancelled");
        assertThrows(ValidationException.class, () -> BundleTracker.builder().lookahead(9));
    }

    @Test
    void aVictimMinedWithoutUsEndsAsVictimMinedElsewhere() {
        PrivateKeySigner s = PrivateKeySigner.of(anvil.privateKey(4), CHAIN);
        String victimRaw = pendingVictim(6);
        Hash victim = Hash.keccak256(Hex.decode(victimRaw));
        long nonce = rpc.getTransactionCount(s.address(), BlockTag.PENDING);
        List<Event> events = new ArrayList<>();
        BundleTracker tracker = tracker(LocalBuilder.create(rpc), events, 3);
        long head = rpc.blockNumber();
        tracker.track(
                "opp-b",
                Optional.of(victim),
                sandwichPlanner(s, nonce, victimRaw, new BribeSchedule(5_000, 0, 5_000)),
                head);
        anvil.mine(); // another builder's block: the pool, victim included, without our legs
        tracker.onHead(head + 1);
        assertEquals(
                new BundleOutcome.VictimMinedElsewhere(head + 1, victim),
                events.get(events.size() - 1).outcome());
        assertTrue(tracker.tracking().isEmpty());
    }

    @Test
    void aNonceTakenOutOfBandEndsAsNonceTooLow() {
        PrivateKeySigner s = PrivateKeySigner.of(anvil.privateKey(5), CHAIN);
        long nonce = rpc.getTransactionCount(s.address(), BlockTag.PENDING);
        List<Event> events = new ArrayList<>();
        BundleTracker tracker = tracker(LocalBuilder.create(rpc), events, 3);
        long head = rpc.blockNumber();
        tracker.track(
                "opp-c",
                Optional.empty(),
                (target, attempt) -> new BundleTracker.Plan.Submit(
                        Bundle.of(List.of(transfer(s, nonce, BigInteger.ONE))).build(), Optional.empty()),
                head);
        // the same account spends the nonce elsewhere (a different transaction)
        rpc.sendRawTransaction(transfer(s, nonce, BigInteger.TWO).raw());
        anvil.mine();
        tracker.onHead(head + 1);
        assertEquals(
                new BundleOutcome.NonceTooLow(head + 1, nonce),
                events.get(events.size() - 1).outcome());
    }

    @Test
    void theBlockDeadlineTimesOutAndCancelsAndAStopCancels() {
        PrivateKeySigner s = PrivateKeySigner.of(anvil.privateKey(6), CHAIN);
        long nonce = rpc.getTransactionCount(s.address(), BlockTag.PENDING);
        LocalBuilder builder = LocalBuilder.create(rpc);
        List<Event> events = new ArrayList<>();
        BundleTracker tracker = tracker(builder, events, 1);
        long head = rpc.blockNumber();
        BundleTracker.Planner planner = (target, attempt) -> new BundleTracker.Plan.Submit(
                Bundle.of(List.of(transfer(s, nonce, BigInteger.ONE))).build(), Optional.empty());
        tracker.track("opp-d", Optional.empty(), planner, head);
        assertEquals(1, builder.pending().size());
        anvil.mine();
        tracker.onHead(head + 1);
        assertEquals(
                List.of(new BundleOutcome.NotIncluded(head + 1), new BundleOutcome.TimedOut(1, Duration.ZERO)),
                events.subList(1, 3).stream().map(Event::outcome).toList());
        assertTrue(builder.pending().isEmpty(), "the timed-out bundle was cancelled at the builder");

        events.clear();
        BundleTracker patient = tracker(builder, events, 5);
        long now = rpc.blockNumber();
        patient.track(
                "opp-e",
                Optional.empty(),
                (target, attempt) -> attempt == 0
                        ? planner.planFor(target, attempt)
                        : new BundleTracker.Plan.Stop("pool reserves moved"),
                now);
        anvil.mine();
        patient.onHead(now + 1);
        assertEquals(
                new BundleOutcome.Cancelled("pool reserves moved"),
                events.get(events.size() - 1).outcome());
        assertTrue(builder.pending().isEmpty());
    }

    @Test
    void aRiskRefusalEndsTheOpportunityBeforeAnythingIsSent() {
        PrivateKeySigner s = PrivateKeySigner.of(anvil.privateKey(8), CHAIN);
        LocalBuilder builder = LocalBuilder.create(rpc);
        List<Event> events = new ArrayList<>();
        RiskPolicy policy = RiskPolicy.builder()
                .minProfit(BigInteger.TEN.pow(15))
                .maxDailyLoss(BigInteger.TEN.pow(18))
                .clock(CLOCK)
                .store(FileRiskStateStore.at(dir.resolve("risk.json")))
                .build();
        BundleTracker tracker = BundleTracker.builder()
                .rpc(rpc)
                .submitter(builder)
                .listener((id, o) -> events.add(new Event(id, o)))
                .riskPolicy(policy)
                .build();
        RiskCheck poor = new RiskCheck(
                Address.of(anvil.accounts().get(0)),
                BigInteger.ONE,
                List.of(),
                List.of(),
                MAX_FEE,
                BigInteger.ONE,
                BigInteger.TEN.pow(15).subtract(BigInteger.ONE),
                BigInteger.ZERO,
                OptionalInt.empty());
        tracker.track(
                "opp-f",
                Optional.empty(),
                (target, attempt) -> new BundleTracker.Plan.Submit(
                        Bundle.of(List.of(transfer(s, 0, BigInteger.ONE))).build(), Optional.of(poor)),
                rpc.blockNumber());
        assertEquals(
                List.of(new Event(
                        "opp-f",
                        new BundleOutcome.RejectedByRisk(new RiskDecision.Rejected(
                                RiskDecision.Reason.PROFIT_TOO_LOW,
                                BigInteger.TEN.pow(15).subtract(BigInteger.ONE),
                                BigInteger.TEN.pow(15))))),
                events);
        assertTrue(builder.pending().isEmpty());
    }
}

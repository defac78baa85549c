package io.mevkit.examples.demo;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.amm.V2Fee;
import io.mevkit.core.amm.V2Pool;
import io.mevkit.core.amm.V3PoolState;
import io.mevkit.core.bundle.Bundle;
import io.mevkit.core.bundle.BundleSimulator;
import io.mevkit.core.bundle.BundleSubmitter;
import io.mevkit.core.bundle.LegsOutcome;
import io.mevkit.core.bundle.PrivateKeySigner;
import io.mevkit.core.bundle.RiskCheck;
import io.mevkit.core.bundle.RiskDecision;
import io.mevkit.core.bundle.RiskPolicy;
import io.mevkit.core.bundle.SandwichBundle;
import io.mevkit.core.bundle.SandwichLegs;
import io.mevkit.core.gas.GasOracle;
import io.mevkit.core.pool.V2FeeRegistry;
import io.mevkit.core.pool.V2PoolReader;
import io.mevkit.core.pool.V2PoolState;
import io.mevkit.core.pool.V3TickReader;
import io.mevkit.core.rpc.Block;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.TransactionReceipt;
import io.mevkit.core.sandwich.DecodeResult;
import io.mevkit.core.sandwich.LegGas;
import io.mevkit.core.sandwich.NoSandwich;
import io.mevkit.core.sandwich.SandwichDecision;
import io.mevkit.core.sandwich.SandwichPlan;
import io.mevkit.core.sandwich.SandwichRequest;
import io.mevkit.core.sandwich.SandwichSizer;
import io.mevkit.core.sandwich.V3DecodeResult;
import io.mevkit.core.sandwich.V3SandwichPlan;
import io.mevkit.core.sandwich.V3SandwichRequest;
import io.mevkit.core.sandwich.V3SandwichSizer;
import io.mevkit.core.sandwich.V3SwapDecoder;
import io.mevkit.core.sandwich.V3VictimSwap;
import io.mevkit.core.sandwich.VictimDecoder;
import io.mevkit.core.sandwich.VictimDecoders;
import io.mevkit.core.sandwich.VictimSwap;
import io.mevkit.core.sandwich.VictimTx;
import io.mevkit.oracle.AggregatedPrice;
import io.mevkit.oracle.OracleException;
import io.mevkit.oracle.PriceOracle;
import io.mevkit.store.ExecutionOutcome;
import io.mevkit.store.MevStore;
import io.mevkit.store.NewBundle;
import io.mevkit.store.NewExecution;
import io.mevkit.store.NewOpportunity;
import io.mevkit.store.Opportunity;
import io.mevkit.store.OpportunityStatus;
import io.mevkit.store.Plan;
import io.mevkit.store.Pool;
import io.mevkit.store.StoreException;
import io.mevkit.store.SubmissionOutcome;
import io.mevkit.store.SubmissionStatus;
import io.mevkit.store.Token;
import io.mevkit.ws.Head;
import io.mevkit.ws.PendingTransaction;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint24;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * A sandwich searcher built from mevkit's public API only. It learns of victims solely from the WebSocket
 * pending-transaction subscription ({@link #onPending}) and, for each swap sent to a router it watches: decodes it,
 * reads the pool at the head, sizes the sandwich exactly (V2 or V3), values the profit in USD through the oracle,
 * asks the core {@link RiskPolicy} (then the demo's USD minimum profit, {@link RiskSettings}) before anything is
 * signed, has the core's {@link SandwichLegs} build, sign and simulate front-run, victim and back-run in order (the
 * prediction), stores the opportunity, plan, signed bundle and submission, and hands the bundle to the builder for the
 * next block, counting it in flight with the policy. On each new head ({@link #onHead}) it settles the bundles for that
 * block: realized profit is the searcher's balance change on chain (WETH plus ETH, between the block's parent and the
 * block), stored as the execution and reported to the policy with the gas paid, which releases the bundle (its
 * realized losses count toward the daily kill switch). Every victim ends as exactly one opportunity row: skipped with a
 * reason (the policy's typed reason when it refused), or with an execution.
 *
 * <p>Subscription callbacks for one subscription never overlap; pending transactions and heads may arrive
 * concurrently, so the shared state is concurrent and the settlement is synchronized.
 */
public final class Searcher {
    private static final Logger log = LoggerFactory.getLogger(Searcher.class);

    /** Where the searcher trades and how. */
    public record Config(
            long chainId,
            Address weth,
            Address v2Factory,
            Address v2Router,
            Address v3Factory,
            Address v3Router,
            BigInteger tip,
            String builderName) {}

    /** One executed sandwich: the prediction made before sending and what the chain did. */
    public record Executed(
            Hash victim, String venue, long block, BigInteger predictedWei, BigInteger realizedWei, BigInteger gross) {}

    /** What the searcher has done so far. */
    public record Summary(
            long victimsSeen,
            long sandwichable,
            long executed,
            long executedV3,
            BigInteger predictedWei,
            BigInteger realizedWei,
            Map<String, Long> rejections,
            List<Executed> sandwiches) {}

    /**
     * Optional callbacks for what the searcher does (the dashboard's stream uses them); each is a no-op by default.
     * Called on the searcher's subscription threads, after the store was written: implementations must be quick and
     * must not throw.
     */
    public interface Listener {
        /** A victim's swap arrived from the pending-transaction subscription. */
        default void victim(PendingTransaction tx, String venue) {}

        /** The victim's opportunity row was stored. */
        default void opportunity(long opportunityId, Hash victim, Address pool, String strategy, long block) {}

        /**
         * A victim or a bundle was rejected: {@code victim} while the victim is being handled (null when a bundle
         * is settled), {@code opportunityId} once its row exists.
         */
        default void rejected(@Nullable Hash victim, @Nullable Long opportunityId, String reason) {}

        /** The oracle's native-token price used for a risk check. */
        default void price(AggregatedPrice nativeUsd) {}

        /** A bundle was stored and handed to the builder; {@code txs} are front-run, victim, back-run. */
        default void submitted(
                long opportunityId,
                long bundleId,
                Hash bundleHash,
                String venue,
                long targetBlock,
                List<Hash> txs,
                BigInteger predictedWei,
                BigInteger gasCostWei,
                BigInteger bribeWei) {}

        /** A bundle's outcome (LANDED, REVERTED or MISSED) was stored; realized is 0 unless it landed. */
        default void settled(
                long opportunityId,
                long bundleId,
                Hash victim,
                String outcome,
                long block,
                BigInteger predictedWei,
                BigInteger realizedWei) {}

        /** A new head, before its bundles are settled. */
        default void head(Head head) {}
    }

    private record Pending(
            long opportunityId,
            long bundleId,
            long submissionId,
            Hash victim,
            String venue,
            long target,
            Hash front,
            Hash back,
            BigInteger predicted,
            BigInteger gross) {}

    private final Config config;
    private final RpcClient rpc;
    private final MevStore store;
    private final PriceOracle oracle;
    private final SandwichLegs legsMaker;
    private final BundleSubmitter builder;
    private final RiskPolicy risk;
    private final RiskSettings riskSettings;
    private final PrivateKeySigner signer;
    private final GasOracle gas;
    private final V2PoolReader v2Reader;
    private final V3TickReader v3Reader;
    private final VictimDecoder v2Decoder;
    private final SandwichSizer v2Sizer = SandwichSizer.defaults();
    private final V3SandwichSizer v3Sizer = V3SandwichSizer.defaults();
    private final Set<Hash> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong victimsSeen = new AtomicLong();
    private final AtomicLong decided = new AtomicLong();
    private final AtomicLong sandwichable = new AtomicLong();
    private final AtomicLong settledThrough = new AtomicLong(-1);
    private final Map<String, Long> rejections = new ConcurrentHashMap<>();
    private final List<Pending> pending = Collections.synchronizedList(new ArrayList<>());
    private final List<Executed> executed = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> storedPools = ConcurrentHashMap.newKeySet();
    private final MeterRegistry meters;
    private volatile Listener listener = new Listener() {};

    private Searcher(Builder b) {
        this.config = b.config;
        this.rpc = b.rpc;
        this.store = b.store;
        this.oracle = b.oracle;
        this.builder = b.submitter;
        this.risk = b.risk;
        this.riskSettings = b.riskSettings;
        this.meters = b.meters;
        this.signer = b.signer;
        this.gas = GasOracle.of(rpc, b.chain);
        this.v2Reader = V2PoolReader.of(
                rpc, V2FeeRegistry.of(Map.of(config.v2Factory(), io.mevkit.core.pool.V2Fee.UNISWAP_V2)));
        this.legsMaker = SandwichLegs.builder()
                .signer(signer)
                .simulator(b.simulator)
                .v2Router(config.v2Router())
                .v3Router(config.v3Router())
                .build();
        this.v3Reader = V3TickReader.builder().client(rpc).build();
        this.v2Decoder = VictimDecoders.router02(config.weth());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Sets the listener told of everything the searcher does (replacing the no-op default). */
    public void listener(Listener listener) {
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** Configures a {@link Searcher}; every part is required, checked at {@link #build()}. */
    public static final class Builder {
        private Config config;
        private PrivateKeySigner signer;
        private RpcClient rpc;
        private io.mevkit.core.Chain chain = io.mevkit.core.Chains.ANVIL;
        private MevStore store;
        private PriceOracle oracle;
        private BundleSimulator simulator;
        private BundleSubmitter submitter;
        private RiskPolicy risk;
        private RiskSettings riskSettings;
        private MeterRegistry meters;

        private Builder() {}

        public Builder config(Config value) {
            this.config = value;
            return this;
        }

        /** The searcher's key, as a signer (its {@code toString} never shows the key). */
        public Builder signer(PrivateKeySigner value) {
            this.signer = value;
            return this;
        }

        public Builder rpc(RpcClient value, io.mevkit.core.Chain chainOfIt) {
            this.rpc = value;
            this.chain = chainOfIt;
            return this;
        }

        public Builder store(MevStore value) {
            this.store = value;
            return this;
        }

        public Builder oracle(PriceOracle value) {
            this.oracle = value;
            return this;
        }

        public Builder simulator(BundleSimulator value) {
            this.simulator = value;
            return this;
        }

        public Builder submitter(BundleSubmitter value) {
            this.submitter = value;
            return this;
        }

        /**
         * The core risk policy, checked before the legs are signed and told of every bundle submitted and settled
         * (its state belongs to the caller's store), and the settings whose USD minimum profit the searcher checks
         * after the policy approved.
         */
        public Builder risk(RiskPolicy policy, RiskSettings settings) {
            this.risk = policy;
            this.riskSettings = settings;
            return this;
        }

        public Builder meters(MeterRegistry value) {
            this.meters = value;
            return this;
        }

        public Searcher build() {
            io.mevkit.core.Checks.requireNonNull("config", config);
            io.mevkit.core.Checks.requireNonNull("signer", signer);
            io.mevkit.core.Checks.requireNonNull("rpc", rpc);
            io.mevkit.core.Checks.requireNonNull("chain", chain);
            io.mevkit.core.Checks.requireNonNull("store", store);
            io.mevkit.core.Checks.requireNonNull("oracle", oracle);
            io.mevkit.core.Checks.requireNonNull("simulator", simulator);
            io.mevkit.core.Checks.requireNonNull("submitter", submitter);
            io.mevkit.core.Checks.requireNonNull("risk", risk);
            io.mevkit.core.Checks.requireNonNull("riskSettings", riskSettings);
            io.mevkit.core.Checks.requireNonNull("meters", meters);
            if (signer.chainId() != config.chainId()) {
                throw new io.mevkit.core.ValidationException(
                        "signer.chainId", signer.chainId(), "must be the config's chain " + config.chainId());
            }
            return new Searcher(this);
        }
    }

    public Address address() {
        return signer.address();
    }

    /** Victims decided so far (skipped or submitted). */
    public long decided() {
        return decided.get();
    }

    /** The highest block whose bundles are settled. */
    public long settledThrough() {
        return settledThrough.get();
    }

    public Summary summary() {
        List<Executed> list;
        synchronized (executed) {
            list = List.copyOf(executed);
        }
        BigInteger predicted = list.stream().map(Executed::predictedWei).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger realized = list.stream().map(Executed::realizedWei).reduce(BigInteger.ZERO, BigInteger::add);
        long v3 = list.stream().filter(e -> e.venue().equals("V3")).count();
        return new Summary(
                victimsSeen.get(),
                sandwichable.get(),
                list.size(),
                v3,
                predicted,
                realized,
                new TreeMap<>(rejections),
                list);
    }

    /** A pending transaction from the WebSocket subscription. */
    public void onPending(PendingTransaction tx) {
        if (tx.from().equals(signer.address())
                || !seen.add(tx.hash())
                || tx.to().isEmpty()) {
            return; // our own legs, a victim re-sent by the builder, a deployment
        }
        Address to = tx.to().get();
        boolean v2 = to.equals(config.v2Router());
        if (!v2 && !to.equals(config.v3Router())) {
            return;
        }
        victimsSeen.incrementAndGet();
        meters.counter("demo.victims.seen").increment();
        listener.victim(tx, v2 ? "V2" : "V3");
        MDC.put("mev.victim", tx.hash().hex());
        try {
            handle(tx, v2);
        } catch (RuntimeException e) {
            log.warn("victim {} failed: {}", tx.hash(), e.toString());
            reject(null, "ERROR");
        } finally {
            MDC.remove("mev.victim");
            decided.incrementAndGet();
        }
    }

    private void handle(PendingTransaction tx, boolean v2) {
        Block head = rpc.getBlockByNumber(BlockTag.LATEST, false).orElseThrow();
        long target = head.number() + 1;
        BigInteger baseFee = gas.nextBaseFee(head).baseFee();
        BigInteger capital = wethBalance(BlockTag.number(head.number()));
        Address pool;
        long opportunity;
        Supplier<SandwichDecision> sizing;
        String venue = v2 ? "V2" : "V3";
        if (v2) {
            DecodeResult decoded =
                    v2Decoder.decode(VictimTx.of(tx.from(), tx.to().get(), tx.value(), tx.input()));
            if (!(decoded instanceof DecodeResult.Swaps swaps) || swaps.swaps().size() != 1) {
                reject(null, "NOT_UNDERSTOOD");
                return;
            }
            VictimSwap swap = swaps.only();
            if (swap.path().size() != 2) {
                reject(null, "UNSUPPORTED_PATH");
                return;
            }
            pool = v2Reader.pairFor(
                            config.v2Factory(), swap.path().get(0), swap.path().get(1), head.number())
                    .orElse(null);
            if (pool == null) {
                reject(null, "UNKNOWN_POOL");
                return;
            }
            V2PoolState s = v2Reader.read(pool, head.number());
            V2Pool p = new V2Pool(
                    pool, s.token0(), s.token1(), s.reserve0(), s.reserve1(), V2Fee.UNISWAP, s.blockNumber());
            opportunity = recordSeen(
                    tx.hash(), pool, s.token0(), s.token1(), "uniswap-v2", 3000, "sandwich-v2", head.number());
            sizing = () -> v2Sizer.size(SandwichRequest.builder()
                    .victim(swap)
                    .pools(List.of(p))
                    .capital(config.weth(), capital)
                    .wrappedNative(config.weth())
                    .legGas(new LegGas(120_000, 120_000))
                    .baseFee(baseFee)
                    .tip(config.tip())
                    .headBlock(head.number())
                    .targetTimestamp(head.timestamp() + 1)
                    .build());
        } else {
            V3DecodeResult decoded = V3SwapDecoder.decode(tx.input());
            if (!(decoded instanceof V3VictimSwap swap) || swap.path().size() != 1) {
                reject(null, decoded instanceof V3VictimSwap ? "UNSUPPORTED_PATH" : "NOT_UNDERSTOOD");
                return;
            }
            Address tokenIn = swap.path().get(0).tokenIn();
            Address tokenOut = swap.path().get(0).tokenOut();
            int fee = swap.path().get(0).fee();
            pool = v3PoolFor(tokenIn, tokenOut, fee, head.number());
            if (pool.equals(Address.ZERO)) {
                reject(null, "UNKNOWN_POOL");
                return;
            }
            V3PoolState state = v3Reader.read(pool, head.number()).swapState();
            boolean inFirst = tokenIn.compareTo(tokenOut) < 0;
            opportunity = recordSeen(
                    tx.hash(),
                    pool,
                    inFirst ? tokenIn : tokenOut,
                    inFirst ? tokenOut : tokenIn,
                    "uniswap-v3",
                    fee,
                    "sandwich-v3",
                    head.number());
            sizing = () -> v3Sizer.size(V3SandwichRequest.builder()
                    .victim(swap)
                    .pools(List.of(state))
                    .capital(config.weth(), capital)
                    .wrappedNative(config.weth())
                    .legGas(new LegGas(160_000, 160_000))
                    .baseFee(baseFee)
                    .tip(config.tip())
                    .headBlock(head.number())
                    .targetTimestamp(head.timestamp() + 1)
                    .build());
        }
        if (opportunity < 0) {
            reject(null, "ALREADY_DECIDED");
            return;
        }
        continueWith(tx, opportunity, venue, pool, sizing.get(), head, target, baseFee);
    }

    private void continueWith(
            PendingTransaction tx,
            long opportunity,
            String venue,
            Address pool,
            SandwichDecision decision,
            Block head,
            long target,
            BigInteger baseFee) {
        try {
            decide(tx, opportunity, venue, pool, decision, head, target, baseFee);
        } catch (RuntimeException e) {
            // the opportunity is recorded: it ends skipped with the reason, never left without an outcome
            log.warn("victim {} failed after it was recorded: {}", tx.hash(), e.toString());
            reject(opportunity, "ERROR");
        }
    }

    private void decide(
            PendingTransaction tx,
            long opportunity,
            String venue,
            Address pool,
            SandwichDecision decision,
            Block head,
            long target,
            BigInteger baseFee) {
        if (decision instanceof NoSandwich no) {
            reject(opportunity, no.kind().name());
            return;
        }
        sandwichable.incrementAndGet();
        Legs legs = legs(decision);
        AggregatedPrice ethUsd;
        try {
            ethUsd = oracle.price(config.chainId(), config.weth());
        } catch (OracleException | java.util.concurrent.CompletionException e) {
            reject(opportunity, "PRICE_UNAVAILABLE");
            return;
        }
        listener.price(ethUsd);
        // legs: nonces from the chain (a bundle is all or nothing, so nothing else consumes them); the core signs them
        // with gas limits from simulating the ordered bundle and simulates the final bytes: that is the prediction
        long nonce = rpc.getTransactionCount(signer.address(), BlockTag.number(head.number()));
        String victimRaw =
                rpc.call("eth_getRawTransactionByHash", List.of(tx.hash().hex()), String.class);
        if (victimRaw == null) {
            reject(opportunity, "VICTIM_GONE");
            return;
        }
        SandwichLegs.Target at = SandwichLegs.Target.of(victimRaw, nonce, target, baseFee, config.tip());
        Optional<String> refused = riskCheck(legs, pool, at, ethUsd);
        if (refused.isPresent()) {
            reject(opportunity, refused.get());
            return;
        }
        LegsOutcome made = decision instanceof SandwichPlan p
                ? legsMaker.legs(p, at)
                : legsMaker.legs((V3SandwichPlan) decision, at);
        if (made instanceof LegsOutcome.Reverts r) {
            log.info("simulation reverts at tx {}: {}", r.index(), r.reason());
            reject(opportunity, "SIMULATION_REVERTED");
            return;
        }
        SandwichBundle sandwich = ((LegsOutcome.Ready) made).bundle();
        Bundle bundle = sandwich.bundle();
        long gasUsed = sandwich.legsGasUsed();
        BigInteger gasCost = BigInteger.valueOf(gasUsed)
                .multiply(sandwich.simulation().baseFee().orElse(baseFee));
        BigInteger bribe = BigInteger.valueOf(gasUsed).multiply(config.tip());
        BigInteger predicted = sandwich.capitalDelta().add(sandwich.ethDelta());
        if (predicted.signum() <= 0) {
            reject(opportunity, "UNPROFITABLE_AFTER_SIMULATION");
            return;
        }
        long[] ids = store.inTransaction(t -> {
            t.opportunities().plan(opportunity, new Plan(legs.frontIn(), predicted, gasCost, bribe));
            long bundleId = t.bundles()
                    .recordSigned(
                            new NewBundle(opportunity, bundle.bundleHash().hex(), target, target, null, bundle.txs()))
                    .id();
            long submissionId = t.submissions()
                    .recordIntent(bundleId, config.builderName(), target)
                    .id();
            return new long[] {bundleId, submissionId};
        });
        long started = System.nanoTime();
        builder.sendBundleAsync(bundle).join();
        // in flight from the moment the builder has it, and pending in the same step: every bundle the policy counts
        // is settled on a later head, which releases it
        risk.submitted();
        pending.add(new Pending(
                opportunity,
                ids[0],
                ids[1],
                tx.hash(),
                venue,
                target,
                sandwich.frontRun().hash(),
                sandwich.backRun().hash(),
                predicted,
                sandwich.capitalDelta()));
        store.useTransaction(t -> t.submissions()
                .recordOutcome(
                        ids[1],
                        new SubmissionOutcome(
                                SubmissionStatus.ACCEPTED, "queued", Duration.ofNanos(System.nanoTime() - started))));
        meters.counter("demo.bundles.submitted", "venue", venue).increment();
        listener.submitted(
                opportunity,
                ids[0],
                bundle.bundleHash(),
                venue,
                target,
                List.of(
                        sandwich.frontRun().hash(),
                        tx.hash(),
                        sandwich.backRun().hash()),
                predicted,
                gasCost,
                bribe);
    }

    /** A new head: settles the bundles that targeted it (or an earlier block). */
    public synchronized void onHead(Head head) {
        listener.head(head);
        List<Pending> due = new ArrayList<>();
        synchronized (pending) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (p.target() <= head.number()) {
                    due.add(p);
                    it.remove();
                }
            }
        }
        for (Pending p : due) {
            settle(p);
        }
        settledThrough.accumulateAndGet(head.number(), Math::max);
    }

    /**
     * Settles one bundle and, whatever happens, releases it from the risk policy's in-flight count with what was
     * measured: its net result and the gas and bribe paid (nothing for a missed bundle, and nothing when the chain could
     * not be read, which is logged).
     */
    private void settle(Pending p) {
        Realized realized = null;
        try {
            realized = settleOnChain(p);
        } finally {
            if (realized == null) {
                log.warn("bundle {} settled without a measured result: the risk policy is told 0 wei", p.bundleId());
                realized = new Realized(BigInteger.ZERO, BigInteger.ZERO);
            }
            risk.settled(realized.netWei(), realized.gasAndBribeWei());
        }
    }

    /** What a settled bundle did to the searcher: its net result and the gas (with the bribe, its priority fee). */
    private record Realized(BigInteger netWei, BigInteger gasAndBribeWei) {}

    private Realized settleOnChain(Pending p) {
        Optional<TransactionReceipt> front = rpc.getTransactionReceipt(p.front());
        Optional<TransactionReceipt> back = rpc.getTransactionReceipt(p.back());
        if (front.isEmpty() || back.isEmpty() || front.get().blockNumber() != p.target()) {
            store.useTransaction(t -> t.executions()
                    .record(new NewExecution(
                            p.bundleId(), ExecutionOutcome.MISSED, null, null, 0, BigInteger.ZERO, BigInteger.ZERO)));
            listener.settled(
                    p.opportunityId(), p.bundleId(), p.victim(), "MISSED", p.target(), p.predicted(), BigInteger.ZERO);
            reject(null, "BUNDLE_MISSED");
            return new Realized(BigInteger.ZERO, BigInteger.ZERO);
        }
        long block = p.target();
        BigInteger before = wethBalance(BlockTag.number(block - 1))
                .add(rpc.getBalance(signer.address(), BlockTag.number(block - 1)));
        BigInteger after =
                wethBalance(BlockTag.number(block)).add(rpc.getBalance(signer.address(), BlockTag.number(block)));
        BigInteger realized = after.subtract(before);
        long gasUsed = front.get().gasUsed() + back.get().gasUsed();
        BigInteger gasCost = front.get().fee().add(back.get().fee());
        boolean ok = front.get().succeeded() && back.get().succeeded();
        store.useTransaction(t -> t.executions()
                .record(new NewExecution(
                        p.bundleId(),
                        ok ? ExecutionOutcome.LANDED : ExecutionOutcome.REVERTED,
                        block,
                        p.back().hex(),
                        gasUsed,
                        gasCost,
                        realized)));
        listener.settled(
                p.opportunityId(),
                p.bundleId(),
                p.victim(),
                ok ? "LANDED" : "REVERTED",
                block,
                p.predicted(),
                ok ? realized : BigInteger.ZERO);
        if (ok) {
            executed.add(new Executed(p.victim(), p.venue(), block, p.predicted(), realized, p.gross()));
            meters.counter("demo.sandwiches.executed", "venue", p.venue()).increment();
            log.info("sandwich landed in block {}: predicted {} wei, realized {} wei", block, p.predicted(), realized);
        } else {
            rejections.merge("BUNDLE_REVERTED", 1L, Long::sum);
        }
        return new Realized(realized, gasCost);
    }

    private void reject(Long opportunity, String reason) {
        rejections.merge(reason, 1L, Long::sum);
        meters.counter("demo.rejections", "reason", reason).increment();
        if (opportunity != null) {
            try {
                store.useTransaction(t -> t.opportunities().skip(opportunity, reason));
            } catch (StoreException e) {
                // counted above, once; the row keeps the state it had (e.g. an opportunity already decided)
                log.warn("opportunity {} could not be marked skipped ({}): {}", opportunity, reason, e.getMessage());
            }
        }
        String victim = MDC.get("mev.victim"); // set while a victim is handled (onPending)
        listener.rejected(victim == null ? null : Hash.of(victim), opportunity, reason);
    }

    private long recordSeen(
            Hash victim,
            Address pool,
            Address token0,
            Address token1,
            String protocol,
            int fee,
            String strategy,
            long block) {
        long id = store.inTransaction(t -> {
            if (storedPools.add(pool.hex())) {
                for (Address token : List.of(token0, token1)) {
                    boolean weth = token.equals(config.weth());
                    t.tokens()
                            .upsert(new Token(
                                    config.chainId(), token.hex(), weth ? "WETH" : "USDC", weth ? 18 : 6, null));
                }
                t.pools().upsert(new Pool(config.chainId(), pool.hex(), protocol, token0.hex(), token1.hex(), fee));
            }
            Opportunity o = t.opportunities()
                    .record(new NewOpportunity(config.chainId(), victim.hex(), pool.hex(), strategy, block));
            // recording is idempotent: a victim this store decided on before (the same pending transaction seen
            // again, or a demo rerun on the same --db and --seed) keeps its decision
            return o.status() == OpportunityStatus.SEEN ? o.id() : -1L;
        });
        if (id >= 0) {
            listener.opportunity(id, victim, pool, strategy, block);
        }
        return id;
    }

    /**
     * Asks the core policy, then the demo's own USD rule: a reason to refuse, or empty. The legs are not signed yet, so
     * their cost is the sizer's gas at the fee cap they will be signed with; a bundle is all or nothing and its back-run
     * reverts rather than sell below what covers the front-run, gas and bribe, so its worst case, if included, is that
     * cost. The profit is valued in USD through the ETH/USD price, whose confidence the policy judges.
     */
    private Optional<String> riskCheck(Legs legs, Address pool, SandwichLegs.Target at, AggregatedPrice ethUsd) {
        BigInteger maxCost = BigInteger.valueOf(legs.gasUsed()).multiply(at.maxFeePerGas());
        RiskDecision decision = risk.check(new RiskCheck(
                legs.tokenIn(),
                legs.frontIn(),
                List.of(legs.tokenIn(), legs.tokenOut()),
                List.of(pool),
                at.maxFeePerGas(),
                maxCost,
                legs.estimatedNet(),
                maxCost,
                OptionalInt.of(RiskSettings.confidenceBps(ethUsd))));
        if (decision instanceof RiskDecision.Rejected r) {
            return Optional.of(r.reason().name());
        }
        return riskSettings.profitBelowMinUsd(legs.estimatedNet(), ethUsd)
                ? Optional.of(RiskSettings.PROFIT_BELOW_MIN_USD)
                : Optional.empty();
    }

    /** What the risk check needs from a plan: the tokens, the position, the sizer's gas and net profit estimate. */
    private record Legs(Address tokenIn, Address tokenOut, BigInteger frontIn, long gasUsed, BigInteger estimatedNet) {}

    private static Legs legs(SandwichDecision decision) {
        if (decision instanceof SandwichPlan p) {
            return new Legs(p.tokenIn(), p.tokenOut(), p.frontRunIn(), p.gasUsed(), p.netProfitWei());
        }
        V3SandwichPlan p = (V3SandwichPlan) decision;
        return new Legs(p.tokenIn(), p.tokenOut(), p.frontRunIn(), p.gasUsed(), p.netProfitWei());
    }

    private static org.web3j.abi.datatypes.Address web3(Address a) {
        return new org.web3j.abi.datatypes.Address(a.hex());
    }

    @SuppressWarnings("rawtypes")
    private BigInteger wethBalance(BlockTag tag) {
        Function fn =
                new Function("balanceOf", List.of(web3(signer.address())), List.of(new TypeReference<Uint256>() {}));
        byte[] answer = rpc.call(config.weth(), Hex.decode(FunctionEncoder.encode(fn)), tag);
        List<Type> out = FunctionReturnDecoder.decode(Hex.encode(answer), fn.getOutputParameters());
        return (BigInteger) out.get(0).getValue();
    }

    private Address v3PoolFor(Address a, Address b, int fee, long block) {
        Function fn = new Function(
                "getPool",
                List.of(web3(a), web3(b), new Uint24(fee)),
                List.of(new TypeReference<org.web3j.abi.datatypes.Address>() {}));
        byte[] answer = rpc.call(config.v3Factory(), Hex.decode(FunctionEncoder.encode(fn)), BlockTag.number(block));
        @SuppressWarnings("rawtypes")
        List<Type> out = FunctionReturnDecoder.decode(Hex.encode(answer), fn.getOutputParameters());
        return Address.of(out.get(0).toString());
    }
}

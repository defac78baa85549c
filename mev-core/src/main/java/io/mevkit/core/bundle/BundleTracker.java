package io.mevkit.core.bundle;

import io.mevkit.core.Hash;
import io.mevkit.core.ValidationException;
import io.mevkit.core.bundle.internal.DecodedTx;
import io.mevkit.core.rpc.Block;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.RpcException;
import io.mevkit.core.rpc.TransactionReceipt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows opportunities block by block until they end. On each new head ({@link #onHead(long)}) every bundle aimed
 * at a block that now exists is checked: included (every bundle transaction in the block, consecutive and in order,
 * none reverted), reverted, the victim mined without us, or our nonce taken; otherwise the opportunity is
 * re-validated through its {@link Planner} for the next block (which may re-size, re-price along a
 * {@link BribeSchedule} or give up) and re-submitted under the replacement id of (opportunity, block), until a
 * deadline in blocks or in time (from the injected clock). With a {@link Builder#lookahead(int) lookahead} each bundle
 * also goes out for the next few blocks, each under its own replacement id, so a missed head does not miss a block. The listener hears each stage and the end as a
 * {@link BundleOutcome}. Thread-safe (calls are serialised); the RPC client and the submitter belong to the caller.
 */
public final class BundleTracker {
    private static final Logger LOG = LoggerFactory.getLogger(BundleTracker.class);

    /** Hears every stage and the final outcome of each opportunity. Called on the thread calling the tracker. */
    @FunctionalInterface
    public interface Listener {
        void onOutcome(String opportunityId, BundleOutcome outcome);
    }

    /**
     * Re-validates an opportunity for a target block: the bundle to send now, or why to stop. {@link SandwichPlanner}
     * is the standard one for a sandwich on Uniswap V2 pairs, {@link V3SandwichPlanner} on Uniswap V3 pools.
     */
    @FunctionalInterface
    public interface Planner {
        /**
         * @param targetBlock the block the bundle would be for
         * @param attempt 0 for the first target block, then 1, 2, …
         */
        Plan planFor(long targetBlock, int attempt);
    }

    /** A {@link Planner}'s answer. */
    public sealed interface Plan {
        /** Send {@code bundle} (its target block and replacement id are set by the tracker), after {@code risk}. */
        record Submit(Bundle bundle, Optional<RiskCheck> risk) implements Plan {
            public Submit {
                Objects.requireNonNull(bundle, "bundle");
                Objects.requireNonNull(risk, "risk");
            }
        }

        /**
         * The opportunity is gone (pool moved, victim replaced, fee cap below the next base fee, …): the tracker ends
         * it as {@link BundleOutcome.Cancelled} with the same kind and reason, except {@link StopReason#VICTIM_MINED},
         * which ends as {@link BundleOutcome.VictimMinedElsewhere} when the victim's receipt is found.
         */
        record Stop(StopReason kind, String reason) implements Plan {
            public Stop {
                Objects.requireNonNull(kind, "kind");
                Objects.requireNonNull(reason, "reason");
            }

            /** A stop of kind {@link StopReason#OTHER}. */
            public Stop(String reason) {
                this(StopReason.OTHER, reason);
            }
        }
    }

    private static final class Tracked {
        final String id;
        final Optional<Hash> victim;
        final Planner planner;
        final Instant started;
        int attempts;
        long target;
        /** The last block a bundle was sent for: {@link #target} plus the lookahead. */
        long lastTarget;

        Bundle bundle;

        Tracked(String id, Optional<Hash> victim, Planner planner, Instant started) {
            this.id = id;
            this.victim = victim;
            this.planner = planner;
            this.started = started;
        }
    }

    private final RpcClient rpc;
    private final BundleSubmitter submitter;
    private final Listener listener;
    private final Clock clock;
    private final int maxBlocks;
    private final int lookahead;
    private final Duration maxAge;
    private final Optional<RiskPolicy> risk;
    private final Map<String, Tracked> tracked = new LinkedHashMap<>();

    private BundleTracker(Builder b) {
        this.rpc = b.rpc;
        this.submitter = b.submitter;
        this.listener = b.listener;
        this.clock = b.clock;
        this.maxBlocks = b.maxBlocks;
        this.lookahead = b.lookahead;
        this.maxAge = b.maxAge;
        this.risk = Optional.ofNullable(b.risk);
    }

    /** A builder; RPC client, submitter and listener are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts tracking: plans and submits for the block after {@code head}.
     *
     * @param victim the victim's hash when the bundle wraps one (to tell a victim mined elsewhere)
     */
    public synchronized void track(String opportunityId, Optional<Hash> victim, Planner planner, long head) {
        Objects.requireNonNull(opportunityId, "opportunityId");
        Objects.requireNonNull(victim, "victim");
        Objects.requireNonNull(planner, "planner");
        if (tracked.containsKey(opportunityId)) {
            throw new ValidationException("opportunityId", opportunityId, "is already tracked");
        }
        Tracked t = new Tracked(opportunityId, victim, planner, clock.instant());
        tracked.put(opportunityId, t);
        plan(t, head + 1);
    }

    /** The opportunities still tracked. */
    public synchronized List<String> tracking() {
        return List.copyOf(tracked.keySet());
    }

    /** Checks every opportunity whose target block is at or below {@code head}; re-plans the ones still open. */
    public synchronized void onHead(long head) {
        List<Tracked> due = new ArrayList<>();
        for (Tracked t : tracked.values()) {
            if (t.target <= head) {
                due.add(t);
            }
        }
        for (Tracked t : due) {
            try {
                check(t, head);
            } catch (RpcException e) {
                // the node could not answer: try again on the next head
                LOG.debug("opportunity {}: inclusion check deferred: {}", t.id, e.getMessage());
            }
        }
    }

    private void check(Tracked t, long head) {
        List<Hash> ours = t.bundle.txHashes();
        // the bundle went out for the blocks up to lastTarget: any of those that exists may hold it
        for (long n = t.target; n <= Math.min(head, t.lastTarget); n++) {
            Block block = rpc.getBlockByNumber(BlockTag.number(n), false).orElse(null);
            if (block == null) {
                if (n == t.target) {
                    return; // the node has not got the target block yet: look again on the next head
                }
                break;
            }
            OptionalInt position = BuiltBlock.positionOf(block.transactionHashes(), ours);
            if (position.isEmpty()) {
                continue;
            }
            cancelFrom(t, n + 1);
            for (Hash h : ours) {
                if (t.victim.isPresent() && t.victim.get().equals(h)) {
                    continue;
                }
                Optional<TransactionReceipt> r = rpc.getTransactionReceipt(h);
                if (r.isPresent() && !r.get().succeeded()) {
                    finish(t, new BundleOutcome.Reverted(block.number(), h));
                    return;
                }
            }
            finish(t, new BundleOutcome.Included(block.number(), position.getAsInt(), t.bundle.bundleHash()));
            return;
        }
        if (t.victim.isPresent()) {
            Optional<TransactionReceipt> r = rpc.getTransactionReceipt(t.victim.get());
            if (r.isPresent()) {
                cancelFrom(t, head + 1);
                finish(t, new BundleOutcome.VictimMinedElsewhere(r.get().blockNumber(), t.victim.get()));
                return;
            }
        }
        for (int i = 0; i < t.bundle.txs().size(); i++) {
            Hash h = ours.get(i);
            if (t.victim.isPresent() && t.victim.get().equals(h)) {
                continue;
            }
            DecodedTx tx = DecodedTx.decode("txs[" + i + "]", t.bundle.txs().get(i));
            long count = rpc.getTransactionCount(tx.from(), BlockTag.number(head));
            if (count > tx.nonce() && rpc.getTransactionReceipt(h).isEmpty()) {
                cancelFrom(t, head + 1);
                finish(t, new BundleOutcome.NonceTooLow(head, tx.nonce()));
                return;
            }
        }
        listener.onOutcome(t.id, new BundleOutcome.NotIncluded(t.target));
        Duration age = Duration.between(t.started, clock.instant());
        if (t.attempts >= maxBlocks || age.compareTo(maxAge) >= 0) {
            cancel(t);
            finish(t, new BundleOutcome.TimedOut(t.attempts, age));
            return;
        }
        plan(t, head + 1);
    }

    private void plan(Tracked t, long target) {
        Plan plan = t.planner.planFor(target, t.attempts);
        if (plan instanceof Plan.Stop stop) {
            if (t.bundle != null) {
                cancel(t);
            }
            if (stop.kind() == StopReason.VICTIM_MINED && t.victim.isPresent()) {
                Optional<TransactionReceipt> r = rpc.getTransactionReceipt(t.victim.get());
                if (r.isPresent()) {
                    finish(t, new BundleOutcome.VictimMinedElsewhere(r.get().blockNumber(), t.victim.get()));
                    return;
                }
            }
            finish(t, new BundleOutcome.Cancelled(stop.kind(), stop.reason()));
            return;
        }
        Plan.Submit submit = (Plan.Submit) plan;
        if (submit.risk().isPresent() && risk.isPresent()) {
            RiskDecision decision = risk.get().check(submit.risk().get());
            if (decision instanceof RiskDecision.Rejected rejected) {
                if (t.bundle != null) {
                    cancel(t);
                }
                finish(t, new BundleOutcome.RejectedByRisk(rejected));
                return;
            }
        }
        Bundle next = submit.bundle().toBuilder()
                .blockNumber(target)
                .replacementUuid(BundleFanOut.replacementId(t.id, target))
                .build();
        if (t.bundle != null && !t.bundle.bundleHash().equals(next.bundleHash())) {
            listener.onOutcome(t.id, new BundleOutcome.Replaced(t.bundle.bundleHash(), next.bundleHash()));
        }
        t.bundle = next;
        t.target = target;
        t.lastTarget = target + lookahead;
        int attempt = t.attempts++;
        List<CompletableFuture<Hash>> sent = new ArrayList<>();
        for (long block = target; block <= t.lastTarget; block++) {
            Bundle forBlock = block == target
                    ? next
                    : next.toBuilder()
                            .blockNumber(block)
                            .replacementUuid(BundleFanOut.replacementId(t.id, block))
                            .build();
            try {
                sent.add(submitter.sendBundleAsync(forBlock));
            } catch (RpcException e) {
                sent.add(CompletableFuture.failedFuture(e));
            }
        }
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).join();
            } catch (CompletionException e) {
                // one builder refusing one block is not the end: the inclusion check decides on the next head
                LOG.debug("opportunity {}: submission for block {} failed: {}", t.id, target + i, e.getMessage());
            }
        }
        listener.onOutcome(t.id, new BundleOutcome.Submitted(target, next.bundleHash(), attempt));
    }

    private void cancel(Tracked t) {
        cancelFrom(t, t.target);
    }

    /** Cancels what was sent for blocks {@code from .. lastTarget} (nothing without a lookahead past the target). */
    private void cancelFrom(Tracked t, long from) {
        for (long block = from; block <= t.lastTarget; block++) {
            try {
                submitter.cancel(BundleFanOut.replacementId(t.id, block));
            } catch (RuntimeException e) {
                LOG.debug("opportunity {}: cancel for block {} failed: {}", t.id, block, e.getMessage());
            }
        }
    }

    private void finish(Tracked t, BundleOutcome outcome) {
        for (Iterator<Tracked> it = tracked.values().iterator(); it.hasNext(); ) {
            if (it.next() == t) {
                it.remove();
            }
        }
        listener.onOutcome(t.id, outcome);
    }

    /** Configures a {@link BundleTracker}; validated by {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private RpcClient rpc;
        private BundleSubmitter submitter;
        private Listener listener;
        private Clock clock = Clock.systemUTC();
        private int maxBlocks = 3;
        private int lookahead;
        private Duration maxAge = Duration.ofMinutes(1);
        private RiskPolicy risk;

        private Builder() {}

        /** The node blocks and receipts are read from (required). */
        public Builder rpc(RpcClient value) {
            this.rpc = Objects.requireNonNull(value, "rpc");
            return this;
        }

        /** Where bundles are sent (required): a builder client or the local builder. */
        public Builder submitter(BundleSubmitter value) {
            this.submitter = Objects.requireNonNull(value, "submitter");
            return this;
        }

        /** Hears every stage and outcome (required). */
        public Builder listener(Listener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** The clock the time deadline is measured with (default: system UTC). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The most target blocks tried (default 3). */
        public Builder maxBlocks(int value) {
            if (value < 1 || value > 64) {
                throw new ValidationException("maxBlocks", value, "must be 1..64");
            }
            this.maxBlocks = value;
            return this;
        }

        /**
         * How many blocks past the target each re-validated bundle is also sent for, each under its own replacement
         * id (default 0). The next head replaces them with a freshly re-validated bundle; until then they let the
         * bundle land should a head be missed or re-validation be late. Inclusion is looked for in all of them; the
         * ones left are cancelled when the opportunity ends.
         */
        public Builder lookahead(int blocks) {
            if (blocks < 0 || blocks > 8) {
                throw new ValidationException("lookahead", blocks, "must be 0..8");
            }
            this.lookahead = blocks;
            return this;
        }

        /** The longest an opportunity is followed (default 1 min). */
        public Builder maxAge(Duration value) {
            Objects.requireNonNull(value, "maxAge");
            if (value.isNegative() || value.isZero()) {
                throw new ValidationException("maxAge", value, "must be positive");
            }
            this.maxAge = value;
            return this;
        }

        /** Checks each re-planned bundle that carries a {@link RiskCheck}. */
        public Builder riskPolicy(RiskPolicy value) {
            this.risk = Objects.requireNonNull(value, "riskPolicy");
            return this;
        }

        public BundleTracker build() {
            if (rpc == null) {
                throw new ValidationException("rpc", "(unset)", "is required");
            }
            if (submitter == null) {
                throw new ValidationException("submitter", "(unset)", "is required");
            }
            if (listener == null) {
                throw new ValidationException("listener", "(unset)", "is required");
            }
            return new BundleTracker(this);
        }
    }
}

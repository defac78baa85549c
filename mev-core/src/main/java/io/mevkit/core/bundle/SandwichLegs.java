package io.mevkit.core.bundle;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import io.mevkit.core.bundle.internal.DecodedTx;
import io.mevkit.core.bundle.internal.LegCalldata;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.sandwich.SandwichPlan;
import io.mevkit.core.sandwich.V3SandwichPlan;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a sized plan ({@link SandwichPlan} on a Uniswap V2 pair, {@link V3SandwichPlan} on a V3 pool) into signed
 * legs around the victim's raw transaction: the front-run and back-run are router swaps from the searcher's account
 * (Router02 {@code swapExactTokensForTokens}, SwapRouter {@code exactInputSingle}) with the plan's amounts and minimum
 * outputs, paying the bribe as priority fee, signed with consecutive nonces. Gas comes from simulating the whole
 * ordered bundle (the back-run cannot be estimated alone: at head state it reverts): each leg's limit is its simulated
 * gas × the margin, and the legs are signed again and the final bytes simulated once more, so the prediction is of
 * exactly what is sent. The searcher must have approved the router for both tokens. Thread-safe when the signer is.
 */
public final class SandwichLegs {
    private final TxSigner signer;
    private final BundleSimulator simulator;
    private final Optional<Address> v2Router;
    private final Optional<Address> v3Router;
    private final int gasMarginBps;
    private final long probeGasLimit;
    private final BigInteger deadline;

    private SandwichLegs(Builder b) {
        this.signer = b.signer;
        this.simulator = b.simulator;
        this.v2Router = Optional.ofNullable(b.v2Router);
        this.v3Router = Optional.ofNullable(b.v3Router);
        this.gasMarginBps = b.gasMarginBps;
        this.probeGasLimit = b.probeGasLimit;
        this.deadline = b.deadline;
    }

    /** A builder; signer, simulator and at least one router are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What the legs are for: the victim's raw bytes, the first of two consecutive nonces (front-run, back-run), the
     * target block, its base fee and the fees to pay.
     *
     * @param victimRaw the victim's signed transaction as seen in the mempool
     * @param nonce the front-run's nonce; the back-run uses {@code nonce + 1}
     * @param targetBlock the block the bundle is for
     * @param baseFee the target block's base fee (what the simulation charges)
     * @param tip the priority fee per gas of both legs (the bribe)
     * @param maxFeePerGas the fee cap of both legs (at least {@code baseFee + tip})
     */
    public record Target(
            String victimRaw,
            long nonce,
            long targetBlock,
            BigInteger baseFee,
            BigInteger tip,
            BigInteger maxFeePerGas) {
        public Target {
            Objects.requireNonNull(victimRaw, "victimRaw");
            Hex.decode("victimRaw", victimRaw);
            if (nonce < 0) {
                throw new ValidationException("nonce", nonce, "must not be negative");
            }
            if (targetBlock <= 0) {
                throw new ValidationException("targetBlock", targetBlock, "must be positive");
            }
            Checks.requireNonNegative("baseFee", baseFee);
            Checks.requireNonNegative("tip", tip);
            if (maxFeePerGas.compareTo(baseFee.add(tip)) < 0) {
                throw new ValidationException("maxFeePerGas", maxFeePerGas, "must be at least baseFee + tip");
            }
        }

        /** A target paying {@code tip} with a fee cap of {@code 2 × baseFee + tip} (room for one base fee rise). */
        public static Target of(String victimRaw, long nonce, long targetBlock, BigInteger baseFee, BigInteger tip) {
            return new Target(
                    victimRaw,
                    nonce,
                    targetBlock,
                    baseFee,
                    tip,
                    baseFee.shiftLeft(1).add(tip));
        }
    }

    /** The searcher's account: the sender of both legs. */
    public Address searcher() {
        return signer.address();
    }

    /** Legs for a V2 plan. */
    public LegsOutcome legs(SandwichPlan plan, Target target) {
        Objects.requireNonNull(plan, "plan");
        Address router = v2Router.orElseThrow(() -> new ValidationException("v2Router", "(unset)", "is required"));
        byte[] front = LegCalldata.v2ExactTokensForTokens(
                plan.frontRunIn(), plan.frontRunMinOut(), plan.tokenIn(), plan.tokenOut(), signer.address(), deadline);
        byte[] back = LegCalldata.v2ExactTokensForTokens(
                plan.backRunIn(), plan.backRunMinOut(), plan.tokenOut(), plan.tokenIn(), signer.address(), deadline);
        return build(router, front, back, plan.tokenIn(), plan.tokenOut(), target);
    }

    /** Legs for a V3 plan. */
    public LegsOutcome legs(V3SandwichPlan plan, Target target) {
        Objects.requireNonNull(plan, "plan");
        Address router = v3Router.orElseThrow(() -> new ValidationException("v3Router", "(unset)", "is required"));
        int fee = plan.pool().fee();
        byte[] front = LegCalldata.v3ExactInputSingle(
                plan.tokenIn(),
                plan.tokenOut(),
                fee,
                signer.address(),
                deadline,
                plan.frontRunIn(),
                plan.frontRunMinOut());
        byte[] back = LegCalldata.v3ExactInputSingle(
                plan.tokenOut(),
                plan.tokenIn(),
                fee,
                signer.address(),
                deadline,
                plan.backRunIn(),
                plan.backRunMinOut());
        return build(router, front, back, plan.tokenIn(), plan.tokenOut(), target);
    }

    private LegsOutcome build(
            Address router, byte[] front, byte[] back, Address capital, Address other, Target target) {
        Objects.requireNonNull(target, "target");
        if (DecodedTx.decode("victimRaw", target.victimRaw()).from().equals(signer.address())) {
            throw new ValidationException("victimRaw", signer.address(), "must not be sent by the searcher");
        }
        BundleSimulation first = simulate(router, front, back, probeGasLimit, probeGasLimit, capital, other, target);
        if (!first.allSucceeded()) {
            return reverts(first);
        }
        long frontGas = withMargin(first.txs().get(0).gasUsed());
        long backGas = withMargin(first.txs().get(2).gasUsed());
        SignedTx f = sign(router, front, target.nonce(), frontGas, target);
        SignedTx b = sign(router, back, target.nonce() + 1, backGas, target);
        Bundle bundle = Bundle.ofRaw(List.of(f.rawHex(), target.victimRaw(), b.rawHex()))
                .blockNumber(target.targetBlock())
                .build();
        BundleSimulation sim = simulator.simulate(request(bundle, capital, other, target));
        if (!sim.allSucceeded()) {
            return reverts(sim);
        }
        return new LegsOutcome.Ready(new SandwichBundle(
                f,
                target.victimRaw().toLowerCase(java.util.Locale.ROOT),
                b,
                bundle,
                sim,
                signer.address(),
                capital,
                sim.tokenDelta(signer.address(), capital),
                sim.ethDelta(signer.address()),
                sim.coinbaseDiff()));
    }

    private BundleSimulation simulate(
            Address router,
            byte[] front,
            byte[] back,
            long frontGas,
            long backGas,
            Address capital,
            Address other,
            Target target) {
        SignedTx f = sign(router, front, target.nonce(), frontGas, target);
        SignedTx b = sign(router, back, target.nonce() + 1, backGas, target);
        Bundle bundle = Bundle.ofRaw(List.of(f.rawHex(), target.victimRaw(), b.rawHex()))
                .blockNumber(target.targetBlock())
                .build();
        return simulator.simulate(request(bundle, capital, other, target));
    }

    private SimulationRequest request(Bundle bundle, Address capital, Address other, Target target) {
        return SimulationRequest.builder(bundle)
                .stateBlock(BlockTag.number(target.targetBlock() - 1))
                .baseFee(target.baseFee())
                .follow(signer.address())
                .followToken(capital)
                .followToken(other)
                .build();
    }

    private static LegsOutcome reverts(BundleSimulation sim) {
        BundleSimulation.TxSimulation bad = sim.firstRevert().orElseThrow();
        return new LegsOutcome.Reverts(
                sim, sim.txs().indexOf(bad), bad.revertReason().orElse("reverted"));
    }

    private SignedTx sign(Address router, byte[] data, long nonce, long gas, Target target) {
        return signer.sign(Eip1559Tx.builder()
                .chainId(signer.chainId())
                .nonce(nonce)
                .maxPriorityFeePerGas(target.tip())
                .maxFeePerGas(target.maxFeePerGas())
                .gasLimit(gas)
                .to(router)
                .data(data)
                .build());
    }

    private long withMargin(long gasUsed) {
        // ceil(gasUsed × margin): a limit below what the leg uses would make it run out of gas
        return -Math.floorDiv(-Math.multiplyExact(gasUsed, (long) gasMarginBps), 10_000L);
    }

    /** Configures {@link SandwichLegs}; validated by {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private TxSigner signer;
        private BundleSimulator simulator;
        private Address v2Router;
        private Address v3Router;
        private int gasMarginBps = 12_000;
        private long probeGasLimit = 1_000_000;
        private BigInteger deadline = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

        private Builder() {}

        /** Signs the legs (the searcher's funds key; required). */
        public Builder signer(TxSigner value) {
            this.signer = Objects.requireNonNull(value, "signer");
            return this;
        }

        /** Simulates the ordered bundle (required). */
        public Builder simulator(BundleSimulator value) {
            this.simulator = Objects.requireNonNull(value, "simulator");
            return this;
        }

        /** The Uniswap V2 Router02 the V2 legs call. */
        public Builder v2Router(Address value) {
            this.v2Router = Objects.requireNonNull(value, "v2Router");
            return this;
        }

        /** The Uniswap V3 SwapRouter the V3 legs call. */
        public Builder v3Router(Address value) {
            this.v3Router = Objects.requireNonNull(value, "v3Router");
            return this;
        }

        /** Gas limit = simulated gas × this, in basis points (default 12 000, i.e. × 1.2; at least 10 000). */
        public Builder gasMarginBps(int value) {
            if (value < 10_000 || value > 100_000) {
                throw new ValidationException("gasMarginBps", value, "must be 10000..100000");
            }
            this.gasMarginBps = value;
            return this;
        }

        /** The gas limit of the legs in the first simulation, before their use is known (default 1 000 000). */
        public Builder probeGasLimit(long value) {
            if (value < 21_000) {
                throw new ValidationException("probeGasLimit", value, "must be at least 21000");
            }
            this.probeGasLimit = value;
            return this;
        }

        /** The router deadline in unix seconds (default none: the bundle's target block bounds the legs anyway). */
        public Builder deadline(BigInteger unixSeconds) {
            Checks.requireUint256("deadline", unixSeconds);
            this.deadline = unixSeconds;
            return this;
        }

        public SandwichLegs build() {
            if (signer == null) {
                throw new ValidationException("signer", "(unset)", "is required");
            }
            if (simulator == null) {
                throw new ValidationException("simulator", "(unset)", "is required");
            }
            if (v2Router == null && v3Router == null) {
                throw new ValidationException("router", "(unset)", "a V2 or V3 router is required");
            }
            return new SandwichLegs(this);
        }
    }
}

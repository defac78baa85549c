package io.mevkit.store;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.ValidationException;
import io.mevkit.core.amm.V2Pool;
import io.mevkit.core.bundle.SignedTx;
import io.mevkit.core.sandwich.SandwichPlan;
import io.mevkit.core.sandwich.V3SandwichPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Maps the core's plan and bundle types to the store's records and back (the core does not depend on the store). Every
 * amount is carried as the same {@link java.math.BigInteger}: nothing is rounded. A plan is stored as
 * {@code amountIn = frontRunIn}, {@code expectedProfit = netProfitWei} (after gas and builder payment; negative when
 * the plan loses), {@code gasCost = gasCost} and {@code bribe = builderPayment}. Stateless and thread-safe.
 */
public final class CoreMapping {
    /** The strategy name of opportunities mapped from a {@link SandwichPlan}. */
    public static final String SANDWICH_V2 = "sandwich-v2";
    /** The strategy name of opportunities mapped from a {@link V3SandwichPlan}. */
    public static final String SANDWICH_V3 = "sandwich-v3";

    private CoreMapping() {}

    /** The opportunity a V2 sandwich acts on: the victim's transaction and the sandwiched pair. */
    public static NewOpportunity opportunity(long chainId, Hash victimTx, SandwichPlan plan, long blockNumber) {
        Objects.requireNonNull(victimTx, "victimTx");
        Objects.requireNonNull(plan, "plan");
        return new NewOpportunity(chainId, victimTx.hex(), plan.pool().address().hex(), SANDWICH_V2, blockNumber);
    }

    /**
     * The opportunity a V3 sandwich acts on: the victim's transaction and the sandwiched pool, whose address the plan's
     * pool state must carry.
     */
    public static NewOpportunity opportunity(long chainId, Hash victimTx, V3SandwichPlan plan, long blockNumber) {
        Objects.requireNonNull(victimTx, "victimTx");
        Objects.requireNonNull(plan, "plan");
        Address pool = plan.pool()
                .address()
                .orElseThrow(() -> new ValidationException("plan.pool.address", null, "is required to store the plan"));
        return new NewOpportunity(chainId, victimTx.hex(), pool.hex(), SANDWICH_V3, blockNumber);
    }

    /** A V2 sandwich's numbers. */
    public static Plan plan(SandwichPlan plan) {
        Objects.requireNonNull(plan, "plan");
        return new Plan(plan.frontRunIn(), plan.netProfitWei(), plan.gasCost(), plan.builderPayment());
    }

    /** A V3 sandwich's numbers. */
    public static Plan plan(V3SandwichPlan plan) {
        Objects.requireNonNull(plan, "plan");
        return new Plan(plan.frontRunIn(), plan.netProfitWei(), plan.gasCost(), plan.builderPayment());
    }

    /**
     * A V2 pair as the store keeps it. The store records the fee in hundredths of a basis point, so the pair's fee must
     * be a whole number of them (Uniswap's 997/1000 is 3000; PancakeSwap's 9975/10000 is 2500).
     */
    public static Pool pool(long chainId, String protocol, V2Pool pool) {
        Objects.requireNonNull(pool, "pool");
        long numerator = pool.fee().numerator();
        long denominator = pool.fee().denominator();
        long scaled = (denominator - numerator) * 1_000_000L;
        if (scaled % denominator != 0) {
            throw new ValidationException(
                    "pool.fee", pool.fee(), "must be a whole number of hundredths of a basis point to be stored");
        }
        return new Pool(
                chainId,
                pool.address().hex(),
                protocol,
                pool.token0().hex(),
                pool.token1().hex(),
                Math.toIntExact(scaled / denominator));
    }

    /**
     * A signed bundle for its target block ({@code bundle.blockNumber()}, required) through {@code lastBlock}: its hash
     * is the core's {@link io.mevkit.core.bundle.Bundle#bundleHash()}, its transactions the raw ones in order.
     */
    public static NewBundle bundle(long opportunityId, io.mevkit.core.bundle.Bundle bundle, long lastBlock) {
        Objects.requireNonNull(bundle, "bundle");
        if (bundle.blockNumber().isEmpty()) {
            throw new ValidationException("bundle.blockNumber", null, "is required to store a bundle");
        }
        return new NewBundle(
                opportunityId,
                bundle.bundleHash().hex(),
                bundle.blockNumber().getAsLong(),
                lastBlock,
                bundle.replacementUuid().orElse(null),
                bundle.txs());
    }

    /** {@link #bundle(long, io.mevkit.core.bundle.Bundle, long)} for its target block only. */
    public static NewBundle bundle(long opportunityId, io.mevkit.core.bundle.Bundle bundle) {
        Objects.requireNonNull(bundle, "bundle");
        return bundle(opportunityId, bundle, bundle.blockNumber().orElse(-1));
    }

    /** One signed transaction as a bundle's stored transaction. */
    public static BundleTx bundleTx(SignedTx tx) {
        Objects.requireNonNull(tx, "tx");
        return new BundleTx(tx.hash().hex(), tx.rawHex());
    }

    /**
     * A stored bundle as the core's bundle for its first target block, with its replacement id: the same transactions
     * in the same order, hence the same bundle hash.
     */
    public static io.mevkit.core.bundle.Bundle toCore(Bundle stored) {
        Objects.requireNonNull(stored, "stored");
        List<String> raw = new ArrayList<>(stored.txs().size());
        stored.txs().forEach(tx -> raw.add(tx.rawTx()));
        io.mevkit.core.bundle.Bundle.Builder b =
                io.mevkit.core.bundle.Bundle.ofRaw(raw).blockNumber(stored.firstBlock());
        if (stored.replacementUuid() != null) {
            b.replacementUuid(stored.replacementUuid());
        }
        return b.build();
    }
}

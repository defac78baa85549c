package io.mevkit.core.bundle;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.FeeMarket;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.sandwich.ExactPrice;
import io.mevkit.core.sandwich.LegGas;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The options {@link SandwichPlanner} (Uniswap V2) and {@link V3SandwichPlanner} (Uniswap V3) share: the node, the
 * legs, the bribe schedule, the victim's raw bytes, the capital and how its profit is valued, the fee rule and cap.
 * {@code B} is the concrete builder, returned for chaining. Not thread-safe.
 */
abstract class SandwichPlannerBuilder<B extends SandwichPlannerBuilder<B>> {
    RpcClient rpc;
    SandwichLegs legs;
    BribeSchedule schedule;
    String victimRaw;
    Address capitalToken;
    BigInteger capital;
    Address wrappedNative;

    @Nullable
    ExactPrice capitalTokenPrice;

    LegGas legGas;
    FeeMarket.Eip1559 feeRule = FeeMarket.eip1559(2, 8);

    @Nullable
    BigInteger maxFeePerGas;

    OptionalInt priceConfidenceBps = OptionalInt.empty();
    List<Address> pools = List.of();

    SandwichPlannerBuilder() {}

    abstract B self();

    /** The node the victim, the head block, the pools and the nonce are read from (required). */
    public B rpc(RpcClient value) {
        this.rpc = Objects.requireNonNull(value, "rpc");
        return self();
    }

    /** The token the sandwich starts and ends in, and how much of it may be used (required). */
    public B capital(Address token, BigInteger amount) {
        this.capitalToken = Objects.requireNonNull(token, "capitalToken");
        this.capital = Checks.requirePositive("capital", amount);
        return self();
    }

    /** Builds, signs and simulates the legs (required; needs a router of the planner's protocol). */
    public B legs(SandwichLegs value) {
        this.legs = Objects.requireNonNull(value, "legs");
        return self();
    }

    /** The confidence in {@link #capitalTokenPrice}, in basis points, passed to the risk policy. */
    public B priceConfidenceBps(int bps) {
        if (bps < 0 || bps > 10_000) {
            throw new ValidationException("priceConfidenceBps", bps, "must be 0..10000");
        }
        this.priceConfidenceBps = OptionalInt.of(bps);
        return self();
    }

    /** The builder's share of the gross profit per attempt; its maximum is the cap (required). */
    public B bribeSchedule(BribeSchedule value) {
        this.schedule = Objects.requireNonNull(value, "bribeSchedule");
        return self();
    }

    /** The victim's signed transaction as seen in the mempool. */
    final void victimRaw(String raw) {
        Objects.requireNonNull(raw, "victimRaw");
        Hex.decode("victimRaw", raw);
        this.victimRaw = raw;
    }

    /** The chain's wrapped native token (required). */
    public B wrappedNative(Address token) {
        this.wrappedNative = Objects.requireNonNull(token, "wrappedNative");
        return self();
    }

    /**
     * The capital token's price in wei, needed when it is not the wrapped native token; positive, as the sizer prices
     * the legs' gas in the token with it.
     */
    public B capitalTokenPrice(ExactPrice price) {
        Objects.requireNonNull(price, "capitalTokenPrice");
        Checks.requirePositive("capitalTokenPrice.numerator", price.numerator());
        this.capitalTokenPrice = price;
        return self();
    }

    /** The legs' gas as the sizer prices it; the tip spreads the bribe over its total (required). */
    public B legGas(LegGas value) {
        this.legGas = Objects.requireNonNull(value, "legGas");
        return self();
    }

    /** The legs' fee cap; when unset, twice the next base fee plus the tip. */
    public B maxFeePerGas(BigInteger wei) {
        this.maxFeePerGas = Checks.requirePositive("maxFeePerGas", wei);
        return self();
    }

    /** The base fee rule the next base fee is predicted with (default Ethereum's, 2 and 8). */
    public B feeRule(FeeMarket.Eip1559 value) {
        this.feeRule = Objects.requireNonNull(value, "feeRule");
        return self();
    }

    /** The checks of {@code build()} both planners share; the protocol's pool reader and victim are checked present. */
    final void requireShared(@Nullable Object poolReader, @Nullable Object victim) {
        require("rpc", rpc);
        require("legs", legs);
        require("bribeSchedule", schedule);
        require("poolReader", poolReader);
        require("victim", victim);
        require("capitalToken", capitalToken);
        require("wrappedNative", wrappedNative);
        require("legGas", legGas);
        if (pools.isEmpty()) {
            throw new ValidationException("pools", "[]", "at least one pool is required");
        }
        if (!capitalToken.equals(wrappedNative) && capitalTokenPrice == null) {
            throw new ValidationException(
                    "capitalTokenPrice", "(unset)", "is required when the capital token is not wrapped native");
        }
    }

    private static void require(String field, @Nullable Object value) {
        if (value == null) {
            throw new ValidationException(field, "(unset)", "is required");
        }
    }
}

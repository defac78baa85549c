package io.mevkit.core;

import java.time.Duration;
import java.util.Optional;

/**
 * An EVM chain as mevkit needs to know it: id, name, native symbol, wrapped native token, Multicall3 address, block
 * time (the data watchdog's yardstick) and fee market. Immutable; add your own to a {@link ChainRegistry}.
 */
public record Chain(
        long id,
        String name,
        String nativeSymbol,
        Optional<Address> wrappedNative,
        Optional<Address> multicall3,
        Duration blockTime,
        FeeMarket feeMarket) {

    public Chain {
        Checks.requirePositive("chain.id", id);
        Checks.requireNonNull("chain.name", name);
        if (name.isBlank()) {
            throw new ValidationException("chain.name", name, "must not be blank");
        }
        Checks.requireNonNull("chain.nativeSymbol", nativeSymbol);
        Checks.requireNonNull("chain.wrappedNative", wrappedNative);
        Checks.requireNonNull("chain.multicall3", multicall3);
        Checks.requireNonNull("chain.blockTime", blockTime);
        if (blockTime.isNegative() || blockTime.isZero()) {
            throw new ValidationException("chain.blockTime", blockTime, "must be positive");
        }
        Checks.requireNonNull("chain.feeMarket", feeMarket);
    }
}

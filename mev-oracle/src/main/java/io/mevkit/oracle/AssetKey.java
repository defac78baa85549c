package io.mevkit.oracle;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;

/** A token on a chain: what a price is asked for. */
public record AssetKey(long chainId, Address token) {
    public AssetKey {
        Checks.requirePositive("chainId", chainId);
        Checks.requireNonNull("token", token);
    }

    public static AssetKey of(long chainId, String token) {
        return new AssetKey(chainId, Address.of("token", token));
    }

    @Override
    public String toString() {
        return chainId + ":" + token.hex();
    }
}

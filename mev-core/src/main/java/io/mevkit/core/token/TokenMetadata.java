package io.mevkit.core.token;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import java.util.Objects;

/**
 * An ERC-20 token's decimals, symbol and name on one chain, as its contract returns them (bytes32 answers decoded
 * as UTF-8 up to the first zero byte). Immutable.
 */
public record TokenMetadata(long chainId, Address address, int decimals, String symbol, String name) {
    /** The largest decimals accepted: 10^77 is the largest power of ten below 2^256. */
    public static final int MAX_DECIMALS = 77;

    public TokenMetadata {
        Checks.requirePositive("chainId", chainId);
        Objects.requireNonNull(address, "address");
        if (decimals < 0 || decimals > MAX_DECIMALS) {
            throw new ValidationException("decimals", decimals, "must be 0.." + MAX_DECIMALS);
        }
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(name, "name");
    }
}

package io.mevkit.store;

import io.mevkit.core.ValidationException;
import io.mevkit.store.internal.Validate;
import org.jspecify.annotations.Nullable;

/**
 * An ERC-20 token as the store keeps it, keyed by chain and address (kept lower-case).
 *
 * @param chainId the chain id (positive)
 * @param address the token contract; a mixed-case address must carry a valid EIP-55 checksum
 * @param symbol the symbol as the token reports it (may be empty, at most 64 characters)
 * @param decimals 0 to 255
 * @param name the name, if known (at most 256 characters)
 */
public record Token(long chainId, String address, String symbol, int decimals, @Nullable String name) {
    public Token {
        Validate.positive("chainId", chainId);
        address = Validate.address("address", address);
        symbol = Validate.text("symbol", symbol, 64);
        if (decimals < 0 || decimals > 255) {
            throw new ValidationException("decimals", decimals, "must be in [0, 255]");
        }
        name = Validate.optionalText("name", name, 256);
    }
}

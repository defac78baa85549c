package io.mevkit.oracle;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import java.time.Duration;

/**
 * Prices a token through a Uniswap V3 pool's time-weighted average against a quote token (typically WETH), whose
 * own USD price the oracle then supplies: token → WETH → USD.
 */
public record TwapRoute(Address pool, Duration window, AssetKey quoteAsset, int baseDecimals, int quoteDecimals) {
    public TwapRoute {
        Checks.requireNonNull("pool", pool);
        if (window == null || window.toSeconds() < 1 || window.toSeconds() > 0xffffffffL) {
            throw new ValidationException("window", window, "must be whole seconds in [1, 2^32)");
        }
        Checks.requireNonNull("quoteAsset", quoteAsset);
        if (baseDecimals < 0 || baseDecimals > 77) {
            throw new ValidationException("baseDecimals", baseDecimals, "must be in [0, 77]");
        }
        if (quoteDecimals < 0 || quoteDecimals > 77) {
            throw new ValidationException("quoteDecimals", quoteDecimals, "must be in [0, 77]");
        }
    }
}

package io.mevkit.store;

import io.mevkit.core.ValidationException;
import io.mevkit.store.internal.Validate;

/**
 * A liquidity pool, keyed by chain and address. Both tokens must be stored first (foreign keys).
 *
 * @param chainId the chain id (positive)
 * @param address the pool contract
 * @param protocol the pool's protocol, e.g. {@code UNISWAP_V2} or {@code UNISWAP_V3} (1 to 32 characters)
 * @param token0 the pool's token0
 * @param token1 the pool's token1, different from token0
 * @param fee the swap fee in hundredths of a basis point (3000 = 0.3%), 0 to 1,000,000
 */
public record Pool(long chainId, String address, String protocol, String token0, String token1, int fee) {
    public Pool {
        Validate.positive("chainId", chainId);
        address = Validate.address("address", address);
        protocol = Validate.label("protocol", protocol, 32);
        token0 = Validate.address("token0", token0);
        token1 = Validate.address("token1", token1);
        if (token0.equals(token1)) {
            throw new ValidationException("token1", token1, "must differ from token0");
        }
        if (fee < 0 || fee > 1_000_000) {
            throw new ValidationException("fee", fee, "must be in [0, 1000000] hundredths of a basis point");
        }
    }
}

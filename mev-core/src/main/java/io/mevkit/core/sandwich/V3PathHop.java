package io.mevkit.core.sandwich;

import io.mevkit.core.Address;
import io.mevkit.core.ValidationException;
import java.util.Objects;

/**
 * One pool of a V3 route, in the direction the tokens flow: {@code tokenIn} is paid into the pool of the two tokens at
 * {@code fee}, {@code tokenOut} comes out.
 *
 * @param fee the pool's fee tier in hundredths of a bip (a uint24)
 */
public record V3PathHop(Address tokenIn, int fee, Address tokenOut) {
    public V3PathHop {
        Objects.requireNonNull(tokenIn, "tokenIn");
        Objects.requireNonNull(tokenOut, "tokenOut");
        if (fee < 0 || fee >= 1 << 24) {
            throw new ValidationException("fee", fee, "must be a uint24");
        }
    }

    /** Whether the swap in this pool sells token0 for token1 (the pool sorts its tokens by address). */
    public boolean zeroForOne() {
        return tokenIn.compareTo(tokenOut) < 0;
    }
}

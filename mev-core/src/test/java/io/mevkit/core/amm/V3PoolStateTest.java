package io.mevkit.core.amm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class V3PoolStateTest {
    private static final BigInteger L = BigInteger.TEN.pow(18);

    private static V3PoolState.Builder base() {
        return V3PoolState.builder()
                .sqrtPriceX96(TickMath.getSqrtRatioAtTick(0))
                .fee(3000)
                .blockNumber(7);
    }

    @Test
    void positionsSetTicksAndInRangeLiquidityAsMintDoes() {
        V3PoolState pool = base().position(-120, 120, L)
                .position(-60, 600, L.multiply(BigInteger.TWO))
                .position(600, 1200, L) // above the price: not in range
                .build();
        assertEquals(60, pool.tickSpacing()); // the standard spacing of the 0.3 % tier
        assertEquals(0, pool.tick());
        assertEquals(L.multiply(BigInteger.valueOf(3)), pool.liquidity());
        assertEquals(List.of(-120, -60, 120, 600, 1200), pool.initializedTicks());
        assertEquals(Optional.of(L), pool.liquidityNet(-120));
        assertEquals(Optional.of(L.negate()), pool.liquidityNet(120));
        assertEquals(Optional.of(L.negate()), pool.liquidityNet(600)); // -2L + L
        assertEquals(Optional.empty(), pool.liquidityNet(60));
        assertTrue(pool.ticksComplete());
        assertEquals(7, pool.blockNumber());
    }

    @Test
    void positionsBreakingMintRulesRevertWithTheContractsCodes() {
        assertEquals(
                "TLU",
                assertThrows(V3RevertException.class, () -> base().position(60, 60, L)
                                .build())
                        .code());
        assertEquals(
                "TLM",
                assertThrows(V3RevertException.class, () -> base().tickSpacing(1)
                                .position(TickMath.MIN_TICK - 1, 0, L)
                                .build())
                        .code());
        assertEquals(
                "TUM",
                assertThrows(V3RevertException.class, () -> base().tickSpacing(1)
                                .position(0, TickMath.MAX_TICK + 1, L)
                                .build())
                        .code());
        BigInteger max = V3PoolState.maxLiquidityPerTick(60);
        base().position(-60, 60, max).build();
        V3RevertException lo = assertThrows(V3RevertException.class, () -> base().position(-60, 60, max)
                .position(-60, 120, BigInteger.ONE)
                .build());
        assertEquals("LO", lo.code());
        // v3-core test/Tick.spec.ts: tickSpacingToMaxLiquidityPerTick(60)
        assertEquals(new BigInteger("11505743598341114571880798222544994"), max);
        assertEquals(new BigInteger("1917569901783203986719870431555990"), V3PoolState.maxLiquidityPerTick(10));
    }

    @Test
    void chainDataMustAgreeWithTheLiquidity() {
        V3PoolState pool = base().liquidity(L)
                .initializedTick(-60, L)
                .initializedTick(60, L.negate())
                .build();
        assertEquals(L, pool.liquidity());
        ValidationException stale =
                assertThrows(ValidationException.class, () -> base().liquidity(L.add(BigInteger.ONE))
                        .initializedTick(-60, L)
                        .initializedTick(60, L.negate())
                        .build());
        assertTrue(stale.getMessage().contains("liquidity"), stale.getMessage());
        // with a partial word range nothing can be summed, so nothing is checked
        V3PoolState partial = base().liquidity(L.add(BigInteger.ONE))
                .initializedTick(-60, L)
                .tickDataWords(-1, 0)
                .build();
        assertFalse(partial.ticksComplete());
        assertThrows(ValidationException.class, () -> base().liquidity(L)
                .initializedTick(-60, L)
                .tickDataWords(1, 2)
                .build());
    }

    @Test
    void validatesEveryField() {
        assertThrows(
                ValidationException.class,
                () -> V3PoolState.builder().fee(3000).blockNumber(1).build());
        assertThrows(ValidationException.class, () -> base().sqrtPriceX96(TickMath.MAX_SQRT_RATIO)
                .build());
        assertThrows(ValidationException.class, () -> base().fee(1_000_000).build());
        assertThrows(ValidationException.class, () -> base().fee(2500).build()); // no standard spacing
        assertEquals(50, base().fee(2500).tickSpacing(50).build().tickSpacing());
        assertThrows(ValidationException.class, () -> base().blockNumber(-1).build());
        assertThrows(ValidationException.class, () -> base().tick(5).build());
        assertThrows(ValidationException.class, () -> base().liquidity(BigInteger.ONE.shiftLeft(128))
                .build());
        assertThrows(ValidationException.class, () -> base().initializedTick(30, BigInteger.ZERO)
                .build());
        assertThrows(ValidationException.class, () -> base().initializedTick(60, BigInteger.ONE.shiftLeft(127))
                .build());
        assertThrows(ValidationException.class, () -> base().initializedTick(60, BigInteger.ONE)
                .initializedTick(60, BigInteger.ONE));
        // exactly at a tick's price the pool may record the tick below (after a downward swap)
        assertEquals(-1, base().tick(-1).build().tick());
        BigInteger between = TickMath.getSqrtRatioAtTick(0).add(BigInteger.ONE);
        assertThrows(
                ValidationException.class,
                () -> base().sqrtPriceX96(between).tick(-1).build());
    }
}

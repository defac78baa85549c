package io.mevkit.core.amm;

import static io.mevkit.core.amm.FullMathTest.assertRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class LiquidityMathTest {
    private static final BigInteger MAX128 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    @Test
    void addsAndSubtractsWithinUint128() {
        // v3-core test/LiquidityMath.spec.ts
        assertEquals(BigInteger.ONE, LiquidityMath.addDelta(BigInteger.ONE, BigInteger.ZERO));
        assertEquals(BigInteger.ZERO, LiquidityMath.addDelta(BigInteger.ONE, BigInteger.ONE.negate()));
        assertEquals(BigInteger.TWO, LiquidityMath.addDelta(BigInteger.ONE, BigInteger.ONE));
        assertEquals(MAX128, LiquidityMath.addDelta(MAX128.subtract(BigInteger.valueOf(15)), BigInteger.valueOf(15)));
    }

    @Test
    void revertsWithLaAndLs() {
        assertRule(
                V3RevertException.Rule.LIQUIDITY_ADD,
                () -> LiquidityMath.addDelta(MAX128.subtract(BigInteger.valueOf(14)), BigInteger.valueOf(15)));
        assertRule(
                V3RevertException.Rule.LIQUIDITY_SUB,
                () -> LiquidityMath.addDelta(BigInteger.ZERO, BigInteger.ONE.negate()));
        assertRule(
                V3RevertException.Rule.LIQUIDITY_SUB,
                () -> LiquidityMath.addDelta(BigInteger.valueOf(3), BigInteger.valueOf(-4)));
        V3RevertException e = assertThrows(
                V3RevertException.class, () -> LiquidityMath.addDelta(BigInteger.ZERO, BigInteger.ONE.negate()));
        assertEquals("LS", e.code());
        assertThrows(
                ValidationException.class, () -> LiquidityMath.addDelta(BigInteger.ONE, BigInteger.ONE.shiftLeft(127)));
    }
}

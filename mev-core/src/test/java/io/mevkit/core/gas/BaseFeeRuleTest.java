package io.mevkit.core.gas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Chains;
import io.mevkit.core.FeeMarket;
import io.mevkit.core.ValidationException;
import io.mevkit.core.gas.BaseFeeRule.Direction;
import io.mevkit.core.gas.BaseFeeRule.Step;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class BaseFeeRuleTest {
    private static final FeeMarket.Eip1559 ETH = (FeeMarket.Eip1559) Chains.ETHEREUM.feeMarket();
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);

    @Test
    void aFullEthereumBlockRaisesTheBaseFeeByOneEighth() {
        Step step = BaseFeeRule.next(ETH, GWEI, 30_000_000, 30_000_000);
        assertEquals(new BigInteger("1125000000"), step.baseFee());
        assertEquals(Direction.INCREASE, step.direction());
        assertEquals(new BigInteger("125000000"), step.rawDelta());
        assertFalse(step.flooredToOneWei());
    }

    @Test
    void anEmptyEthereumBlockLowersTheBaseFeeByOneEighth() {
        Step step = BaseFeeRule.next(ETH, GWEI, 0, 30_000_000);
        assertEquals(new BigInteger("875000000"), step.baseFee());
        assertEquals(Direction.DECREASE, step.direction());
    }

    @Test
    void gasUsedAtTheTargetKeepsTheBaseFee() {
        Step step = BaseFeeRule.next(ETH, GWEI, 15_000_000, 30_000_000);
        assertEquals(GWEI, step.baseFee());
        assertEquals(Direction.UNCHANGED, step.direction());
    }

    @Test
    void anIncreaseWhoseQuotientIsZeroIsLiftedToOneWei() {
        // target 31_500; 42_000 used: 7 * 10_500 / 31_500 / 8 = 0, so max(0, 1) = 1
        Step step = BaseFeeRule.next(ETH, BigInteger.valueOf(7), 42_000, 63_000);
        assertEquals(BigInteger.ZERO, step.rawDelta());
        assertEquals(BigInteger.ONE, step.delta());
        assertEquals(BigInteger.valueOf(8), step.baseFee());
        assertTrue(step.flooredToOneWei());
    }

    @Test
    void aDecreaseWhoseQuotientIsZeroLeavesTheBaseFee() {
        Step step = BaseFeeRule.next(ETH, BigInteger.valueOf(7), 21_000, 63_000);
        assertEquals(Direction.DECREASE, step.direction());
        assertEquals(BigInteger.ZERO, step.delta());
        assertEquals(BigInteger.valueOf(7), step.baseFee());
        assertFalse(step.flooredToOneWei());
    }

    @Test
    void theChainsOwnParametersApply() {
        // OP Stack before Holocene (empty extraData): target = 30M / 6 = 5M; a full block: 1e6 * 25M / 5M / 250
        Step op = BaseFeeRule.nextOpStack(
                (FeeMarket.OpStack) Chains.OPTIMISM.feeMarket(),
                BigInteger.valueOf(1_000_000),
                30_000_000,
                30_000_000,
                "0x");
        assertEquals(BigInteger.valueOf(1_020_000), op.baseFee());
        // Polygon: target 15M, denominator 64: 64e9 * 15M / 15M / 64 = 1e9
        Step polygon = BaseFeeRule.next(
                (FeeMarket.Eip1559) Chains.POLYGON.feeMarket(),
                BigInteger.valueOf(64).multiply(GWEI),
                30_000_000,
                30_000_000);
        assertEquals(BigInteger.valueOf(65).multiply(GWEI), polygon.baseFee());
    }

    @Test
    void integerDivisionTruncatesEachQuotient() {
        // 1_000_000_007 * 1 / 15_000_000 / 8 = 66.67 / 8 -> 66 / 8 = 8
        Step step = BaseFeeRule.next(ETH, BigInteger.valueOf(1_000_000_007), 15_000_001, 30_000_000);
        assertEquals(BigInteger.valueOf(8), step.rawDelta());
        assertEquals(BigInteger.valueOf(1_000_000_015), step.baseFee());
    }

    @Test
    void baseFeesBeyondALongStayExact() {
        BigInteger huge = BigInteger.TWO.pow(200);
        Step step = BaseFeeRule.next(ETH, huge, 30_000_000, 30_000_000);
        assertEquals(huge.add(huge.shiftRight(3)), step.baseFee());
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        ValidationException over = assertThrows(ValidationException.class, () -> BaseFeeRule.next(ETH, GWEI, 31, 30));
        assertEquals("parentGasUsed", over.field());
        ValidationException zeroTarget =
                assertThrows(ValidationException.class, () -> BaseFeeRule.next(ETH, GWEI, 0, 1));
        assertEquals("parentGasLimit", zeroTarget.field());
        ValidationException negative =
                assertThrows(ValidationException.class, () -> BaseFeeRule.next(ETH, BigInteger.valueOf(-1), 0, 30));
        assertEquals("parentBaseFee", negative.field());
    }

    /** Against an independent reading of the rule: one exact rational per step, floored once. */
    @Property(tries = 500)
    void matchesTheRuleWrittenAsOneFloor(
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long parentBaseFee,
            @ForAll @LongRange(min = 2, max = 60_000_000) long gasLimit,
            @ForAll @IntRange(min = 0, max = 1000) int usedPermille,
            @ForAll @IntRange(min = 1, max = 8) int elasticity,
            @ForAll @IntRange(min = 1, max = 300) int denominator) {
        long target = gasLimit / elasticity;
        if (target == 0) {
            return;
        }
        long used = gasLimit * usedPermille / 1000;
        Step step = BaseFeeRule.next(
                FeeMarket.eip1559(elasticity, denominator), BigInteger.valueOf(parentBaseFee), used, gasLimit);
        BigInteger base = BigInteger.valueOf(parentBaseFee);
        BigInteger scale = BigInteger.valueOf(target).multiply(BigInteger.valueOf(denominator));
        BigInteger expected;
        if (used > target) {
            BigInteger d = base.multiply(BigInteger.valueOf(used - target)).divide(scale);
            expected = base.add(d.signum() == 0 ? BigInteger.ONE : d);
        } else {
            expected = base.subtract(
                    base.multiply(BigInteger.valueOf(target - used)).divide(scale));
        }
        assertEquals(expected, step.baseFee());
    }

    @Test
    void medianOfPriorityFeesIsAFeeSomeBlockPaid() {
        PriorityFees fees = new PriorityFees(
                10,
                List.of(25.0, 75.0),
                List.of(
                        List.of(BigInteger.valueOf(5), BigInteger.valueOf(50)),
                        List.of(BigInteger.valueOf(1), BigInteger.valueOf(70)),
                        List.of(BigInteger.valueOf(3), BigInteger.valueOf(60)),
                        List.of(BigInteger.valueOf(9), BigInteger.valueOf(40))));
        assertEquals(List.of(BigInteger.valueOf(3), BigInteger.valueOf(50)), fees.medians());
        assertEquals(List.of(), new PriorityFees(10, List.of(50.0), List.of()).medians());
        assertThrows(
                ValidationException.class,
                () -> new PriorityFees(1, List.of(50.0), List.of(List.of(BigInteger.ONE, BigInteger.TWO))));
    }
}

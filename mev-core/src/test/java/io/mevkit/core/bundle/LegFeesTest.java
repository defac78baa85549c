package io.mevkit.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LegFeesTest {
    private static final BribeSchedule SCHEDULE = new BribeSchedule(1_000, 2_000, 5_000);
    private static final BigInteger GROSS = BigInteger.valueOf(3_000_000_000_000_000L); // 0.003 ETH
    private static final long GAS = 240_000;
    private static final BigInteger BASE_FEE = BigInteger.valueOf(7_000_000_000L);

    @Test
    void withoutACapTheTipIsTheSchedulesShareOverTheGasAndTheCapLeavesRoomForOneBaseFeeRise() {
        LegFees fees = LegFees.of(SCHEDULE, 0, GROSS, GAS, BASE_FEE, Optional.empty());
        // 10 % of 3e15 = 3e14 over 240 000 gas = 1 250 000 000 wei per gas exactly
        assertEquals(BigInteger.valueOf(1_250_000_000L), fees.tip());
        assertEquals(BigInteger.valueOf(15_250_000_000L), fees.maxFeePerGas());
        // 3e15 − (7e9 + 1.25e9) × 240 000 = 3e15 − 1.98e15
        assertEquals(BigInteger.valueOf(1_020_000_000_000_000L), fees.netWei());
    }

    @Test
    void laterAttemptsPayMoreUpToTheSchedulesCapAndTheTipRoundsDown() {
        BigInteger gross = BigInteger.valueOf(1_000_000_000_000_001L);
        assertEquals(
                gross.multiply(BigInteger.valueOf(3_000))
                        .divide(BigInteger.valueOf(10_000))
                        .divide(BigInteger.valueOf(GAS)),
                LegFees.of(SCHEDULE, 1, gross, GAS, BASE_FEE, Optional.empty()).tip());
        BigInteger capped =
                LegFees.of(SCHEDULE, 9, gross, GAS, BASE_FEE, Optional.empty()).tip();
        assertEquals(gross.divide(BigInteger.TWO).divide(BigInteger.valueOf(GAS)), capped);
        assertTrue(capped.multiply(BigInteger.valueOf(GAS)).compareTo(gross.divide(BigInteger.TWO)) <= 0);
    }

    @Test
    void aConfiguredCapIsTheLegsCapAndCutsTheTipToTheRoomAboveTheBaseFee() {
        BigInteger cap = BASE_FEE.add(BigInteger.valueOf(500_000_000L));
        LegFees fees = LegFees.of(SCHEDULE, 0, GROSS, GAS, BASE_FEE, Optional.of(cap));
        assertEquals(BigInteger.valueOf(500_000_000L), fees.tip());
        assertEquals(cap, fees.maxFeePerGas());
        assertEquals(GROSS.subtract(cap.multiply(BigInteger.valueOf(GAS))), fees.netWei());

        LegFees roomy = LegFees.of(SCHEDULE, 0, GROSS, GAS, BASE_FEE, Optional.of(BASE_FEE.multiply(BigInteger.TEN)));
        assertEquals(BigInteger.valueOf(1_250_000_000L), roomy.tip(), "a cap with room leaves the schedule's tip");

        LegFees atBase = LegFees.of(SCHEDULE, 0, GROSS, GAS, BASE_FEE, Optional.of(BASE_FEE));
        assertEquals(BigInteger.ZERO, atBase.tip());
    }

    @Test
    void gasAboveTheGrossProfitLeavesANegativeNet() {
        LegFees fees = LegFees.of(SCHEDULE, 0, BigInteger.valueOf(1_000), GAS, BASE_FEE, Optional.empty());
        assertEquals(BigInteger.ZERO, fees.tip());
        assertEquals(BigInteger.valueOf(1_000).subtract(BASE_FEE.multiply(BigInteger.valueOf(GAS))), fees.netWei());
    }

    @Test
    void aCapBelowTheBaseFeeIsRefusedNamingTheField() {
        ValidationException e = assertThrows(
                ValidationException.class,
                () -> LegFees.of(SCHEDULE, 0, GROSS, GAS, BASE_FEE, Optional.of(BASE_FEE.subtract(BigInteger.ONE))));
        assertEquals("maxFeePerGas", e.field());
    }
}

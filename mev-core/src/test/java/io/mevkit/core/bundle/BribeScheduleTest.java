package io.mevkit.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class BribeScheduleTest {
    @Test
    void theShareRisesPerBlockUpToTheCapAndTheTipRoundsDown() {
        BribeSchedule s = new BribeSchedule(5_000, 1_500, 8_000);
        assertEquals(5_000, s.shareBps(0));
        assertEquals(6_500, s.shareBps(1));
        assertEquals(8_000, s.shareBps(2));
        assertEquals(8_000, s.shareBps(Integer.MAX_VALUE));
        BigInteger profit = new BigInteger("1000000000000000007");
        assertEquals(new BigInteger("650000000000000004"), s.payment(1, profit));
        // 650000000000000004 / 250000 = 2600000000000.000016: rounded down, the payment never exceeds the share
        BigInteger tip = s.tipPerGas(1, profit, 250_000);
        assertEquals(new BigInteger("2600000000000"), tip);
        assertTrue(tip.multiply(BigInteger.valueOf(250_000)).compareTo(s.payment(1, profit)) <= 0);
    }

    @Test
    void badSchedulesAndInputsAreRefused() {
        assertThrows(ValidationException.class, () -> new BribeSchedule(9_000, 0, 8_000));
        assertThrows(ValidationException.class, () -> new BribeSchedule(0, 0, 10_001));
        assertThrows(ValidationException.class, () -> new BribeSchedule(-1, 0, 100));
        BribeSchedule s = new BribeSchedule(0, 10, 100);
        assertThrows(ValidationException.class, () -> s.shareBps(-1));
        assertThrows(ValidationException.class, () -> s.tipPerGas(0, BigInteger.ONE, 0));
        assertThrows(ValidationException.class, () -> s.payment(0, BigInteger.ONE.negate()));
    }
}

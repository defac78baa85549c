package io.mevkit.core.sandwich.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class IntSqrtTest {

    @Property(tries = 2000)
    void floorSqrtMatchesTheJdkOnNumbersUpTo400Bits(@ForAll @IntRange(min = 1, max = 400) int bits, @ForAll long salt) {
        BigInteger n = new BigInteger(bits, new java.util.Random(salt));
        assertEquals(n.sqrt(), IntSqrt.floorSqrt(n), n.toString());
    }

    @Property(tries = 1000)
    void perfectSquaresAndTheirNeighbours(
            @ForAll
                    @BigRange(
                            min = "1",
                            max =
                                    "1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")
                    BigInteger r) {
        BigInteger square = r.multiply(r);
        assertEquals(r, IntSqrt.floorSqrt(square));
        assertEquals(r.subtract(BigInteger.ONE), IntSqrt.floorSqrt(square.subtract(BigInteger.ONE)));
        assertEquals(r, IntSqrt.floorSqrt(square.add(r).add(r)));
    }

    @Test
    void zeroAndNegative() {
        assertEquals(BigInteger.ZERO, IntSqrt.floorSqrt(BigInteger.ZERO));
        assertThrows(ArithmeticException.class, () -> IntSqrt.floorSqrt(BigInteger.valueOf(-1)));
    }
}

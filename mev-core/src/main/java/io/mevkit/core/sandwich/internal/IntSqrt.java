package io.mevkit.core.sandwich.internal;

import java.math.BigInteger;

/**
 * Exact integer square root, {@code floor(sqrt(n))}, by Newton's iteration seeded from a floating-point estimate of
 * the leading bits. The seed only decides where the iteration starts; the result is verified in integers, so it is
 * exact for every {@code n}. On the 250–350-bit discriminants of sandwich sizing this takes two or three divisions,
 * where JDK 17's {@code BigInteger.sqrt} is several times slower. Stateless and thread-safe.
 */
public final class IntSqrt {
    private IntSqrt() {}

    public static BigInteger floorSqrt(BigInteger n) {
        int sign = n.signum();
        if (sign < 0) {
            throw new ArithmeticException("square root of a negative number");
        }
        if (sign == 0) {
            return BigInteger.ZERO;
        }
        int bits = n.bitLength();
        if (bits <= 62) {
            return BigInteger.valueOf(floorSqrt(n.longValue()));
        }
        // keep an even shift so that sqrt(n >> shift) << shift/2 approximates sqrt(n)
        int shift = Math.max(0, (bits - 100) & ~1);
        double top = n.shiftRight(shift).doubleValue();
        // the double estimate is good to a relative 2^-52 or so; a 2^-50 margin puts it safely above the root
        BigInteger x = BigInteger.valueOf((long) Math.ceil(Math.sqrt(top) * (1 + 0x1p-50)) + 1)
                .shiftLeft(shift / 2);
        // Newton from above stays at or above floor(sqrt(n)) and doubles the correct bits per step: 50, 100, 200 …
        int rootBits = (bits + 1) / 2;
        for (int precision = 50; precision < rootBits + 2; precision *= 2) {
            x = x.add(n.divide(x)).shiftRight(1);
        }
        // what is left is at most a unit or two of rounding, always from above
        while (x.multiply(x).compareTo(n) > 0) {
            x = x.subtract(BigInteger.ONE);
        }
        return x;
    }

    /** {@code floor(sqrt(n))} for {@code 0 <= n < 2^62}. */
    static long floorSqrt(long n) {
        long r = (long) Math.sqrt((double) n);
        while (r * r > n) {
            r--;
        }
        while ((r + 1) * (r + 1) <= n) {
            r++;
        }
        return r;
    }
}

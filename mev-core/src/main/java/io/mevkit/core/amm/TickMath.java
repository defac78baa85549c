package io.mevkit.core.amm;

import io.mevkit.core.amm.V3RevertException.Rule;
import java.math.BigInteger;

/**
 * Uniswap v3-core's {@code TickMath}, bit for bit: the Q64.96 square-root price {@code sqrt(1.0001^tick) * 2^96} of a
 * tick from the contract's fixed table of 20 constants, and the greatest tick whose price is at most a given price.
 *
 * <p>The 128-bit fixed-point products run on pairs of {@code long}s (the contract's {@code uint256} values here never
 * exceed 256 bits in a product of two 128-bit factors), so neither direction allocates more than its result. Stateless
 * and thread-safe.
 */
public final class TickMath {
    /** The smallest tick: {@code log_1.0001(2^-128)} rounded toward zero. */
    public static final int MIN_TICK = -887272;
    /** The largest tick. */
    public static final int MAX_TICK = 887272;
    /** {@code getSqrtRatioAtTick(MIN_TICK)}: the smallest sqrt price a pool can hold. */
    public static final BigInteger MIN_SQRT_RATIO = new BigInteger("4295128739");
    /** {@code getSqrtRatioAtTick(MAX_TICK)}: an exclusive upper bound of a pool's sqrt price. */
    public static final BigInteger MAX_SQRT_RATIO = new BigInteger("1461446703485210103287273052203988822378723970342");

    /*
     * The contract's constants: for bit 0x1 the start value (used when the bit is set; 2^128 otherwise), and for bits
     * 0x2 through 0x80000 the Q128.128 multipliers sqrt(1.0001^-bit). Written exactly as in TickMath.sol.
     */
    private static final String[] CONSTANTS = {
        "fffcb933bd6fad37aa2d162d1a594001", // 0x1
        "fff97272373d413259a46990580e213a", // 0x2
        "fff2e50f5f656932ef12357cf3c7fdcc", // 0x4
        "ffe5caca7e10e4e61c3624eaa0941cd0", // 0x8
        "ffcb9843d60f6159c9db58835c926644", // 0x10
        "ff973b41fa98c081472e6896dfb254c0", // 0x20
        "ff2ea16466c96a3843ec78b326b52861", // 0x40
        "fe5dee046a99a2a811c461f1969c3053", // 0x80
        "fcbe86c7900a88aedcffc83b479aa3a4", // 0x100
        "f987a7253ac413176f2b074cf7815e54", // 0x200
        "f3392b0822b70005940c7a398e4b70f3", // 0x400
        "e7159475a2c29b7443b29c7fa6e889d9", // 0x800
        "d097f3bdfd2022b8845ad8f792aa5825", // 0x1000
        "a9f746462d870fdf8a65dc1f90e061e5", // 0x2000
        "70d869a156d2a1b890bb3df62baf32f7", // 0x4000
        "31be135f97d08fd981231505542fcfa6", // 0x8000
        "9aa508b5b7a84e1c677de54f3e99bc9", // 0x10000
        "5d6af8dedb81196699c329225ee604", // 0x20000
        "2216e584f5fa1ea926041bedfe98", // 0x40000
        "48a170391f7dc42444e8fa2", // 0x80000
    };

    private static final long[] HI = new long[CONSTANTS.length];
    private static final long[] LO = new long[CONSTANTS.length];

    static {
        for (int i = 0; i < CONSTANTS.length; i++) {
            BigInteger c = new BigInteger(CONSTANTS[i], 16);
            HI[i] = c.shiftRight(64).longValue();
            LO[i] = c.longValue();
        }
    }

    private static final BigInteger MAX_UINT256 = V3Inputs.TWO_256.subtract(BigInteger.ONE);

    // getTickAtSqrtRatio's constants: log_sqrt(1.0001)(2) in Q128.128 (K), and the offsets C1, C2 of tickLow, tickHi
    private static final BigInteger K = new BigInteger("255738958999603826347141");
    private static final BigInteger C1 = new BigInteger("3402992956809132418596140100660247210");
    private static final BigInteger C2 = new BigInteger("291339464771989622907027621153398088495");
    private static final long K_HI = K.shiftRight(64).longValueExact();
    private static final long K_LO = K.longValue();
    // C1 >> 50, plus one when C1's low 50 bits are not zero (then floor(x - f) = floor(x - 1) for 0 < f < 1)
    private static final BigInteger LOW_OFFSET =
            C1.shiftRight(50).add(C1.getLowestSetBit() < 50 ? BigInteger.ONE : BigInteger.ZERO);
    private static final long LOW_OFFSET_HI = LOW_OFFSET.shiftRight(64).longValueExact();
    private static final long LOW_OFFSET_LO = LOW_OFFSET.longValue();
    private static final long HIGH_OFFSET_HI = C2.shiftRight(50).shiftRight(64).longValueExact();
    private static final long HIGH_OFFSET_LO = C2.shiftRight(50).longValue();

    private TickMath() {}

    /**
     * {@code sqrt(1.0001^tick) * 2^96} as the contract computes it (rounded up from Q128.128).
     *
     * @throws V3RevertException {@code T} when {@code |tick| > MAX_TICK}
     */
    public static BigInteger getSqrtRatioAtTick(int tick) {
        if (tick < MIN_TICK || tick > MAX_TICK) {
            throw new V3RevertException(Rule.TICK_OUT_OF_RANGE, "tick=" + tick);
        }
        int absTick = Math.abs(tick);
        // ratio is a Q128.128 value; "two128" stands for the start value 2^128, which does not fit 128 bits
        long hi;
        long lo;
        boolean two128;
        long[] product = new long[4];
        if ((absTick & 1) != 0) {
            hi = HI[0];
            lo = LO[0];
            two128 = false;
        } else {
            hi = 0;
            lo = 0;
            two128 = true;
        }
        for (int bit = 1; bit < CONSTANTS.length; bit++) {
            if ((absTick & (1 << bit)) != 0) {
                if (two128) {
                    // (2^128 * c) >> 128 == c
                    hi = HI[bit];
                    lo = LO[bit];
                    two128 = false;
                } else {
                    // ratio = (ratio * c) >> 128
                    multiply128(hi, lo, HI[bit], LO[bit], product);
                    hi = product[3];
                    lo = product[2];
                }
            }
        }
        if (tick > 0) {
            BigInteger ratio = two128 ? BigInteger.ONE.shiftLeft(128) : unsigned128(hi, lo);
            ratio = MAX_UINT256.divide(ratio);
            BigInteger shifted = ratio.shiftRight(32);
            return ratio.getLowestSetBit() < 32 ? shifted.add(BigInteger.ONE) : shifted;
        }
        if (two128) {
            return BigInteger.ONE.shiftLeft(96); // tick 0
        }
        // (ratio >> 32) + (ratio % 2^32 == 0 ? 0 : 1), on 128 bits
        long rh = hi >>> 32;
        long rl = (hi << 32) | (lo >>> 32);
        if ((lo & 0xffffffffL) != 0) {
            rl++;
            if (rl == 0) {
                rh++;
            }
        }
        return unsigned128(rh, rl);
    }

    /**
     * The greatest tick whose {@link #getSqrtRatioAtTick sqrt ratio} is at most {@code sqrtPriceX96}.
     *
     * @throws V3RevertException {@code R} unless {@code MIN_SQRT_RATIO <= sqrtPriceX96 < MAX_SQRT_RATIO}
     */
    public static int getTickAtSqrtRatio(BigInteger sqrtPriceX96) {
        if (sqrtPriceX96.compareTo(MIN_SQRT_RATIO) < 0 || sqrtPriceX96.compareTo(MAX_SQRT_RATIO) >= 0) {
            throw new V3RevertException(Rule.SQRT_RATIO_OUT_OF_RANGE, "sqrtPriceX96=" + sqrtPriceX96);
        }
        // ratio = sqrtPriceX96 << 32 (a Q128.128); msb is its most significant bit
        int bits = sqrtPriceX96.bitLength(); // 33..160
        int msb = bits + 31;
        // r = ratio normalised so that its top bit is bit 127 (what the contract's shifts produce)
        long rh;
        long rl;
        if (bits <= 128) {
            long w0 = sqrtPriceX96.longValue();
            long w1 = bits > 64 ? sqrtPriceX96.shiftRight(64).longValue() : 0L;
            int shift = 128 - bits; // 0..95
            if (shift == 0) {
                rh = w1;
                rl = w0;
            } else if (shift < 64) {
                rh = (w1 << shift) | (w0 >>> (64 - shift));
                rl = w0 << shift;
            } else {
                rh = w0 << (shift - 64);
                rl = 0;
            }
        } else {
            BigInteger top = sqrtPriceX96.shiftRight(bits - 128); // drops at most 32 bits, as the contract does
            rh = top.shiftRight(64).longValue();
            rl = top.longValue();
        }

        long frac = 0; // bits 63..50 of log_2's fractional part
        long[] product = new long[4];
        for (int bit = 63; bit >= 50; bit--) {
            // r := (r * r) >> 127; f := r >> 128; r := r >> f
            square128(rh, rl, product);
            long p3 = product[3];
            long p2 = product[2];
            if (p3 < 0) { // bit 255 of the product, i.e. bit 128 after the shift by 127
                frac |= 1L << bit;
                rh = p3;
                rl = p2;
            } else {
                long p1 = product[1];
                rh = (p3 << 1) | (p2 >>> 63);
                rl = (p2 << 1) | (p1 >>> 63);
            }
        }
        // log_2 = (msb - 128) << 64 | frac has its low 50 bits zero: log_2 = L << 50 with L a small long
        long l = ((long) (msb - 128) << 14) | (frac >>> 50);
        // log_sqrt10001 = log_2 * K = Q << 50 with Q = L * K, a signed 128-bit value (qh:ql)
        long ql = l * K_LO;
        long qh = Math.multiplyHigh(l, K_LO) + ((K_LO >> 63) & l) + l * K_HI;
        // tickLow = (Q * 2^50 - C1) >> 128 = (Q - (C1 >> 50) - [C1 has low bits]) >> 78
        long lowLo = ql - LOW_OFFSET_LO;
        long lowHi = qh - LOW_OFFSET_HI - (Long.compareUnsigned(ql, LOW_OFFSET_LO) < 0 ? 1 : 0);
        int tickLow = (int) (lowHi >> 14);
        // tickHi = (Q * 2^50 + C2) >> 128 = (Q + (C2 >> 50)) >> 78: C2's low 50 bits never carry past 2^78
        long highLo = ql + HIGH_OFFSET_LO;
        long highHi = qh + HIGH_OFFSET_HI + (Long.compareUnsigned(highLo, ql) < 0 ? 1 : 0);
        int tickHigh = (int) (highHi >> 14);
        if (tickLow == tickHigh) {
            return tickLow;
        }
        return getSqrtRatioAtTick(tickHigh).compareTo(sqrtPriceX96) <= 0 ? tickHigh : tickLow;
    }

    /** An unsigned 128-bit value from two 64-bit halves. */
    static BigInteger unsigned128(long hi, long lo) {
        if (hi == 0 && lo >= 0) {
            return BigInteger.valueOf(lo);
        }
        byte[] bytes = new byte[17]; // a leading zero byte keeps the value non-negative
        for (int i = 0; i < 8; i++) {
            bytes[1 + i] = (byte) (hi >>> (56 - 8 * i));
            bytes[9 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return new BigInteger(bytes);
    }

    /** The high 64 bits of the unsigned 128-bit product of {@code a} and {@code b} (Java 17 lacks the method). */
    static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /**
     * The 256-bit product of two unsigned 128-bit values {@code (ah:al) * (bh:bl)} into {@code out} as four 64-bit
     * words, least significant first.
     */
    static void multiply128(long ah, long al, long bh, long bl, long[] out) {
        long llLo = al * bl;
        long llHi = unsignedMultiplyHigh(al, bl);
        long lhLo = al * bh;
        long lhHi = unsignedMultiplyHigh(al, bh);
        long hlLo = ah * bl;
        long hlHi = unsignedMultiplyHigh(ah, bl);
        long hhLo = ah * bh;
        long hhHi = unsignedMultiplyHigh(ah, bh);

        long w1 = llHi + lhLo;
        long carry1 = Long.compareUnsigned(w1, llHi) < 0 ? 1 : 0;
        long w1b = w1 + hlLo;
        carry1 += Long.compareUnsigned(w1b, w1) < 0 ? 1 : 0;

        long w2 = lhHi + hlHi;
        long carry2 = Long.compareUnsigned(w2, lhHi) < 0 ? 1 : 0;
        long w2b = w2 + hhLo;
        carry2 += Long.compareUnsigned(w2b, w2) < 0 ? 1 : 0;
        long w2c = w2b + carry1;
        carry2 += Long.compareUnsigned(w2c, w2b) < 0 ? 1 : 0;

        out[0] = llLo;
        out[1] = w1b;
        out[2] = w2c;
        out[3] = hhHi + carry2;
    }

    /** {@link #multiply128} of a value by itself, with the cross product computed once. */
    static void square128(long ah, long al, long[] out) {
        long loLo = al * al;
        long loHi = unsignedMultiplyHigh(al, al);
        long crossLo = ah * al;
        long crossHi = unsignedMultiplyHigh(ah, al);
        long hiLo = ah * ah;
        long hiHi = unsignedMultiplyHigh(ah, ah);
        // the cross term counts twice: shift it left by one bit (into three words)
        long d1 = crossLo << 1;
        long d2 = (crossHi << 1) | (crossLo >>> 63);
        long d3 = crossHi >>> 63;

        long w1 = loHi + d1;
        long carry1 = Long.compareUnsigned(w1, loHi) < 0 ? 1 : 0;
        long w2 = hiLo + d2;
        long carry2 = Long.compareUnsigned(w2, hiLo) < 0 ? 1 : 0;
        long w2b = w2 + carry1;
        carry2 += Long.compareUnsigned(w2b, w2) < 0 ? 1 : 0;

        out[0] = loLo;
        out[1] = w1;
        out[2] = w2b;
        out[3] = hiHi + d3 + carry2;
    }
}

package io.mevkit.core.amm;

import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Uniswap v3-core's {@code TickBitmap}: which ticks are initialized, in words of 256 compressed ticks
 * ({@code compressed = floor(tick / tickSpacing)}, rounding toward negative infinity), and the search for the next
 * initialized tick within one word that drives each step of a swap.
 *
 * <p>Immutable and thread-safe. Kept as a sorted array of compressed ticks: a search is a binary search and never
 * allocates.
 */
public final class TickBitmap {
    private static final TickBitmap EMPTY = new TickBitmap(new int[0]);

    private final int[] compressed; // sorted, distinct

    private TickBitmap(int[] compressed) {
        this.compressed = compressed;
    }

    /** The bitmap with no initialized tick. */
    public static TickBitmap empty() {
        return EMPTY;
    }

    /**
     * The bitmap of the given initialized ticks.
     *
     * @throws ValidationException when a tick is not a multiple of {@code tickSpacing} (the contract's
     *     {@code flipTick} requires it) or lies outside [MIN_TICK, MAX_TICK]
     */
    public static TickBitmap ofTicks(int tickSpacing, int... ticks) {
        requireSpacing(tickSpacing);
        int[] c = new int[ticks.length];
        for (int i = 0; i < ticks.length; i++) {
            int tick = ticks[i];
            if (tick < TickMath.MIN_TICK || tick > TickMath.MAX_TICK) {
                throw V3Inputs.invalid("ticks[" + i + "]", tick, "must be within [MIN_TICK, MAX_TICK]");
            }
            if (tick % tickSpacing != 0) {
                throw V3Inputs.invalid(
                        "ticks[" + i + "]", tick, "must be a multiple of the tick spacing " + tickSpacing);
            }
            c[i] = tick / tickSpacing;
        }
        return ofCompressed(c);
    }

    /**
     * The bitmap from its words as the pool's {@code tickBitmap(int16)} returns them; absent words are empty.
     *
     * @throws ValidationException when a key is not an int16 or a word not a uint256
     */
    public static TickBitmap ofWords(Map<Integer, BigInteger> words) {
        TreeSet<Integer> set = new TreeSet<>();
        for (Map.Entry<Integer, BigInteger> e : words.entrySet()) {
            int wordPos = Objects.requireNonNull(e.getKey(), "wordPos");
            if (wordPos < Short.MIN_VALUE || wordPos > Short.MAX_VALUE) {
                throw V3Inputs.invalid("wordPos", wordPos, "must be an int16");
            }
            BigInteger word = V3Inputs.requireUint("words[" + wordPos + "]", e.getValue(), 256);
            for (int bit = word.getLowestSetBit(); bit >= 0; bit = word.getLowestSetBit()) {
                set.add(wordPos * 256 + bit);
                word = word.clearBit(bit);
            }
        }
        return ofCompressed(set.stream().mapToInt(Integer::intValue).toArray());
    }

    static TickBitmap ofCompressed(int[] compressedTicks) {
        int[] c = compressedTicks.clone();
        Arrays.sort(c);
        for (int i = 1; i < c.length; i++) {
            if (c[i] == c[i - 1]) {
                throw V3Inputs.invalid("ticks", c[i], "must not repeat (compressed tick)");
            }
        }
        return c.length == 0 ? EMPTY : new TickBitmap(c);
    }

    static void requireSpacing(int tickSpacing) {
        // the factory enables spacings in (0, 16384)
        if (tickSpacing <= 0 || tickSpacing >= 16384) {
            throw V3Inputs.invalid("tickSpacing", tickSpacing, "must be in [1, 16383]");
        }
    }

    /** The word the contract keeps for {@code wordPos} (bit {@code i} set when compressed tick 256·wordPos+i is). */
    public BigInteger word(int wordPos) {
        BigInteger word = BigInteger.ZERO;
        int from = lowerBound(wordPos * 256);
        for (int i = from; i < compressed.length && compressed[i] < wordPos * 256 + 256; i++) {
            word = word.setBit(compressed[i] - wordPos * 256);
        }
        return word;
    }

    /** Whether {@code tick} (a multiple of {@code tickSpacing}) is initialized. */
    public boolean isInitialized(int tick, int tickSpacing) {
        return tick % tickSpacing == 0 && Arrays.binarySearch(compressed, tick / tickSpacing) >= 0;
    }

    /** The number of initialized ticks. */
    public int size() {
        return compressed.length;
    }

    /**
     * The next tick to the left ({@code lte}: at or below {@code tick}) or right (above {@code tick}) within the
     * word of the starting compressed tick, as {@code nextInitializedTickWithinOneWord} returns it: an initialized tick
     * if the word has one in that direction, else the word's last tick in that direction (not initialized).
     */
    public Next nextInitializedTickWithinOneWord(int tick, int tickSpacing, boolean lte) {
        requireSpacing(tickSpacing);
        long found = next(tick, tickSpacing, lte);
        return new Next(nextTick(found), nextIndex(found) >= 0);
    }

    /** The result of {@link #nextInitializedTickWithinOneWord}. */
    public record Next(int tick, boolean initialized) {}

    /** The word position a search from {@code tick} reads: the contract's {@code position(compressed [+ 1])}. */
    static int searchedWord(int tick, int tickSpacing, boolean lte) {
        int c = Math.floorDiv(tick, tickSpacing);
        return (lte ? c : c + 1) >> 8;
    }

    /**
     * The search without allocation: the next tick in the high 32 bits and, in the low 32 bits, the index of the
     * initialized tick in the sorted array (or -1).
     */
    long next(int tick, int tickSpacing, boolean lte) {
        int c = Math.floorDiv(tick, tickSpacing); // rounds toward negative infinity for negative non-multiples
        if (lte) {
            int wordStart = (c >> 8) << 8;
            int i = Arrays.binarySearch(compressed, c);
            int candidate = i >= 0 ? i : -i - 2; // the largest entry <= c
            if (candidate >= 0 && compressed[candidate] >= wordStart) {
                return encode(compressed[candidate] * tickSpacing, candidate);
            }
            return encode(wordStart * tickSpacing, -1);
        }
        int start = c + 1;
        int wordEnd = ((start >> 8) << 8) + 255;
        int idx = lowerBound(start); // the smallest entry >= c + 1
        if (idx < compressed.length && compressed[idx] <= wordEnd) {
            return encode(compressed[idx] * tickSpacing, idx);
        }
        return encode(wordEnd * tickSpacing, -1);
    }

    static int nextTick(long found) {
        return (int) (found >> 32);
    }

    static int nextIndex(long found) {
        return (int) found;
    }

    private static long encode(int tick, int index) {
        return ((long) tick << 32) | (index & 0xffffffffL);
    }

    private int lowerBound(int value) {
        int i = Arrays.binarySearch(compressed, value);
        return i >= 0 ? i : -i - 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TickBitmap other && Arrays.equals(compressed, other.compressed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(compressed);
    }

    @Override
    public String toString() {
        return "TickBitmap" + Arrays.toString(compressed);
    }
}

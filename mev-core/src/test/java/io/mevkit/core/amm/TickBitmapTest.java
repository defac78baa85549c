package io.mevkit.core.amm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TickBitmapTest {
    // v3-core test/TickBitmap.spec.ts initialises these ticks with spacing 1
    private static final TickBitmap SPEC = TickBitmap.ofTicks(1, -200, -55, -4, 70, 78, 84, 139, 240, 535);

    @Test
    void searchesRightAsTheV3CoreSpec() {
        assertNext(84, true, SPEC, 78, false);
        assertNext(-4, true, SPEC, -55, false);
        assertNext(78, true, SPEC, 77, false);
        assertNext(-55, true, SPEC, -56, false);
        assertNext(511, false, SPEC, 255, false);
        assertNext(-200, true, SPEC, -257, false);
        assertNext(511, false, SPEC, 508, false);
        assertNext(511, false, SPEC, 383, false);
        TickBitmap with340 = TickBitmap.ofTicks(1, -200, -55, -4, 70, 78, 84, 139, 240, 340, 535);
        assertNext(340, true, with340, 328, false);
    }

    @Test
    void searchesLeftAsTheV3CoreSpec() {
        assertNext(78, true, SPEC, 78, true);
        assertNext(78, true, SPEC, 79, true);
        assertNext(256, false, SPEC, 258, true);
        assertNext(256, false, SPEC, 256, true);
        assertNext(70, true, SPEC, 72, true);
        assertNext(-512, false, SPEC, -257, true);
        assertNext(768, false, SPEC, 1023, true);
        assertNext(768, false, SPEC, 900, true);
        TickBitmap with329 = TickBitmap.ofTicks(1, -200, -55, -4, 70, 78, 84, 139, 240, 329, 535);
        assertNext(329, true, with329, 456, true);
    }

    @Test
    void compressesNegativeTicksTowardNegativeInfinity() {
        // spacing 60: tick -1 is compressed to -1 (not 0), so a search left from it never sees tick 0
        TickBitmap bitmap = TickBitmap.ofTicks(60, 0, -60);
        assertNext(-60, true, bitmap, 60, -1, true);
        assertNext(0, true, bitmap, 60, -1, false);
        assertNext(0, true, bitmap, 60, 0, true);
        // -61 is compressed to -2: nothing at or below it in word -1, so the search stops at the word's start
        assertNext(-256 * 60, false, bitmap, 60, -61, true);
        assertNext(-60, true, bitmap, 60, -61, false);
    }

    @Test
    void wordsRoundTripThroughTheContractsLayout() {
        TickBitmap bitmap = TickBitmap.ofTicks(10, -2560, -10, 0, 2550, 2560);
        // compressed -256 and -1 are bits 0 and 255 of word -1; 0 and 255 of word 0; 256 is bit 0 of word 1
        assertEquals(BigInteger.ONE.setBit(255), bitmap.word(-1));
        assertEquals(BigInteger.ONE.setBit(255), bitmap.word(0));
        assertEquals(BigInteger.ONE, bitmap.word(1));
        assertEquals(BigInteger.ZERO, bitmap.word(2));
        Map<Integer, BigInteger> words = new TreeMap<>();
        for (int w = -2; w <= 2; w++) {
            words.put(w, bitmap.word(w));
        }
        assertEquals(bitmap, TickBitmap.ofWords(words));
        assertTrue(bitmap.isInitialized(-2560, 10));
        assertFalse(bitmap.isInitialized(-2550, 10));
        assertEquals(5, bitmap.size());
    }

    @Test
    void rejectsUnspacedOrOutOfRangeTicks() {
        assertThrows(ValidationException.class, () -> TickBitmap.ofTicks(60, 30));
        assertThrows(ValidationException.class, () -> TickBitmap.ofTicks(1, TickMath.MAX_TICK + 1));
        assertThrows(ValidationException.class, () -> TickBitmap.ofTicks(0, 0));
        assertThrows(ValidationException.class, () -> TickBitmap.ofTicks(1, 5, 5));
        assertThrows(ValidationException.class, () -> TickBitmap.ofWords(Map.of(40000, BigInteger.ONE)));
    }

    /** Against a scan of every compressed tick in the word, for random bitmaps, spacings and starting ticks. */
    @Property(tries = 3000)
    void equalsABruteForceScanOfTheWord(
            @ForAll("spacing") int spacing,
            @ForAll("compressedSets") List<Integer> compressed,
            @ForAll @IntRange(min = -3000, max = 3000) int offset,
            @ForAll boolean lte) {
        int[] ticks = compressed.stream().distinct().mapToInt(c -> c * spacing).toArray();
        TickBitmap bitmap = TickBitmap.ofTicks(spacing, ticks);
        Set<Integer> set = new HashSet<>();
        for (int t : ticks) {
            set.add(t / spacing);
        }
        int tick = offset * spacing / 7; // not always a multiple of the spacing, often negative
        TickBitmap.Next next = bitmap.nextInitializedTickWithinOneWord(tick, spacing, lte);
        assertEquals(reference(set, tick, spacing, lte), next);
    }

    private static TickBitmap.Next reference(Set<Integer> set, int tick, int spacing, boolean lte) {
        int compressed = tick / spacing;
        if (tick < 0 && tick % spacing != 0) {
            compressed--;
        }
        if (lte) {
            int wordStart = Math.floorDiv(compressed, 256) * 256;
            for (int c = compressed; c >= wordStart; c--) {
                if (set.contains(c)) {
                    return new TickBitmap.Next(c * spacing, true);
                }
            }
            return new TickBitmap.Next(wordStart * spacing, false);
        }
        int start = compressed + 1;
        int wordEnd = Math.floorDiv(start, 256) * 256 + 255;
        for (int c = start; c <= wordEnd; c++) {
            if (set.contains(c)) {
                return new TickBitmap.Next(c * spacing, true);
            }
        }
        return new TickBitmap.Next(wordEnd * spacing, false);
    }

    @Provide
    Arbitrary<Integer> spacing() {
        return Arbitraries.of(1, 10, 60, 200, 7);
    }

    @Provide
    Arbitrary<List<Integer>> compressedSets() {
        return Arbitraries.integers().between(-700, 700).list().ofMaxSize(40);
    }

    private static void assertNext(int expectedTick, boolean initialized, TickBitmap bitmap, int tick, boolean lte) {
        assertNext(expectedTick, initialized, bitmap, 1, tick, lte);
    }

    private static void assertNext(
            int expectedTick, boolean initialized, TickBitmap bitmap, int spacing, int tick, boolean lte) {
        assertEquals(
                new TickBitmap.Next(expectedTick, initialized),
                bitmap.nextInitializedTickWithinOneWord(tick, spacing, lte),
                "from " + tick + (lte ? " lte" : " gt"));
    }
}

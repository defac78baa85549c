package io.mevkit.core.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HexStringsTest {
    private static BigInteger quantity(String text) {
        // embedded in a larger buffer, as Jackson hands it over
        char[] buffer = ("[\"" + text + "\"]").toCharArray();
        return HexStrings.quantity("q", buffer, 2, text.length());
    }

    private static long longQuantity(String text) {
        char[] buffer = ("xx" + text + "yy").toCharArray();
        return HexStrings.longQuantity("q", buffer, 2, text.length());
    }

    @Test
    void quantitiesOfEveryLengthMatchRadixConversion() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int i = 0; i < 5_000; i++) {
            int bits = 1 + random.nextInt(300);
            BigInteger value = new BigInteger(bits, new java.util.Random(random.nextLong()));
            String hex = value.toString(16);
            assertEquals(value, quantity("0x" + hex), hex);
            assertEquals(value, quantity("0x" + hex.toUpperCase()), hex);
            assertEquals(value, quantity("0x000" + hex), hex);
            if (value.bitLength() <= 63) {
                assertEquals(value.longValueExact(), longQuantity("0x" + hex));
            }
        }
    }

    @Test
    void longQuantitiesStopAtTheSignedRange() {
        assertEquals(Long.MAX_VALUE, longQuantity("0x7fffffffffffffff"));
        assertEquals(Long.MAX_VALUE, longQuantity("0x00007fffffffffffffff"));
        assertEquals(0, longQuantity("0x0"));
        assertThrows(ValidationException.class, () -> longQuantity("0x8000000000000000"));
        assertThrows(ValidationException.class, () -> longQuantity("0x10000000000000000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "0x", "1x10", "0xg", "0x12 ", "-0x1", "0x-1", "12"})
    void malformedQuantitiesNameTheField(String text) {
        ValidationException e = assertThrows(ValidationException.class, () -> quantity(text));
        assertEquals("q", e.field());
        assertThrows(ValidationException.class, () -> longQuantity(text));
    }

    @Test
    void dataIsNormalisedToLowerCase() {
        assertEquals("0x", HexStrings.requireData("d", "0x"));
        assertEquals("0xabcdef", HexStrings.requireData("d", "0XABcdEF"));
        assertThrows(ValidationException.class, () -> HexStrings.requireData("d", "0xabc"));
        assertThrows(ValidationException.class, () -> HexStrings.requireData("d", "0xzz"));
        assertEquals(80, HexStrings.preview("0x" + "ab".repeat(100)).indexOf("...") + 8);
    }
}

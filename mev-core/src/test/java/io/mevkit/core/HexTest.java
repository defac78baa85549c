package io.mevkit.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Positive;
import org.junit.jupiter.api.Test;

class HexTest {

    @Property(tries = 2000)
    void bytesRoundTrip(@ForAll byte[] bytes) {
        assertArrayEquals(bytes, Hex.decode(Hex.encode(bytes)));
    }

    @Property(tries = 2000)
    void quantitiesRoundTrip(@ForAll @Positive BigInteger value) {
        String q = Hex.quantity(value);
        assertEquals(value, Hex.toBigInteger(q));
        assertEquals(value.toString(16), q.substring(2));
    }

    @Property(tries = 2000)
    void longQuantitiesRoundTrip(@ForAll @Positive long value) {
        assertEquals(value, Hex.toLong(Hex.quantity(value)));
        assertEquals(BigInteger.valueOf(value), Hex.toBigInteger(Hex.quantity(value)));
    }

    @Test
    void writesZeroAsSpecified() {
        assertEquals("0x0", Hex.quantity(0));
        assertEquals("0x0", Hex.quantity(BigInteger.ZERO));
    }

    @Test
    void readsWhatNodesSend() {
        assertEquals(255L, Hex.toLong("0xFF"));
        assertEquals(1L, Hex.toLong("0x0001"));
        assertEquals(BigInteger.ONE.shiftLeft(255), Hex.toBigInteger("0x8" + "0".repeat(63)));
    }

    @Test
    void rejectsBadInputNamingTheField() {
        assertEquals(
                "gasUsed",
                assertThrows(ValidationException.class, () -> Hex.toLong("gasUsed", "12"))
                        .field());
        assertThrows(ValidationException.class, () -> Hex.toLong("0x"));
        assertThrows(ValidationException.class, () -> Hex.toLong("0x1g"));
        assertThrows(ValidationException.class, () -> Hex.toLong("0x8000000000000000"));
        assertThrows(ValidationException.class, () -> Hex.decode("0xabc"));
        assertThrows(ValidationException.class, () -> Hex.quantity(-1));
    }
}

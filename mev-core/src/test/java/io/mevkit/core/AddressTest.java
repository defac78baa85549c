package io.mevkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    /** The mixed-case vectors of EIP-55 itself. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
                "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"
            })
    void eip55VectorsRoundTrip(String checksummed) {
        Address address = Address.of(checksummed);
        assertEquals(checksummed, address.toString());
        assertEquals(checksummed.toLowerCase(Locale.ROOT), address.hex());
        assertEquals(address, Address.of(checksummed.toLowerCase(Locale.ROOT)));
        assertEquals(address, Address.of("0x" + checksummed.substring(2).toUpperCase(Locale.ROOT)));
    }

    @Test
    void everySpellingOfOneAddressGivesTheSameCanonicalForms() {
        String lower = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";
        String checksummed = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        for (String spelling : new String[] {
            lower,
            checksummed,
            "0X" + lower.substring(2),
            "0x" + lower.substring(2).toUpperCase(Locale.ROOT)
        }) {
            Address a = Address.of(spelling);
            assertEquals(lower, a.hex(), spelling);
            assertEquals(checksummed, a.toString(), spelling);
        }
        Address fromWord = Address.fromBytes(Hex.decode("0x000000000000000000000000" + lower.substring(2)));
        assertEquals(lower, fromWord.hex());
        assertEquals(
                lower,
                Address.fromBigInteger(new BigInteger(lower.substring(2), 16)).hex());
        String hash = "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45";
        assertEquals(hash, Hash.of("0X" + hash.substring(2)).hex());
        assertEquals(
                hash, Hash.of(hash.toUpperCase(Locale.ROOT).replace("0X", "0x")).toString());
        assertEquals(hash, Hash.of(Hex.decode(hash)).hex());
    }

    @Test
    void aTypoInAChecksummedAddressIsCaught() {
        // one letter's case flipped in an EIP-55 vector
        ValidationException e =
                assertThrows(ValidationException.class, () -> Address.of("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
        assertEquals("address", e.field());
        assertTrue(e.getMessage().contains("EIP-55"), e.getMessage());
        assertTrue(e.getMessage().contains("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "0x",
                "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "0x5aAeb6053F3E94C9b9A09f3366943",
                "0xZZAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00"
            })
    void malformedInputIsATypedErrorNamingTheField(String bad) {
        ValidationException e = assertThrows(ValidationException.class, () -> Address.of("pool", bad));
        assertEquals("pool", e.field());
    }

    @Test
    void ordersByNumericValueAsUniswapSortsTokens() {
        Address low = Address.of("0x00000000000000000000000000000000000000ff");
        Address high = Address.of("0x8000000000000000000000000000000000000000");
        assertTrue(low.compareTo(high) < 0);
        assertTrue(high.compareTo(low) > 0);
        assertEquals(BigInteger.ONE.shiftLeft(159), high.toBigInteger());
        assertEquals(high, Address.fromBigInteger(BigInteger.ONE.shiftLeft(159)));
    }

    @Test
    void decodesAnAbiWordAndRejectsDirtyHighBytes() {
        byte[] word = new byte[32];
        word[31] = 1;
        assertEquals(Address.of("0x0000000000000000000000000000000000000001"), Address.fromBytes(word));
        word[0] = 1;
        assertThrows(ValidationException.class, () -> Address.fromBytes(word));
    }
}

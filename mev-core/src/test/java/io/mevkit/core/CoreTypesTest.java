package io.mevkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoreTypesTest {

    @Test
    void hashIsKeccak256() {
        // keccak256("") is a well-known constant
        assertEquals(
                "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
                Hash.keccak256(new byte[0]).hex());
        assertEquals(
                Hash.of("0x4E03657AEA45A94FC7D47BA826C8D667C0D1E6E33A64A036EC44F58FA12D6C45"),
                Hash.keccak256("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(
                "txHash",
                assertThrows(ValidationException.class, () -> Hash.of("txHash", "0x12"))
                        .field());
    }

    @Test
    void checksNameTheFieldAndValue() {
        BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        assertEquals(max, Checks.requireUint256("amount", max));
        ValidationException e =
                assertThrows(ValidationException.class, () -> Checks.requireUint256("amount", max.add(BigInteger.ONE)));
        assertEquals("amount", e.field());
        assertTrue(e.getMessage().contains(max.add(BigInteger.ONE).toString()), e.getMessage());
        assertThrows(
                ValidationException.class, () -> Checks.requireUint("reserve0", BigInteger.ONE.shiftLeft(112), 112));
        assertEquals(
                BigInteger.ONE.shiftLeft(255).negate(),
                Checks.requireInt("pnl", BigInteger.ONE.shiftLeft(255).negate(), 256));
        assertThrows(ValidationException.class, () -> Checks.requireInt("pnl", BigInteger.ONE.shiftLeft(255), 256));
        assertThrows(ValidationException.class, () -> Checks.requirePositive("capital", BigInteger.ZERO));
    }

    @Test
    void redactedValidationNeverShowsTheSecret() {
        ValidationException e = ValidationException.redacted("privateKey", "must be 32 bytes");
        assertEquals("privateKey must be 32 bytes but was <redacted>", e.getMessage());
        assertEquals("<redacted>", e.value());
    }

    @Test
    void registryKnowsTheDefaultChainsAndTakesUserChains() {
        ChainRegistry registry = Chains.defaults();
        for (long id : new long[] {1, 10, 56, 137, 8453, 42161, 31337}) {
            assertEquals(id, registry.require(id).id());
        }
        assertEquals(FeeMarket.eip1559(2, 8), registry.require(1).feeMarket());
        assertEquals(FeeMarket.nodeProvided(), registry.require(42161).feeMarket());
        assertEquals(FeeMarket.zeroBaseFee(), registry.require(56).feeMarket());
        assertFalse(registry.find(324).isPresent());
        ValidationException unknown = assertThrows(ValidationException.class, () -> registry.require(324));
        assertEquals("chainId", unknown.field());

        Chain zk = new Chain(
                324,
                "zkSync Era",
                "ETH",
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(1),
                FeeMarket.nodeProvided());
        ChainRegistry extended = registry.with(zk);
        assertEquals(zk, extended.require(324));
        assertFalse(registry.find(324).isPresent(), "with() must not change the original");
        assertThrows(ValidationException.class, () -> ChainRegistry.of(Chains.ETHEREUM, Chains.ETHEREUM));
    }

    @Test
    void chainRejectsBadValues() {
        ValidationException e = assertThrows(
                ValidationException.class,
                () -> new Chain(
                        1, "x", "ETH", Optional.empty(), Optional.empty(), Duration.ZERO, FeeMarket.eip1559(2, 8)));
        assertEquals("chain.blockTime", e.field());
        assertEquals(
                "baseFeeChangeDenominator",
                assertThrows(ValidationException.class, () -> FeeMarket.eip1559(2, 0))
                        .field());
    }
}

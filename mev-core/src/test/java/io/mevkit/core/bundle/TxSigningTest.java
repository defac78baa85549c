package io.mevkit.core.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import io.mevkit.core.testing.CapturingLogs;
import java.math.BigInteger;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;

/** EIP-1559 signing: encoding decodes back to the same fields and sender, chain id enforced, the key never shown. */
class TxSigningTest {
    // anvil's well-known account #1 key; a test key only
    private static final String KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    private static final String KEY_DIGITS = KEY.substring(2);
    private static final Address TO = Address.of("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");

    private static Eip1559Tx tx(long chainId, long nonce) {
        return Eip1559Tx.builder()
                .chainId(chainId)
                .nonce(nonce)
                .maxPriorityFeePerGas(BigInteger.valueOf(1_500_000_000L))
                .maxFeePerGas(BigInteger.valueOf(30_000_000_000L))
                .gasLimit(60_000)
                .to(TO)
                .value(new BigInteger("123456789012345678"))
                .data(Hex.decode("0xdeadbeef"))
                .build();
    }

    @Test
    void signedBytesDecodeToTheSameFieldsAndRecoverTheSigner() throws Exception {
        PrivateKeySigner signer = PrivateKeySigner.of(KEY, 1);
        assertEquals(Address.of(Credentials.create(KEY).getAddress()), signer.address());
        assertEquals(Address.of("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"), signer.address());

        SignedTx signed = signer.sign(tx(1, 7));
        byte[] raw = signed.raw();
        assertEquals(0x02, raw[0]);
        assertEquals(Hash.keccak256(raw), signed.hash());
        assertEquals(signer.address(), signed.sender());
        assertEquals(7, signed.nonce());

        SignedRawTransaction decoded = (SignedRawTransaction) TransactionDecoder.decode(Hex.encode(raw));
        Transaction1559 t = (Transaction1559) decoded.getTransaction();
        assertEquals(1L, t.getChainId());
        assertEquals(BigInteger.valueOf(7), t.getNonce());
        assertEquals(BigInteger.valueOf(1_500_000_000L), t.getMaxPriorityFeePerGas());
        assertEquals(BigInteger.valueOf(30_000_000_000L), t.getMaxFeePerGas());
        assertEquals(BigInteger.valueOf(60_000), t.getGasLimit());
        assertEquals(TO.hex(), t.getTo().toLowerCase(Locale.ROOT));
        assertEquals(new BigInteger("123456789012345678"), t.getValue());
        assertEquals(
                "deadbeef", org.web3j.utils.Numeric.cleanHexPrefix(t.getData()).toLowerCase(Locale.ROOT));
        assertEquals(signer.address().hex(), decoded.getFrom().toLowerCase(Locale.ROOT));
    }

    @Test
    void theChainIdIsPartOfTheSignatureAndAMismatchIsRefused() {
        PrivateKeySigner mainnet = PrivateKeySigner.of(KEY, 1);
        ValidationException e = assertThrows(ValidationException.class, () -> mainnet.sign(tx(10, 0)));
        assertEquals("chainId", e.field());
        assertEquals("10", e.value());

        SignedTx a = mainnet.sign(tx(1, 0));
        SignedTx b = PrivateKeySigner.of(KEY, 10).sign(tx(10, 0));
        assertNotEquals(a.hash(), b.hash());
        assertThrows(ValidationException.class, () -> PrivateKeySigner.of(KEY, 0));
    }

    @Test
    void signingIsDeterministicAndSignedTxIsImmutable() {
        PrivateKeySigner signer = PrivateKeySigner.of(KEY, 1);
        SignedTx a = signer.sign(tx(1, 3));
        SignedTx b = signer.sign(tx(1, 3));
        assertEquals(a, b);
        assertArrayEquals(a.raw(), b.raw());
        byte[] copy = a.raw();
        copy[5] ^= 1;
        assertNotEquals(Hex.encode(copy), a.rawHex());
        assertThrows(ValidationException.class, () -> new SignedTx(copy, a.hash(), a.sender(), 3));
    }

    @Test
    void invalidTransactionFieldsNameTheField() {
        ValidationException fee = assertThrows(ValidationException.class, () -> tx(1, 0).toBuilder()
                .maxPriorityFeePerGas(BigInteger.valueOf(31_000_000_000L))
                .build());
        assertEquals("maxPriorityFeePerGas", fee.field());
        ValidationException gas = assertThrows(
                ValidationException.class,
                () -> tx(1, 0).toBuilder().gasLimit(0).build());
        assertEquals("gasLimit", gas.field());
        ValidationException nonce = assertThrows(
                ValidationException.class, () -> tx(1, 0).toBuilder().nonce(-1).build());
        assertEquals("nonce", nonce.field());
        ValidationException value = assertThrows(
                ValidationException.class,
                () -> tx(1, 0).toBuilder().value(BigInteger.TWO.pow(256)).build());
        assertEquals("value", value.field());
        ValidationException unset = assertThrows(
                ValidationException.class,
                () -> Eip1559Tx.builder().chainId(1).gasLimit(21_000).build());
        assertEquals("nonce", unset.field());
    }

    @Test
    void theKeyNeverAppearsInToStringMessagesOrLogs() {
        assertTrue(CapturingLogs.active(), "the capturing SLF4J binding must be active");
        int mark = CapturingLogs.mark();
        PrivateKeySigner signer = PrivateKeySigner.of(KEY, 1);
        SignedTx signed = signer.sign(tx(1, 0));
        StringBuilder seen = new StringBuilder();
        seen.append(signer).append(signed).append(tx(1, 0));
        String almostKey = KEY.substring(0, 65) + "g";
        for (String bad : new String[] {almostKey, KEY + "00", KEY.substring(0, 60), "0x" + "0".repeat(64)}) {
            ValidationException e = assertThrows(ValidationException.class, () -> PrivateKeySigner.of(bad, 1));
            assertEquals("privateKey", e.field());
            seen.append(e.getMessage()).append(e.value());
        }
        ValidationException mismatch = assertThrows(
                ValidationException.class, () -> PrivateKeySigner.of(KEY, 1).sign(tx(5, 0)));
        seen.append(mismatch.getMessage());
        for (CapturingLogs.Line line : CapturingLogs.linesSince(mark)) {
            seen.append(line.rendered());
        }
        String all = seen.toString().toLowerCase(Locale.ROOT);
        assertTrue(all.contains(signer.address().hex()), "the address is shown, so the check below is meaningful");
        assertFalse(all.contains(KEY_DIGITS.substring(0, 16)), "a private key prefix leaked: " + all);
        assertFalse(all.contains(almostKey.substring(2, 18)), "a malformed key leaked: " + all);
    }
}

package io.mevkit.core.bundle.internal;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Optional;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.ITransaction;
import org.web3j.crypto.transaction.type.Transaction1559;

/**
 * A signed raw transaction taken apart into the fields a node needs to replay it as a call ({@code eth_simulateV1}):
 * the sender recovered from its signature, nonce, gas, fees, recipient, value and input. Legacy (type 0) and EIP-1559
 * (type 2) envelopes are understood; {@code gasPrice} is set for legacy ones, the two 1559 fees for the others.
 */
public record DecodedTx(
        Hash hash,
        Address from,
        long nonce,
        long gasLimit,
        Optional<Address> to,
        BigInteger value,
        String input,
        Optional<BigInteger> gasPrice,
        Optional<BigInteger> maxFeePerGas,
        Optional<BigInteger> maxPriorityFeePerGas) {

    /** Decodes {@code rawHex}; {@code field} names it in errors. */
    public static DecodedTx decode(String field, String rawHex) {
        byte[] raw = Hex.decode(field, rawHex);
        RawTransaction tx;
        try {
            tx = TransactionDecoder.decode(Hex.encode(raw));
        } catch (RuntimeException e) {
            throw new ValidationException(
                    field, shortHex(rawHex), "must be a signed legacy or EIP-1559 transaction", e);
        }
        if (!(tx instanceof SignedRawTransaction signed)) {
            throw new ValidationException(field, shortHex(rawHex), "must be signed");
        }
        Address from;
        try {
            from = Address.of(signed.getFrom());
        } catch (SignatureException | RuntimeException e) {
            throw new ValidationException(field, shortHex(rawHex), "must carry a recoverable signature", e);
        }
        ITransaction t = tx.getTransaction();
        Optional<BigInteger> gasPrice = Optional.empty();
        Optional<BigInteger> maxFee = Optional.empty();
        Optional<BigInteger> maxPriority = Optional.empty();
        if (t instanceof Transaction1559 eip1559) {
            maxFee = Optional.of(eip1559.getMaxFeePerGas());
            maxPriority = Optional.of(eip1559.getMaxPriorityFeePerGas());
        } else if (raw[0] >= 0 && raw[0] < 0x7f && raw[0] != 0) {
            throw new ValidationException(field, shortHex(rawHex), "must be a legacy or EIP-1559 transaction");
        } else {
            gasPrice = Optional.of(t.getGasPrice());
        }
        String to = t.getTo();
        return new DecodedTx(
                Hash.keccak256(raw),
                from,
                t.getNonce().longValueExact(),
                t.getGasLimit().longValueExact(),
                to == null || to.isEmpty() || to.equals("0x") ? Optional.empty() : Optional.of(Address.of(to)),
                t.getValue(),
                t.getData() == null || t.getData().isEmpty() ? "0x" : Hex.encode(Hex.decode(prefixed(t.getData()))),
                gasPrice,
                maxFee,
                maxPriority);
    }

    private static String prefixed(String hex) {
        return hex.startsWith("0x") || hex.startsWith("0X") ? hex : "0x" + hex;
    }

    private static String shortHex(String hex) {
        return hex.length() <= 20 ? hex : hex.substring(0, 18) + "…(" + (hex.length() - 2) / 2 + " bytes)";
    }
}

package io.mevkit.core.bundle;

import io.mevkit.core.Address;
import io.mevkit.core.ValidationException;
import io.mevkit.core.bundle.internal.Keys;
import java.math.BigInteger;
import java.util.Objects;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;

/**
 * A {@link TxSigner} holding a secp256k1 funds key in memory, signing EIP-1559 transactions with web3j's encoder
 * for one chain. The key is never printed: {@link #toString()} shows the address and chain only, and a malformed
 * key is reported without its value. Immutable and thread-safe.
 */
public final class PrivateKeySigner implements TxSigner {
    private final Credentials credentials;
    private final Address address;
    private final long chainId;

    private PrivateKeySigner(Credentials credentials, long chainId) {
        this.credentials = credentials;
        this.address = Address.of(credentials.getAddress());
        this.chainId = chainId;
    }

    /**
     * A signer for {@code chainId} from a 32-byte hex private key ({@code 0x} optional).
     *
     * @throws ValidationException when the key is malformed (the message never contains it) or the chain id is not
     *     positive
     */
    public static PrivateKeySigner of(String privateKeyHex, long chainId) {
        if (chainId <= 0) {
            throw new ValidationException("chainId", chainId, "must be positive");
        }
        return new PrivateKeySigner(Credentials.create(Keys.parse("privateKey", privateKeyHex)), chainId);
    }

    @Override
    public Address address() {
        return address;
    }

    @Override
    public long chainId() {
        return chainId;
    }

    @Override
    public SignedTx sign(Eip1559Tx tx) {
        Objects.requireNonNull(tx, "tx");
        if (tx.chainId() != chainId) {
            throw new ValidationException("chainId", tx.chainId(), "must be the signer's chain " + chainId);
        }
        RawTransaction raw = RawTransaction.createTransaction(
                tx.chainId(),
                BigInteger.valueOf(tx.nonce()),
                BigInteger.valueOf(tx.gasLimit()),
                tx.to().map(Address::hex).orElse(""),
                tx.value(),
                io.mevkit.core.Hex.encode(tx.data()),
                tx.maxPriorityFeePerGas(),
                tx.maxFeePerGas());
        byte[] signed = TransactionEncoder.signMessage(raw, credentials);
        return SignedTx.of(signed, address, tx.nonce());
    }

    @Override
    public String toString() {
        return "PrivateKeySigner[address=" + address + ", chainId=" + chainId + "]";
    }
}

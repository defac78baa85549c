package io.mevkit.core.bundle;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Objects;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Signs builder requests with a reputation key: the {@code X-Flashbots-Signature} header {@code <address>:<0x r s v>}
 * is the EIP-191 personal signature of the text {@code 0x<lower-case hex of keccak256(body)>}, over the exact body
 * bytes sent. The reputation key identifies the searcher to builders and holds no funds; keep it distinct from any
 * {@link TxSigner}'s key ({@link #requireDistinctFrom(Address)}). The key is never printed. Immutable and thread-safe.
 */
public final class FlashbotsSigner {
    /** The header name builders read. */
    public static final String HEADER = "X-Flashbots-Signature";

    private final ECKeyPair keyPair;
    private final Address address;

    private FlashbotsSigner(ECKeyPair keyPair) {
        this.keyPair = keyPair;
        this.address = Address.of("0x" + Keys.getAddress(keyPair));
    }

    /**
     * A signer from a 32-byte hex reputation key ({@code 0x} optional).
     *
     * @throws ValidationException when the key is malformed; the message never contains it
     */
    public static FlashbotsSigner of(String reputationKeyHex) {
        return new FlashbotsSigner(io.mevkit.core.bundle.internal.Keys.parse("reputationKey", reputationKeyHex));
    }

    /** The reputation address builders see. */
    public Address address() {
        return address;
    }

    /**
     * Refuses a funds account as reputation identity: a header signed by a funds key links the searcher's
     * reputation to its money and puts that key on one more code path.
     *
     * @throws ValidationException when {@code fundsAccount} is this signer's address
     */
    public FlashbotsSigner requireDistinctFrom(Address fundsAccount) {
        if (address.equals(Objects.requireNonNull(fundsAccount, "fundsAccount"))) {
            throw new ValidationException("reputationKey", address, "must not be a funds account's key");
        }
        return this;
    }

    /** The {@value #HEADER} value for exactly these body bytes. */
    public String header(byte[] body) {
        Objects.requireNonNull(body, "body");
        Sign.SignatureData sig = Sign.signPrefixedMessage(digestText(body), keyPair);
        byte[] rsv = new byte[65];
        System.arraycopy(sig.getR(), 0, rsv, 0, 32);
        System.arraycopy(sig.getS(), 0, rsv, 32, 32);
        rsv[64] = sig.getV()[0];
        return address.checksummed() + ":" + Hex.encode(rsv);
    }

    /**
     * Checks a header the way relays do (two parts split on {@code :}, a 65-byte {@code 0x} signature, v as 27/28 or
     * 0/1, the address compared case-insensitively) and returns the address it recovers to for {@code body}.
     *
     * @throws ValidationException when the header is malformed or does not recover to its own address
     */
    public static Address verify(String header, byte[] body) {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(body, "body");
        String[] parts = header.split(":", -1);
        if (parts.length != 2) {
            throw new ValidationException(HEADER, header, "must be <address>:<signature>");
        }
        Address claimed = Address.of(HEADER + ".address", parts[0]);
        byte[] sig = Hex.decode(HEADER + ".signature", parts[1]);
        if (sig.length != 65) {
            throw new ValidationException(HEADER, header, "signature must be 65 bytes");
        }
        int v = sig[64] & 0xff;
        if (v >= 27) {
            v -= 27;
        }
        if (v != 0 && v != 1) {
            throw new ValidationException(HEADER, header, "v must be 0, 1, 27 or 28");
        }
        Sign.SignatureData data = new Sign.SignatureData(
                (byte) (v + 27), Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64));
        BigInteger publicKey;
        try {
            publicKey = Sign.signedPrefixedMessageToKey(digestText(body), data);
        } catch (SignatureException | IllegalArgumentException e) {
            throw new ValidationException(HEADER, header, "signature does not recover", e);
        }
        Address recovered = Address.of("0x" + Keys.getAddress(publicKey));
        if (!recovered.equals(claimed)) {
            throw new ValidationException(HEADER, header, "recovers to " + recovered + ", not the named address");
        }
        return recovered;
    }

    /** {@code "0x" + hex(keccak256(body))} as ASCII: the text that is personal-signed (not the 32 raw hash bytes). */
    static byte[] digestText(byte[] body) {
        return Hash.keccak256(body).hex().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "FlashbotsSigner[address=" + address + "]";
    }
}

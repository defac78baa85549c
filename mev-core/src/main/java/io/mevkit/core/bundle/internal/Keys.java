package io.mevkit.core.bundle.internal;

import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.Objects;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/** Parses secp256k1 private keys; every failure is redacted so the (possibly mistyped) key is never printed. */
public final class Keys {
    private static final BigInteger CURVE_N = Sign.CURVE_PARAMS.getN();

    private Keys() {}

    public static ECKeyPair parse(String field, String privateKeyHex) {
        Objects.requireNonNull(privateKeyHex, field);
        String h = privateKeyHex.startsWith("0x") || privateKeyHex.startsWith("0X")
                ? privateKeyHex.substring(2)
                : privateKeyHex;
        if (h.length() != 64) {
            throw ValidationException.redacted(field, "must be 32 bytes as 64 hex digits");
        }
        for (int i = 0; i < h.length(); i++) {
            if (Character.digit(h.charAt(i), 16) < 0) {
                throw ValidationException.redacted(field, "must be 32 bytes as 64 hex digits");
            }
        }
        BigInteger d = new BigInteger(h, 16);
        if (d.signum() == 0 || d.compareTo(CURVE_N) >= 0) {
            throw ValidationException.redacted(field, "must be in [1, secp256k1 n)");
        }
        return ECKeyPair.create(d);
    }
}

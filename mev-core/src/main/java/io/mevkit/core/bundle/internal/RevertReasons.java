package io.mevkit.core.bundle.internal;

import io.mevkit.core.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** Decodes Solidity revert data: {@code Error(string)} and {@code Panic(uint256)}; anything else is not decoded. */
public final class RevertReasons {
    private static final byte[] ERROR = {0x08, (byte) 0xc3, 0x79, (byte) 0xa0};
    private static final byte[] PANIC = {0x4e, 0x48, 0x7b, 0x71};

    private RevertReasons() {}

    /** The reason carried by {@code data}, if it is one of the two standard encodings and well formed. */
    public static Optional<String> decode(byte[] data) {
        if (data.length < 4) {
            return Optional.empty();
        }
        byte[] selector = Arrays.copyOf(data, 4);
        if (Arrays.equals(selector, PANIC) && data.length == 36) {
            return Optional.of("Panic(0x" + new BigInteger(1, Arrays.copyOfRange(data, 4, 36)).toString(16) + ")");
        }
        if (!Arrays.equals(selector, ERROR) || data.length < 68) {
            return Optional.empty();
        }
        BigInteger offset = new BigInteger(1, Arrays.copyOfRange(data, 4, 36));
        if (offset.compareTo(BigInteger.valueOf(data.length)) >= 0) {
            return Optional.empty();
        }
        int lengthAt = 4 + offset.intValueExact();
        if (lengthAt + 32 > data.length) {
            return Optional.empty();
        }
        BigInteger length = new BigInteger(1, Arrays.copyOfRange(data, lengthAt, lengthAt + 32));
        if (length.compareTo(BigInteger.valueOf(data.length - lengthAt - 32L)) > 0) {
            return Optional.empty();
        }
        int start = lengthAt + 32;
        return Optional.of(new String(data, start, length.intValueExact(), StandardCharsets.UTF_8));
    }

    /** {@link #decode(byte[])} of hex data. */
    public static Optional<String> decode(String hex) {
        return decode(Hex.decode("returnData", hex));
    }
}

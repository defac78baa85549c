package io.mevkit.core.gas;

import io.mevkit.core.FeeMarket;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * The EIP-1559 parameters an OP Stack block header carries in its {@code extraData}, which set the base fee of the
 * next block: from Holocene, 9 bytes (version {@code 0}, denominator u32, elasticity u32, big-endian); from Jovian, 17
 * bytes (version {@code 1}, the same, then the minimum base fee in wei as u64). A header before Holocene has an empty
 * {@code extraData}. Denominator and elasticity are both zero, or both non-zero; zeros mean the chain's defaults.
 * Immutable.
 *
 * @param version 0 (Holocene) or 1 (Jovian)
 * @param denominator the base fee change denominator, u32
 * @param elasticity the elasticity multiplier, u32
 * @param minBaseFee the minimum base fee in wei (u64; present from Jovian on)
 */
public record OpStackExtraData(int version, long denominator, long elasticity, Optional<BigInteger> minBaseFee) {
    /** Holocene's version byte. */
    public static final int HOLOCENE = 0;
    /** Jovian's version byte. */
    public static final int JOVIAN = 1;

    private static final long MAX_U32 = 0xFFFF_FFFFL;

    public OpStackExtraData {
        if (version != HOLOCENE && version != JOVIAN) {
            throw new ValidationException("version", version, "must be 0 (Holocene) or 1 (Jovian)");
        }
        if (denominator < 0 || denominator > MAX_U32) {
            throw new ValidationException("denominator", denominator, "must be a u32");
        }
        if (elasticity < 0 || elasticity > MAX_U32) {
            throw new ValidationException("elasticity", elasticity, "must be a u32");
        }
        if ((denominator == 0) != (elasticity == 0)) {
            throw new ValidationException(
                    "denominator", denominator, "may be 0 only with elasticity 0 (elasticity " + elasticity + ")");
        }
        Objects.requireNonNull(minBaseFee, "minBaseFee");
        if (minBaseFee.isPresent() != (version == JOVIAN)) {
            throw new ValidationException("minBaseFee", minBaseFee, "must be present exactly for version 1");
        }
        minBaseFee.ifPresent(m -> {
            if (m.signum() < 0 || m.bitLength() > 64) {
                throw new ValidationException("minBaseFee", m, "must be a u64");
            }
        });
    }

    /**
     * The parameters in a header's {@code extraData}; empty for an empty one (a block before Holocene).
     *
     * @throws ValidationException naming {@code extraData} when it is neither empty, nor 9 bytes of version 0, nor 17
     *     bytes of version 1, or when its values break the rules above
     */
    public static Optional<OpStackExtraData> decode(String extraData) {
        byte[] b = Hex.decode(Objects.requireNonNull(extraData, "extraData"));
        if (b.length == 0) {
            return Optional.empty();
        }
        int version = b[0] & 0xFF;
        if (!((version == HOLOCENE && b.length == 9) || (version == JOVIAN && b.length == 17))) {
            throw new ValidationException(
                    "extraData",
                    extraData,
                    "must be empty, 9 bytes of version 0 (Holocene) or 17 bytes of version 1 (Jovian)");
        }
        Optional<BigInteger> min = version == JOVIAN
                ? Optional.of(new BigInteger(1, java.util.Arrays.copyOfRange(b, 9, 17)))
                : Optional.empty();
        try {
            return Optional.of(new OpStackExtraData(version, u32(b, 1), u32(b, 5), min));
        } catch (ValidationException e) {
            throw new ValidationException("extraData", extraData, e.getMessage());
        }
    }

    /** The encoded {@code extraData}, lower-case 0x-prefixed hex. */
    public String encode() {
        byte[] b = new byte[version == JOVIAN ? 17 : 9];
        b[0] = (byte) version;
        putU32(b, 1, denominator);
        putU32(b, 5, elasticity);
        minBaseFee.ifPresent(m -> {
            for (int i = 0; i < 8; i++) {
                b[16 - i] = (byte) m.shiftRight(8 * i).intValue();
            }
        });
        return Hex.encode(b);
    }

    /**
     * The rule these parameters give: {@code defaults} when both are zero.
     *
     * @throws ValidationException when a parameter does not fit an {@code int}
     */
    public FeeMarket.Eip1559 rule(FeeMarket.Eip1559 defaults) {
        Objects.requireNonNull(defaults, "defaults");
        if (denominator == 0) {
            return defaults;
        }
        if (denominator > Integer.MAX_VALUE || elasticity > Integer.MAX_VALUE) {
            throw new ValidationException(
                    "extraData", encode(), "parameters beyond 2^31-1 are not supported by the rule");
        }
        return FeeMarket.eip1559((int) elasticity, (int) denominator);
    }

    private static long u32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }

    private static void putU32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + 3 - i] = (byte) (v >>> (8 * i));
        }
    }
}

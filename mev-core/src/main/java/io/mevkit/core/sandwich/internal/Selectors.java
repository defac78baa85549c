package io.mevkit.core.sandwich.internal;

import io.mevkit.core.Hash;
import java.nio.charset.StandardCharsets;

/** Function selectors, computed from their canonical signatures (keccak-256, first four bytes). */
public final class Selectors {
    private Selectors() {}

    /** The selector of {@code signature}, e.g. {@code "transfer(address,uint256)"}, as a big-endian int. */
    public static int of(String signature) {
        return read(
                Hash.keccak256(signature.getBytes(StandardCharsets.US_ASCII)).bytes());
    }

    /** The first four bytes of {@code calldata} as a big-endian int; requires at least four bytes. */
    public static int read(byte[] calldata) {
        return ((calldata[0] & 0xff) << 24)
                | ((calldata[1] & 0xff) << 16)
                | ((calldata[2] & 0xff) << 8)
                | (calldata[3] & 0xff);
    }
}

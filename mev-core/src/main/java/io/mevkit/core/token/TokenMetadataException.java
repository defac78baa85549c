package io.mevkit.core.token;

import io.mevkit.core.Address;
import io.mevkit.core.MevException;
import java.util.Objects;

/** Why a token's metadata could not be read: the address, the method, and a typed {@link Reason}. */
public final class TokenMetadataException extends MevException {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the token. */
    public enum Reason {
        /** No code at the address (an EOA, or nothing deployed). */
        NOT_A_CONTRACT,
        /** The contract has no such method: an empty revert, or an empty answer from a fallback. */
        NO_SUCH_METHOD,
        /** The method reverted with data (a reason or a custom error). */
        REVERTED,
        /** {@code decimals()} returned a value that is not a uint8, or above 77. */
        BAD_DECIMALS,
        /** The answer did not decode as the method's return type. */
        MALFORMED
    }

    private final transient Address token;
    private final String method;
    private final Reason reason;

    public TokenMetadataException(Address token, String method, Reason reason, String detail) {
        super(reason + ": " + method + "() of " + token + ": " + detail);
        this.token = Objects.requireNonNull(token, "token");
        this.method = Objects.requireNonNull(method, "method");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Address token() {
        return token;
    }

    /** The method that failed: {@code decimals}, {@code symbol} or {@code name}. */
    public String method() {
        return method;
    }

    public Reason reason() {
        return reason;
    }
}

package io.mevkit.core.bundle;

import io.mevkit.core.Hash;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@code eth_callBundle} said: the bundle simulated cleanly, a transaction in it reverted, or the builder
 * refused the request with a JSON-RPC error. Transport failures are not outcomes; they throw
 * {@link io.mevkit.core.rpc.RpcException}. Immutable.
 */
public sealed interface CallBundleOutcome {

    /** Every transaction succeeded. */
    record Simulated(CallBundleResult result) implements CallBundleOutcome {
        public Simulated {
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * The transaction at {@code index} (the first one) reverted or failed.
     *
     * @param result the whole simulation, still consistent
     * @param index the position of the first failing transaction
     * @param txHash its hash
     * @param error the builder's error text
     * @param revert the revert reason or data, when given
     */
    record Reverted(CallBundleResult result, int index, Hash txHash, String error, Optional<String> revert)
            implements CallBundleOutcome {
        public Reverted {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(txHash, "txHash");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(revert, "revert");
        }
    }

    /**
     * The builder answered with a top-level JSON-RPC error.
     *
     * @param code the error code
     * @param message the error message
     * @param dataJson the error's data as JSON, if any
     */
    record Failed(int code, String message, @Nullable String dataJson) implements CallBundleOutcome {
        public Failed {
            Objects.requireNonNull(message, "message");
        }
    }
}

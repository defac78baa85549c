/**
 * Bundles: EIP-1559 transactions signed for one chain, per-account nonces, the {@code X-Flashbots-Signature}
 * reputation header and the builder JSON-RPC client.
 */
@NullMarked
package io.mevkit.core.bundle;

import org.jspecify.annotations.NullMarked;

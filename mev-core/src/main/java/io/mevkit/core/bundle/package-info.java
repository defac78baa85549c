/**
 * Bundles: EIP-1559 transactions signed for one chain, per-account nonces, the {@code X-Flashbots-Signature}
 * reputation header and the builder JSON-RPC client; simulation ({@code eth_simulateV1} or {@code eth_callBundle}),
 * sandwich legs built from a plan, a risk policy checked before signing, fan-out to many builders over several target
 * blocks, and a tracker that re-plans on every head and reports what happened to each opportunity. {@link
 * LocalBuilder} plays a builder on anvil for tests and the demo.
 */
@NullMarked
package io.mevkit.core.bundle;

import org.jspecify.annotations.NullMarked;

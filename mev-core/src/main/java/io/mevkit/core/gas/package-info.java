/**
 * Gas prices per chain: the next block's base fee from the chain's {@link io.mevkit.core.FeeMarket} (the EIP-1559
 * rule with the chain's parameters, on OP Stack chains those of the parent header's Holocene/Jovian {@code extraData},
 * zero, or asked from the node) and priority-fee percentiles from
 * {@code eth_feeHistory}. Everything is non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.mevkit.core.gas;

import org.jspecify.annotations.NullMarked;

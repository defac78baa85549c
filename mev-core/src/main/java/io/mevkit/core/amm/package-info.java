/**
 * Exact automated-market-maker math: amounts are integers in each token's smallest unit and every step rounds as the
 * modelled contract does. Uniswap V2 constant-product amounts with the fee as a pool parameter, and a bit-exact port
 * of Uniswap v3-core's libraries ({@link io.mevkit.core.amm.TickMath}, {@link io.mevkit.core.amm.FullMath},
 * {@link io.mevkit.core.amm.SqrtPriceMath}, {@link io.mevkit.core.amm.SwapMath}) with the V3 pool's swap loop
 * ({@link io.mevkit.core.amm.V3SwapSimulator}). Everything is non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.mevkit.core.amm;

import org.jspecify.annotations.NullMarked;

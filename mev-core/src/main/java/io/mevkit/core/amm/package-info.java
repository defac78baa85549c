/**
 * Exact AMM math: Uniswap V2 constant-product amounts and a bit-exact port of Uniswap v3-core's libraries
 * ({@link io.mevkit.core.amm.TickMath}, {@link io.mevkit.core.amm.FullMath}, {@link io.mevkit.core.amm.SqrtPriceMath},
 * {@link io.mevkit.core.amm.SwapMath}) with the V3 pool's swap loop ({@link io.mevkit.core.amm.V3SwapSimulator}).
 * Every amount is an integer in the token's smallest unit and rounds as the contract does. Everything is non-null
 * unless annotated {@code @Nullable}.
 */
@NullMarked
package io.mevkit.core.amm;

import org.jspecify.annotations.NullMarked;

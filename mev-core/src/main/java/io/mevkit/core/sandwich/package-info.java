/**
 * Sandwich opportunities on Uniswap V2-style pairs and Uniswap V3 pools: decoding a pending transaction's router
 * calldata into the swap it will make ({@link io.mevkit.core.sandwich.VictimDecoder},
 * {@link io.mevkit.core.sandwich.V3SwapDecoder}), and sizing a front-run and back-run around it to the wei
 * ({@link io.mevkit.core.sandwich.SandwichSizer}, {@link io.mevkit.core.sandwich.V3SandwichSizer}), with the legs
 * protected so that a broken sandwich reverts instead of losing. Everything is non-null unless annotated
 * {@code @Nullable}.
 */
@NullMarked
package io.mevkit.core.sandwich;

import org.jspecify.annotations.NullMarked;

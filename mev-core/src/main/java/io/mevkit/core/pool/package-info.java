/**
 * Pool state pinned to one block: Uniswap V2-style pairs (tokens, reserves, the fee from a registry keyed by the
 * pair's factory), Uniswap V3 pools (metadata, {@code slot0}, and the initialized ticks of the bitmap words around the
 * price, ready for the swap simulator), and (pool, block)-keyed caches that never serve older state than asked for and
 * drop what a pool's logs or a reorg invalidate. Everything is non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.mevkit.core.pool;

import org.jspecify.annotations.NullMarked;

/**
 * Pool state pinned to one block: Uniswap V2-style pairs (tokens, reserves, the fee from a registry keyed by the
 * pair's factory) and a block-keyed cache that never serves older state than asked for. Everything is non-null
 * unless annotated {@code @Nullable}.
 */
@NullMarked
package io.mevkit.core.pool;

import org.jspecify.annotations.NullMarked;

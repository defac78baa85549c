/**
 * ERC-20 metadata (decimals, symbol, name) for many tokens in few round trips: Multicall3 {@code aggregate3}
 * chunks, or one JSON-RPC batch where no Multicall3 is deployed; typed errors for bad tokens; a bounded cache, with
 * Micrometer meters where a registry is bound.
 * Everything is non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.mevkit.core.token;

import org.jspecify.annotations.NullMarked;

/**
 * JSON-RPC over HTTP: {@link io.mevkit.core.rpc.RpcClient} (failover across endpoints, circuit breakers, chain id
 * checks, retries of idempotent reads, batches, deduplicated sends, interceptors, listeners), the typed
 * {@link io.mevkit.core.rpc.RpcException}, and immutable records of what nodes return
 * ({@link io.mevkit.core.rpc.Block}, {@link io.mevkit.core.rpc.Transaction},
 * {@link io.mevkit.core.rpc.TransactionReceipt}, {@link io.mevkit.core.rpc.Log},
 * {@link io.mevkit.core.rpc.FeeHistory}). Everything is non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.mevkit.core.rpc;

import org.jspecify.annotations.NullMarked;

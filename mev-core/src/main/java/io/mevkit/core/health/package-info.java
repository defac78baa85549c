/**
 * Health of a running mevkit application: {@link io.mevkit.core.health.HealthCheck}s (RPC endpoints, WebSockets,
 * builders, price sources, the store) registered in a {@link io.mevkit.core.health.HealthRegistry} that evaluates
 * them on demand or on an injected scheduler and aggregates UP / DEGRADED / DOWN. Everything is non-null unless
 * annotated {@code @Nullable}.
 */
@NullMarked
package io.mevkit.core.health;

import org.jspecify.annotations.NullMarked;

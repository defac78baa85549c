package io.mevkit.core.bundle;

import java.util.Optional;

/**
 * Keeps {@link RiskState} across restarts. {@link FileRiskStateStore} is the default; a database can implement it
 * too. {@link #save(RiskState)} must be durable and atomic when it returns (a crash leaves the old or the new state,
 * never a torn one), and {@link #load()} must return exactly what was saved: every amount to the wei, every time to the
 * nanosecond, the recent spends all of them and in their order (forgetting one would let the hourly limit be spent
 * again). Implementations must be thread-safe.
 */
public interface RiskStateStore {
    /** The last saved state, empty when none was ever saved. */
    Optional<RiskState> load();

    /** Replaces the saved state. */
    void save(RiskState state);
}

package io.mevkit.core.bundle;

import java.util.Optional;

/**
 * Keeps {@link RiskState} across restarts. {@link FileRiskStateStore} is the default; a database can implement it
 * too. {@link #save(RiskState)} must be durable and atomic when it returns (a crash leaves the old or the new state,
 * never a torn one). Implementations must be thread-safe.
 */
public interface RiskStateStore {
    /** The last saved state, empty when none was ever saved. */
    Optional<RiskState> load();

    /** Replaces the saved state. */
    void save(RiskState state);
}

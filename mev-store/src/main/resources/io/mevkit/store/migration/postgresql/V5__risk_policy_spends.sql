-- The gas and bribe RiskPolicy spent in the last hour (io.mevkit.core.bundle.RiskState.recentSpends), so that its
-- hourly limit holds across a restart: one row per spend of a scope, seq giving the saved order (oldest first). Each
-- save replaces the scope's rows in the transaction that writes (and locks) its risk_policy_state row. The time is kept
-- exactly as java.time.Instant holds it (epoch seconds plus the nanosecond of that second), like tripped_s/tripped_ns;
-- wei is a positive mev_u256, like every amount here.

CREATE TABLE risk_policy_spends (
    scope TEXT     NOT NULL REFERENCES risk_policy_state (scope),
    seq   INTEGER  NOT NULL CHECK (seq >= 0),
    at_s  BIGINT   NOT NULL,
    at_ns INTEGER  NOT NULL CHECK (at_ns BETWEEN 0 AND 999999999),
    wei   mev_u256 NOT NULL CHECK (wei > 0),
    PRIMARY KEY (scope, seq)
);

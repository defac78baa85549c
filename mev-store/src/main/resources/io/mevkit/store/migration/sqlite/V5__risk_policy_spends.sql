-- The gas and bribe RiskPolicy spent in the last hour (io.mevkit.core.bundle.RiskState.recentSpends), so that its
-- hourly limit holds across a restart: one row per spend of a scope, seq giving the saved order (oldest first). Each
-- save replaces the scope's rows in the transaction that writes its risk_policy_state row. The time is kept exactly as
-- java.time.Instant holds it (epoch seconds plus the nanosecond of that second), like tripped_s/tripped_ns; wei is a
-- positive uint256 as canonical decimal text, like every amount here.

CREATE TABLE risk_policy_spends (
    scope TEXT    NOT NULL REFERENCES risk_policy_state (scope),
    seq   INTEGER NOT NULL CHECK (seq >= 0),
    at_s  INTEGER NOT NULL,
    at_ns INTEGER NOT NULL CHECK (at_ns BETWEEN 0 AND 999999999),
    wei   TEXT    NOT NULL CHECK (typeof(wei) = 'text' AND length(wei) BETWEEN 1 AND 78 AND wei NOT GLOB '*[^0-9]*' AND wei NOT GLOB '0*' AND (length(wei) < 78 OR wei <= '115792089237316195423570985008687907853269984665640564039457584007913129639935')),
    PRIMARY KEY (scope, seq)
) STRICT;

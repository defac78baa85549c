-- What the core's RiskPolicy keeps across restarts (io.mevkit.core.bundle.RiskStateStore), one row per scope, so
-- several policies or accounts can share one database: the UTC day, that day's realized loss in wei (mev_u256, like
-- every amount here), and when the kill switch tripped, NULL while it is armed. The trip time is kept exactly as
-- java.time.Instant holds it: epoch seconds plus the nanosecond of that second (TIMESTAMPTZ keeps microseconds, and
-- epoch milliseconds, used elsewhere, fewer). updated_ms is the store's clock, as on SQLite.
-- Independent of risk_state (RiskRepository's per-day ledger): neither table reads or writes the other.

CREATE TABLE risk_policy_state (
    scope         TEXT     PRIMARY KEY CHECK (length(scope) BETWEEN 1 AND 64),
    day           TEXT     NOT NULL CHECK (day ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'),
    realized_loss mev_u256 NOT NULL,
    tripped_s     BIGINT,
    tripped_ns    INTEGER  CHECK (tripped_ns BETWEEN 0 AND 999999999),
    updated_ms    BIGINT   NOT NULL,
    CHECK ((tripped_s IS NULL) = (tripped_ns IS NULL))
);

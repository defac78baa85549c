-- What the core's RiskPolicy keeps across restarts (io.mevkit.core.bundle.RiskStateStore), one row per scope, so
-- several policies or accounts can share one database: the UTC day, that day's realized loss in wei (a uint256 as
-- canonical decimal text, like every amount here), and when the kill switch tripped, NULL while it is armed. The trip
-- time is kept exactly as java.time.Instant holds it: epoch seconds plus the nanosecond of that second (epoch
-- milliseconds, used elsewhere, would drop precision the caller's clock may have). updated_ms is the store's clock.
-- Independent of risk_state (RiskRepository's per-day ledger): neither table reads or writes the other.

CREATE TABLE risk_policy_state (
    scope         TEXT    NOT NULL PRIMARY KEY CHECK (length(scope) BETWEEN 1 AND 64),
    day           TEXT    NOT NULL CHECK (length(day) = 10 AND day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    realized_loss TEXT    NOT NULL CHECK (typeof(realized_loss) = 'text' AND length(realized_loss) BETWEEN 1 AND 78 AND realized_loss NOT GLOB '*[^0-9]*' AND (realized_loss = '0' OR realized_loss NOT GLOB '0*') AND (length(realized_loss) < 78 OR realized_loss <= '115792089237316195423570985008687907853269984665640564039457584007913129639935')),
    tripped_s     INTEGER,
    tripped_ns    INTEGER CHECK (tripped_ns IS NULL OR tripped_ns BETWEEN 0 AND 999999999),
    updated_ms    INTEGER NOT NULL,
    CHECK ((tripped_s IS NULL) = (tripped_ns IS NULL))
) STRICT;

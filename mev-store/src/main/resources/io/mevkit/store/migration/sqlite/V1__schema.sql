-- mevkit store schema, SQLite dialect.
-- STRICT tables: a column holds only its declared type. Amounts are canonical decimal text (no sign for
-- unsigned, '-' for negative signed values, no leading zeros), checked here against the U256/I256 ranges; they are
-- never REAL and never compared, ordered or summed in SQL (text order is not numeric order). Times are epoch
-- milliseconds. AUTOINCREMENT keeps ids monotonic, so an archived id is never reused.

CREATE TABLE tokens (
    chain_id   INTEGER NOT NULL CHECK (chain_id > 0),
    address    TEXT    NOT NULL CHECK (length(address) = 42 AND address GLOB '0x*' AND substr(address, 3) NOT GLOB '*[^0-9a-f]*'),
    symbol     TEXT    NOT NULL CHECK (length(symbol) <= 64),
    name       TEXT    CHECK (name IS NULL OR length(name) <= 256),
    decimals   INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 255),
    updated_ms INTEGER NOT NULL,
    PRIMARY KEY (chain_id, address)
) STRICT;

CREATE TABLE pools (
    chain_id   INTEGER NOT NULL CHECK (chain_id > 0),
    address    TEXT    NOT NULL CHECK (length(address) = 42 AND address GLOB '0x*' AND substr(address, 3) NOT GLOB '*[^0-9a-f]*'),
    protocol   TEXT    NOT NULL CHECK (length(protocol) BETWEEN 1 AND 32),
    token0     TEXT    NOT NULL,
    token1     TEXT    NOT NULL,
    fee        INTEGER NOT NULL CHECK (fee BETWEEN 0 AND 1000000),
    updated_ms INTEGER NOT NULL,
    PRIMARY KEY (chain_id, address),
    CHECK (token0 <> token1),
    FOREIGN KEY (chain_id, token0) REFERENCES tokens (chain_id, address),
    FOREIGN KEY (chain_id, token1) REFERENCES tokens (chain_id, address)
) STRICT;

CREATE TABLE opportunities (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    chain_id        INTEGER NOT NULL CHECK (chain_id > 0),
    victim_tx_hash  TEXT    NOT NULL CHECK (length(victim_tx_hash) = 66 AND victim_tx_hash GLOB '0x*' AND substr(victim_tx_hash, 3) NOT GLOB '*[^0-9a-f]*'),
    pool_address    TEXT    NOT NULL,
    strategy        TEXT    NOT NULL CHECK (length(strategy) BETWEEN 1 AND 64),
    block_number    INTEGER NOT NULL CHECK (block_number >= 0),
    status          TEXT    NOT NULL CHECK (status IN ('SEEN', 'SKIPPED', 'PLANNED', 'SUBMITTED', 'LANDED', 'MISSED', 'REVERTED')),
    skip_reason     TEXT    CHECK (skip_reason IS NULL OR length(skip_reason) <= 1000),
    amount_in       TEXT    CHECK (amount_in IS NULL OR (typeof(amount_in) = 'text' AND length(amount_in) BETWEEN 1 AND 78 AND amount_in NOT GLOB '*[^0-9]*' AND (amount_in = '0' OR amount_in NOT GLOB '0*') AND (length(amount_in) < 78 OR amount_in <= '115792089237316195423570985008687907853269984665640564039457584007913129639935'))),
    expected_profit TEXT    CHECK (expected_profit IS NULL OR (typeof(expected_profit) = 'text' AND ((length(expected_profit) BETWEEN 1 AND 77 AND expected_profit NOT GLOB '*[^0-9]*' AND (expected_profit = '0' OR expected_profit NOT GLOB '0*') AND (length(expected_profit) < 77 OR expected_profit <= '57896044618658097711785492504343953926634992332820282019728792003956564819967')) OR (expected_profit GLOB '-[1-9]*' AND length(expected_profit) BETWEEN 2 AND 78 AND substr(expected_profit, 2) NOT GLOB '*[^0-9]*' AND (length(expected_profit) < 78 OR substr(expected_profit, 2) <= '57896044618658097711785492504343953926634992332820282019728792003956564819968'))))),
    gas_cost        TEXT    CHECK (gas_cost IS NULL OR (typeof(gas_cost) = 'text' AND length(gas_cost) BETWEEN 1 AND 78 AND gas_cost NOT GLOB '*[^0-9]*' AND (gas_cost = '0' OR gas_cost NOT GLOB '0*') AND (length(gas_cost) < 78 OR gas_cost <= '115792089237316195423570985008687907853269984665640564039457584007913129639935'))),
    bribe           TEXT    CHECK (bribe IS NULL OR (typeof(bribe) = 'text' AND length(bribe) BETWEEN 1 AND 78 AND bribe NOT GLOB '*[^0-9]*' AND (bribe = '0' OR bribe NOT GLOB '0*') AND (length(bribe) < 78 OR bribe <= '115792089237316195423570985008687907853269984665640564039457584007913129639935'))),
    claimed_by      TEXT    CHECK (claimed_by IS NULL OR (length(claimed_by) BETWEEN 1 AND 128)),
    claimed_ms      INTEGER,
    created_ms      INTEGER NOT NULL,
    updated_ms      INTEGER NOT NULL,
    UNIQUE (chain_id, victim_tx_hash, pool_address, strategy),
    FOREIGN KEY (chain_id, pool_address) REFERENCES pools (chain_id, address)
) STRICT;

CREATE TABLE bundles (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    opportunity_id   INTEGER NOT NULL REFERENCES opportunities (id),
    bundle_hash      TEXT    NOT NULL UNIQUE CHECK (length(bundle_hash) = 66 AND bundle_hash GLOB '0x*' AND substr(bundle_hash, 3) NOT GLOB '*[^0-9a-f]*'),
    first_block      INTEGER NOT NULL CHECK (first_block >= 0),
    last_block       INTEGER NOT NULL,
    replacement_uuid TEXT    CHECK (replacement_uuid IS NULL OR (length(replacement_uuid) BETWEEN 1 AND 64)),
    status           TEXT    NOT NULL CHECK (status IN ('SIGNED', 'SUBMITTED', 'LANDED', 'MISSED', 'REVERTED')),
    created_ms       INTEGER NOT NULL,
    updated_ms       INTEGER NOT NULL,
    CHECK (last_block >= first_block)
) STRICT;

CREATE TABLE bundle_txs (
    bundle_id INTEGER NOT NULL REFERENCES bundles (id),
    position  INTEGER NOT NULL CHECK (position >= 0),
    tx_hash   TEXT    NOT NULL CHECK (length(tx_hash) = 66 AND tx_hash GLOB '0x*' AND substr(tx_hash, 3) NOT GLOB '*[^0-9a-f]*'),
    raw_tx    TEXT    NOT NULL CHECK (length(raw_tx) > 2 AND length(raw_tx) % 2 = 0 AND raw_tx GLOB '0x*'
                                      AND substr(raw_tx, 3) NOT GLOB '*[^0-9a-f]*'),
    PRIMARY KEY (bundle_id, position)
) STRICT;

CREATE TABLE submissions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    bundle_id    INTEGER NOT NULL REFERENCES bundles (id),
    builder      TEXT    NOT NULL CHECK (length(builder) BETWEEN 1 AND 64),
    target_block INTEGER NOT NULL CHECK (target_block >= 0),
    status       TEXT    NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'REJECTED', 'UNKNOWN')),
    response     TEXT    CHECK (response IS NULL OR length(response) <= 2000),
    latency_ms   INTEGER CHECK (latency_ms IS NULL OR latency_ms >= 0),
    intent_ms    INTEGER NOT NULL,
    outcome_ms   INTEGER,
    UNIQUE (bundle_id, builder, target_block)
) STRICT;

CREATE TABLE executions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    bundle_id       INTEGER NOT NULL UNIQUE REFERENCES bundles (id),
    opportunity_id  INTEGER NOT NULL REFERENCES opportunities (id),
    outcome         TEXT    NOT NULL CHECK (outcome IN ('LANDED', 'MISSED', 'REVERTED')),
    block_number    INTEGER CHECK (block_number IS NULL OR block_number >= 0),
    tx_hash         TEXT    CHECK (tx_hash IS NULL OR (length(tx_hash) = 66 AND tx_hash GLOB '0x*' AND substr(tx_hash, 3) NOT GLOB '*[^0-9a-f]*')),
    gas_used        INTEGER NOT NULL CHECK (gas_used >= 0),
    gas_cost        TEXT    NOT NULL CHECK (typeof(gas_cost) = 'text' AND length(gas_cost) BETWEEN 1 AND 78 AND gas_cost NOT GLOB '*[^0-9]*' AND (gas_cost = '0' OR gas_cost NOT GLOB '0*') AND (length(gas_cost) < 78 OR gas_cost <= '115792089237316195423570985008687907853269984665640564039457584007913129639935')),
    realized_profit TEXT    NOT NULL CHECK (typeof(realized_profit) = 'text' AND ((length(realized_profit) BETWEEN 1 AND 77 AND realized_profit NOT GLOB '*[^0-9]*' AND (realized_profit = '0' OR realized_profit NOT GLOB '0*') AND (length(realized_profit) < 77 OR realized_profit <= '57896044618658097711785492504343953926634992332820282019728792003956564819967')) OR (realized_profit GLOB '-[1-9]*' AND length(realized_profit) BETWEEN 2 AND 78 AND substr(realized_profit, 2) NOT GLOB '*[^0-9]*' AND (length(realized_profit) < 78 OR substr(realized_profit, 2) <= '57896044618658097711785492504343953926634992332820282019728792003956564819968')))),
    recorded_ms     INTEGER NOT NULL
) STRICT;

CREATE TABLE price_snapshots (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    base        TEXT    NOT NULL CHECK (length(base) BETWEEN 1 AND 64),
    quote       TEXT    NOT NULL CHECK (length(quote) BETWEEN 1 AND 64),
    price       TEXT    NOT NULL CHECK (typeof(price) = 'text' AND length(price) BETWEEN 1 AND 100 AND price GLOB '[0-9]*' AND price NOT GLOB '*[^0-9.]*' AND price NOT GLOB '*.*.*' AND price NOT GLOB '*.'),
    confidence  TEXT    CHECK (confidence IS NULL OR (typeof(confidence) = 'text' AND length(confidence) BETWEEN 1 AND 100 AND confidence GLOB '[0-9]*' AND confidence NOT GLOB '*[^0-9.]*' AND confidence NOT GLOB '*.*.*' AND confidence NOT GLOB '*.')),
    observed_ms INTEGER NOT NULL,
    recorded_ms INTEGER NOT NULL,
    UNIQUE (base, quote, observed_ms)
) STRICT;

CREATE TABLE price_quotes (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    snapshot_id      INTEGER NOT NULL REFERENCES price_snapshots (id),
    source           TEXT    NOT NULL CHECK (length(source) BETWEEN 1 AND 64),
    price            TEXT    NOT NULL CHECK (typeof(price) = 'text' AND length(price) BETWEEN 1 AND 100 AND price GLOB '[0-9]*' AND price NOT GLOB '*[^0-9.]*' AND price NOT GLOB '*.*.*' AND price NOT GLOB '*.'),
    confidence       TEXT    CHECK (confidence IS NULL OR (typeof(confidence) = 'text' AND length(confidence) BETWEEN 1 AND 100 AND confidence GLOB '[0-9]*' AND confidence NOT GLOB '*[^0-9.]*' AND confidence NOT GLOB '*.*.*' AND confidence NOT GLOB '*.')),
    observed_ms      INTEGER NOT NULL,
    included         INTEGER NOT NULL CHECK (included IN (0, 1)),
    exclusion_reason TEXT    CHECK (exclusion_reason IS NULL OR length(exclusion_reason) <= 1000),
    UNIQUE (snapshot_id, source)
) STRICT;

CREATE TABLE risk_state (
    scope        TEXT    NOT NULL CHECK (length(scope) BETWEEN 1 AND 64),
    day          TEXT    NOT NULL CHECK (length(day) = 10 AND day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    realized_pnl TEXT    NOT NULL CHECK (typeof(realized_pnl) = 'text' AND ((length(realized_pnl) BETWEEN 1 AND 77 AND realized_pnl NOT GLOB '*[^0-9]*' AND (realized_pnl = '0' OR realized_pnl NOT GLOB '0*') AND (length(realized_pnl) < 77 OR realized_pnl <= '57896044618658097711785492504343953926634992332820282019728792003956564819967')) OR (realized_pnl GLOB '-[1-9]*' AND length(realized_pnl) BETWEEN 2 AND 78 AND substr(realized_pnl, 2) NOT GLOB '*[^0-9]*' AND (length(realized_pnl) < 78 OR substr(realized_pnl, 2) <= '57896044618658097711785492504343953926634992332820282019728792003956564819968')))),
    loss_limit   TEXT    NOT NULL CHECK (typeof(loss_limit) = 'text' AND length(loss_limit) BETWEEN 1 AND 78 AND loss_limit NOT GLOB '*[^0-9]*' AND (loss_limit = '0' OR loss_limit NOT GLOB '0*') AND (length(loss_limit) < 78 OR loss_limit <= '115792089237316195423570985008687907853269984665640564039457584007913129639935')),
    killed       INTEGER NOT NULL CHECK (killed IN (0, 1)),
    kill_reason  TEXT    CHECK (kill_reason IS NULL OR length(kill_reason) <= 1000),
    updated_ms   INTEGER NOT NULL,
    PRIMARY KEY (scope, day)
) STRICT;

CREATE TABLE events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_ms    INTEGER NOT NULL,
    entity         TEXT    NOT NULL CHECK (entity IN ('OPPORTUNITY', 'BUNDLE', 'SUBMISSION', 'RISK')),
    entity_id      INTEGER,
    opportunity_id INTEGER REFERENCES opportunities (id),
    kind           TEXT    NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
    detail         TEXT    NOT NULL CHECK (length(detail) <= 2000)
) STRICT;

-- Archives: the same columns, no foreign keys (their parents may stay live), filled only by the archiver.
CREATE TABLE events_archive (
    id             INTEGER PRIMARY KEY,
    occurred_ms    INTEGER NOT NULL,
    entity         TEXT    NOT NULL,
    entity_id      INTEGER,
    opportunity_id INTEGER,
    kind           TEXT    NOT NULL,
    detail         TEXT    NOT NULL
) STRICT;

CREATE TABLE price_snapshots_archive (
    id          INTEGER PRIMARY KEY,
    base        TEXT    NOT NULL,
    quote       TEXT    NOT NULL,
    price       TEXT    NOT NULL,
    confidence  TEXT,
    observed_ms INTEGER NOT NULL,
    recorded_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE price_quotes_archive (
    id               INTEGER PRIMARY KEY,
    snapshot_id      INTEGER NOT NULL,
    source           TEXT    NOT NULL,
    price            TEXT    NOT NULL,
    confidence       TEXT,
    observed_ms      INTEGER NOT NULL,
    included         INTEGER NOT NULL,
    exclusion_reason TEXT
) STRICT;

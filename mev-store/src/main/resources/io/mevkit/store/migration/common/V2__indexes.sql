-- Indexes for the frequent queries; the same statements on SQLite and PostgreSQL.
-- Unique keys already index: tokens/pools (chain_id, address), opportunities (chain_id, victim_tx_hash, ...),
-- bundles (bundle_hash), submissions (bundle_id, builder, target_block), executions (bundle_id),
-- price_snapshots (base, quote, observed_ms), price_quotes (snapshot_id, source), risk_state (scope, day).

CREATE INDEX pools_token0 ON pools (chain_id, token0);
CREATE INDEX pools_token1 ON pools (chain_id, token1);

CREATE INDEX opportunities_status_created ON opportunities (status, created_ms);
CREATE INDEX opportunities_victim_tx ON opportunities (victim_tx_hash);
CREATE INDEX opportunities_block ON opportunities (block_number);
CREATE INDEX opportunities_pool ON opportunities (chain_id, pool_address);

CREATE INDEX bundles_opportunity ON bundles (opportunity_id);
CREATE INDEX bundles_status_created ON bundles (status, created_ms);
CREATE INDEX bundles_first_block ON bundles (first_block);
CREATE INDEX bundle_txs_tx_hash ON bundle_txs (tx_hash);

CREATE INDEX submissions_status_intent ON submissions (status, intent_ms);
CREATE INDEX submissions_target_block ON submissions (target_block);

CREATE INDEX executions_opportunity ON executions (opportunity_id);
CREATE INDEX executions_block ON executions (block_number);
CREATE INDEX executions_tx_hash ON executions (tx_hash);
CREATE INDEX executions_recorded ON executions (recorded_ms);

CREATE INDEX price_snapshots_observed ON price_snapshots (observed_ms);

CREATE INDEX events_opportunity ON events (opportunity_id, id);
CREATE INDEX events_occurred ON events (occurred_ms);
CREATE INDEX events_archive_occurred ON events_archive (occurred_ms);
CREATE INDEX events_archive_opportunity ON events_archive (opportunity_id, id);

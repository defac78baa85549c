package io.mevkit.store.internal;

import java.util.List;

/** The store's tables, parents before children (the order to copy them in), and which hold identity ids. */
public final class Tables {
    /** Every table, live then archive, parents first. */
    public static final List<String> ALL = List.of(
            "tokens",
            "pools",
            "opportunities",
            "bundles",
            "bundle_txs",
            "submissions",
            "executions",
            "price_snapshots",
            "price_quotes",
            "risk_state",
            "risk_policy_state",
            "events",
            "events_archive",
            "price_snapshots_archive",
            "price_quotes_archive");

    /** Tables whose {@code id} is generated, so a restore must move the generator past the largest id. */
    public static final List<String> WITH_GENERATED_ID = List.of(
            "opportunities", "bundles", "submissions", "executions", "price_snapshots", "price_quotes", "events");

    private Tables() {}
}

package io.mevkit.store.internal;

import io.mevkit.store.BundleRepository;
import io.mevkit.store.EventRepository;
import io.mevkit.store.ExecutionRepository;
import io.mevkit.store.OpportunityRepository;
import io.mevkit.store.PoolRepository;
import io.mevkit.store.PriceRepository;
import io.mevkit.store.RiskRepository;
import io.mevkit.store.StoreTransaction;
import io.mevkit.store.SubmissionRepository;
import io.mevkit.store.TokenRepository;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** One transaction's repositories over one handle. Not thread-safe: used by the thread running the callback. */
public final class Transaction implements StoreTransaction {
    private final TxContext tx;
    private final JdbiOpportunities opportunities;
    private final JdbiBundles bundles;
    private @Nullable JdbiTokens tokens;
    private @Nullable JdbiPools pools;
    private @Nullable JdbiSubmissions submissions;
    private @Nullable JdbiExecutions executions;
    private @Nullable JdbiPrices prices;
    private @Nullable JdbiRisk risk;
    private @Nullable JdbiEvents events;

    public Transaction(TxContext tx) {
        this.tx = tx;
        this.opportunities = new JdbiOpportunities(tx);
        this.bundles = new JdbiBundles(tx, opportunities);
    }

    @Override
    public TokenRepository tokens() {
        if (tokens == null) {
            tokens = new JdbiTokens(tx);
        }
        return tokens;
    }

    @Override
    public PoolRepository pools() {
        if (pools == null) {
            pools = new JdbiPools(tx);
        }
        return pools;
    }

    @Override
    public OpportunityRepository opportunities() {
        return opportunities;
    }

    @Override
    public BundleRepository bundles() {
        return bundles;
    }

    @Override
    public SubmissionRepository submissions() {
        if (submissions == null) {
            submissions = new JdbiSubmissions(tx, bundles, opportunities);
        }
        return submissions;
    }

    @Override
    public ExecutionRepository executions() {
        if (executions == null) {
            executions = new JdbiExecutions(tx, bundles, opportunities);
        }
        return executions;
    }

    @Override
    public PriceRepository prices() {
        if (prices == null) {
            prices = new JdbiPrices(tx);
        }
        return prices;
    }

    @Override
    public RiskRepository risk() {
        if (risk == null) {
            risk = new JdbiRisk(tx);
        }
        return risk;
    }

    @Override
    public EventRepository events() {
        if (events == null) {
            events = new JdbiEvents(tx);
        }
        return events;
    }

    @Override
    public Handle handle() {
        return tx.handle;
    }

    /** The context of {@code transaction}, which the store made: every {@link StoreTransaction} it hands out is one. */
    static TxContext context(StoreTransaction transaction) {
        return ((Transaction) transaction).tx;
    }
}

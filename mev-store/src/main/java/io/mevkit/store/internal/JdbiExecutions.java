package io.mevkit.store.internal;

import io.mevkit.store.Bundle;
import io.mevkit.store.BundleStatus;
import io.mevkit.store.Execution;
import io.mevkit.store.ExecutionOutcome;
import io.mevkit.store.ExecutionRepository;
import io.mevkit.store.NewExecution;
import io.mevkit.store.OpportunityStatus;
import io.mevkit.store.StoreException;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Bundles' on-chain outcomes, which also settle the bundle's and the opportunity's status. */
final class JdbiExecutions implements ExecutionRepository {
    private static final String COLUMNS = "id, bundle_id, opportunity_id, outcome, block_number, tx_hash, gas_used,"
            + " gas_cost, realized_profit, recorded_ms";

    private final TxContext tx;
    private final JdbiBundles bundles;
    private final JdbiOpportunities opportunities;

    JdbiExecutions(TxContext tx, JdbiBundles bundles, JdbiOpportunities opportunities) {
        this.tx = tx;
        this.bundles = bundles;
        this.opportunities = opportunities;
    }

    @Override
    public Execution record(NewExecution e) {
        Objects.requireNonNull(e, "execution");
        Bundle bundle = bundles.require(e.bundleId());
        long now = tx.now();
        long id = tx.handle
                .createQuery("INSERT INTO executions (bundle_id, opportunity_id, outcome, block_number, tx_hash,"
                        + " gas_used, gas_cost, realized_profit, recorded_ms)"
                        + " VALUES (:bundleId, :opportunityId, :outcome, :block, :txHash, :gasUsed, :gasCost,"
                        + " :profit, :now)"
                        + " ON CONFLICT (bundle_id) DO UPDATE SET outcome = excluded.outcome,"
                        + " block_number = excluded.block_number, tx_hash = excluded.tx_hash,"
                        + " gas_used = excluded.gas_used, gas_cost = excluded.gas_cost,"
                        + " realized_profit = excluded.realized_profit, recorded_ms = excluded.recorded_ms"
                        + " RETURNING id")
                .bind("bundleId", e.bundleId())
                .bind("opportunityId", bundle.opportunityId())
                .bind("outcome", e.outcome().name())
                .bindByType("block", e.blockNumber(), Long.class)
                .bindByType("txHash", e.txHash(), String.class)
                .bind("gasUsed", e.gasUsed())
                .bindByType("gasCost", e.gasCost(), BigInteger.class)
                .bindByType("profit", e.realizedProfit(), BigInteger.class)
                .bind("now", now)
                .mapTo(Long.class)
                .one();
        String detail = Detail.of("bundleId", e.bundleId())
                .and("block", e.blockNumber())
                .and("txHash", e.txHash())
                .and("gasUsed", e.gasUsed())
                .and("gasCost", e.gasCost())
                .and("realizedProfit", e.realizedProfit())
                .toString();
        bundles.moveTo(bundle, BundleStatus.valueOf(e.outcome().name()), detail);
        opportunities.moveTo(
                bundle.opportunityId(), OpportunityStatus.valueOf(e.outcome().name()), detail);
        return new Execution(
                id,
                e.bundleId(),
                bundle.opportunityId(),
                e.outcome(),
                e.blockNumber(),
                e.txHash(),
                e.gasUsed(),
                e.gasCost(),
                e.realizedProfit(),
                TxContext.instant(now));
    }

    @Override
    public Optional<Execution> forBundle(long bundleId) {
        return tx.handle
                .createQuery("SELECT " + COLUMNS + " FROM executions WHERE bundle_id = :id")
                .bind("id", bundleId)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    @Override
    public List<Execution> forOpportunity(long opportunityId) {
        return tx.handle
                .createQuery("SELECT " + COLUMNS + " FROM executions WHERE opportunity_id = :id ORDER BY id")
                .bind("id", opportunityId)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    @Override
    public List<Execution> byBlock(long blockNumber) {
        return tx.handle
                .createQuery("SELECT " + COLUMNS + " FROM executions WHERE block_number = :block ORDER BY id")
                .bind("block", blockNumber)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    @Override
    public BigInteger realizedProfitSince(Instant since) {
        Objects.requireNonNull(since, "since");
        // summed here, exactly: SQLite keeps amounts as text, and SUM over text would go through floating point
        return tx
                .handle
                .createQuery("SELECT realized_profit FROM executions WHERE recorded_ms >= :since")
                .bind("since", since.toEpochMilli())
                .map((rs, ctx) -> tx.codec.requiredInteger(rs, "realized_profit"))
                .list()
                .stream()
                .reduce(BigInteger.ZERO, BigInteger::add);
    }

    private Execution map(ResultSet rs) throws SQLException {
        long block = rs.getLong("block_number");
        boolean hasBlock = !rs.wasNull();
        String outcome = rs.getString("outcome");
        ExecutionOutcome parsed;
        try {
            parsed = ExecutionOutcome.valueOf(outcome);
        } catch (IllegalArgumentException e) {
            throw new StoreException("unknown execution outcome in the database: " + outcome, e);
        }
        return new Execution(
                rs.getLong("id"),
                rs.getLong("bundle_id"),
                rs.getLong("opportunity_id"),
                parsed,
                hasBlock ? block : null,
                rs.getString("tx_hash"),
                rs.getLong("gas_used"),
                tx.codec.requiredInteger(rs, "gas_cost"),
                tx.codec.requiredInteger(rs, "realized_profit"),
                TxContext.instant(rs.getLong("recorded_ms")));
    }
}

package io.mevkit.store.internal;

import io.mevkit.core.ValidationException;
import io.mevkit.store.Bundle;
import io.mevkit.store.BundleStatus;
import io.mevkit.store.EntityType;
import io.mevkit.store.EventKind;
import io.mevkit.store.NotFoundException;
import io.mevkit.store.OpportunityStatus;
import io.mevkit.store.StateTransitionException;
import io.mevkit.store.StoreException;
import io.mevkit.store.Submission;
import io.mevkit.store.SubmissionOutcome;
import io.mevkit.store.SubmissionRepository;
import io.mevkit.store.SubmissionStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Submissions: intent before sending, outcome after. */
final class JdbiSubmissions implements SubmissionRepository {
    private static final String COLUMNS =
            "id, bundle_id, builder, target_block, status, response, latency_ms, intent_ms, outcome_ms";
    /** How much of a rejection's answer goes into its event (the full answer stays on the submission row). */
    private static final int RESPONSE_IN_EVENT = 500;

    private final TxContext tx;
    private final JdbiBundles bundles;
    private final JdbiOpportunities opportunities;

    JdbiSubmissions(TxContext tx, JdbiBundles bundles, JdbiOpportunities opportunities) {
        this.tx = tx;
        this.bundles = bundles;
        this.opportunities = opportunities;
    }

    @Override
    public Submission recordIntent(long bundleId, String builder, long targetBlock) {
        String name = Validate.label("builder", builder, 64);
        Validate.nonNegative("targetBlock", targetBlock);
        Bundle bundle = bundles.require(bundleId);
        if (targetBlock < bundle.firstBlock() || targetBlock > bundle.lastBlock()) {
            throw new ValidationException(
                    "targetBlock",
                    targetBlock,
                    "must be within the bundle's blocks " + bundle.firstBlock() + ".." + bundle.lastBlock());
        }
        long now = tx.now();
        Optional<Long> inserted = tx.handle
                .createQuery("INSERT INTO submissions (bundle_id, builder, target_block, status, intent_ms)"
                        + " VALUES (:bundleId, :builder, :block, 'PENDING', :now)"
                        + " ON CONFLICT (bundle_id, builder, target_block) DO NOTHING RETURNING id")
                .bind("bundleId", bundleId)
                .bind("builder", name)
                .bind("block", targetBlock)
                .bind("now", now)
                .mapTo(Long.class)
                .findFirst();
        if (inserted.isEmpty()) {
            return tx.handle
                    .createQuery("SELECT " + COLUMNS + " FROM submissions"
                            + " WHERE bundle_id = :bundleId AND builder = :builder AND target_block = :block")
                    .bind("bundleId", bundleId)
                    .bind("builder", name)
                    .bind("block", targetBlock)
                    .map((rs, ctx) -> map(rs))
                    .one();
        }
        long id = inserted.get();
        tx.event(
                now,
                EntityType.SUBMISSION,
                id,
                bundle.opportunityId(),
                EventKind.SUBMISSION_PENDING,
                Detail.of("builder", name)
                        .and("block", targetBlock)
                        .and("bundleId", bundleId)
                        .toString());
        return new Submission(
                id, bundleId, name, targetBlock, SubmissionStatus.PENDING, null, null, TxContext.instant(now), null);
    }

    @Override
    public Submission recordOutcome(long submissionId, SubmissionOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        Submission current =
                find(submissionId).orElseThrow(() -> new NotFoundException(EntityType.SUBMISSION, submissionId));
        if (current.status() == outcome.status()) {
            return current;
        }
        if (!current.status().canMoveTo(outcome.status())) {
            throw new StateTransitionException(
                    EntityType.SUBMISSION,
                    submissionId,
                    current.status().name(),
                    outcome.status().name());
        }
        long now = tx.now();
        int updated = tx.handle
                .createUpdate("UPDATE submissions SET status = :to, response = :response, latency_ms = :latency,"
                        + " outcome_ms = :now WHERE id = :id AND status = :from")
                .bind("to", outcome.status().name())
                .bindByType("response", outcome.response(), String.class)
                .bind("latency", outcome.latency().toMillis())
                .bind("now", now)
                .bind("id", submissionId)
                .bind("from", current.status().name())
                .execute();
        if (updated != 1) {
            String actual = find(submissionId).map(s -> s.status().name()).orElse("deleted");
            throw new StateTransitionException(
                    EntityType.SUBMISSION,
                    submissionId,
                    actual,
                    outcome.status().name());
        }
        Bundle bundle = bundles.require(current.bundleId());
        Detail detail = Detail.of("builder", current.builder())
                .and("block", current.targetBlock())
                .and("latencyMs", outcome.latency().toMillis());
        if (outcome.status() == SubmissionStatus.REJECTED && outcome.response() != null) {
            String answer = outcome.response();
            detail.and(
                    "response",
                    answer.length() <= RESPONSE_IN_EVENT ? answer : answer.substring(0, RESPONSE_IN_EVENT) + "...");
        }
        tx.event(
                now,
                EntityType.SUBMISSION,
                submissionId,
                bundle.opportunityId(),
                EventKind.of(outcome.status()),
                detail.toString());
        if (outcome.status() == SubmissionStatus.ACCEPTED || outcome.status() == SubmissionStatus.UNKNOWN) {
            String why = Detail.of("builder", current.builder())
                    .and("block", current.targetBlock())
                    .and("submissionId", submissionId)
                    .toString();
            bundles.moveTo(bundle, BundleStatus.SUBMITTED, why, BundleStatus.SIGNED);
            opportunities.moveTo(bundle.opportunityId(), OpportunityStatus.SUBMITTED, why, OpportunityStatus.PLANNED);
        }
        return find(submissionId).orElseThrow();
    }

    @Override
    public Optional<Submission> find(long id) {
        return tx.handle
                .createQuery("SELECT " + COLUMNS + " FROM submissions WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    @Override
    public List<Submission> pending(int limit) {
        return tx.handle
                .createQuery("SELECT " + COLUMNS + " FROM submissions WHERE status = 'PENDING'"
                        + " ORDER BY intent_ms, id LIMIT :limit")
                .bind("limit", Limits.check(limit))
                .map((rs, ctx) -> map(rs))
                .list();
    }

    @Override
    public List<Submission> forBundle(long bundleId) {
        return tx.handle
                .createQuery("SELECT " + COLUMNS + " FROM submissions WHERE bundle_id = :bundleId ORDER BY id")
                .bind("bundleId", bundleId)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    @Override
    public List<Submission> byTargetBlock(long targetBlock) {
        return tx.handle
                .createQuery("SELECT " + COLUMNS + " FROM submissions WHERE target_block = :block ORDER BY id")
                .bind("block", targetBlock)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    private static Submission map(ResultSet rs) throws SQLException {
        long latency = rs.getLong("latency_ms");
        boolean hasLatency = !rs.wasNull();
        long outcomeMs = rs.getLong("outcome_ms");
        boolean hasOutcome = !rs.wasNull();
        String status = rs.getString("status");
        SubmissionStatus parsed;
        try {
            parsed = SubmissionStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new StoreException("unknown submission status in the database: " + status, e);
        }
        return new Submission(
                rs.getLong("id"),
                rs.getLong("bundle_id"),
                rs.getString("builder"),
                rs.getLong("target_block"),
                parsed,
                rs.getString("response"),
                hasLatency ? Duration.ofMillis(latency) : null,
                TxContext.instant(rs.getLong("intent_ms")),
                hasOutcome ? TxContext.instant(outcomeMs) : null);
    }
}

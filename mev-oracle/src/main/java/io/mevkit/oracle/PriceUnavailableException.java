package io.mevkit.oracle;

import java.util.List;

/**
 * No trustworthy price: a typed failure with the provenance of every source that was asked. Never a zero or a
 * silent default.
 */
public final class PriceUnavailableException extends OracleException {
    private static final long serialVersionUID = 1L;

    /** Why there is no price. */
    public enum Failure {
        /** No configured source can price the asset. */
        NO_SOURCES,
        /** Every source that answered was stale. */
        ALL_STALE,
        /** Every source failed, timed out or was unavailable. */
        ALL_FAILED,
        /** Fewer sources (or source kinds) counted than the policy requires. */
        NO_QUORUM,
        /** The aggregate's confidence score is below the policy's minimum. */
        LOW_CONFIDENCE
    }

    private final transient AssetKey asset;
    private final Failure failure;
    private final transient List<Quote> included;
    private final transient List<Exclusion> excluded;

    public PriceUnavailableException(
            AssetKey asset, Failure failure, String detail, List<Quote> included, List<Exclusion> excluded) {
        super("no price for " + asset + ": " + failure + " (" + detail + ")");
        this.asset = asset;
        this.failure = failure;
        this.included = List.copyOf(included);
        this.excluded = List.copyOf(excluded);
    }

    public AssetKey asset() {
        return asset;
    }

    public Failure failure() {
        return failure;
    }

    /** Quotes that would have counted. */
    public List<Quote> included() {
        return included;
    }

    /** Sources that did not count, with why. */
    public List<Exclusion> excluded() {
        return excluded;
    }
}

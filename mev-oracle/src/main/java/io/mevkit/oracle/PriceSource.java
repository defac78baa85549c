package io.mevkit.oracle;

/**
 * One place prices come from. Implement it to add a source; the oracle calls {@link #fetch} on its own executor,
 * in parallel with the other sources and under a per-source timeout, so a blocking implementation is fine.
 * Implementations must be thread-safe.
 */
public interface PriceSource {
    /** A short unique name, used in provenance, breakers and per-source settings. */
    String name();

    SourceKind kind();

    /** Whether the registry tells this source how to price the asset (a source that can't is not asked). */
    boolean supports(AssetKey asset, PriceRegistry registry);

    /**
     * One quote for the asset.
     *
     * @throws PriceSourceException with the reason the quote is unavailable (rate-limited, not found, stale, ...)
     */
    Quote fetch(FetchContext context);
}

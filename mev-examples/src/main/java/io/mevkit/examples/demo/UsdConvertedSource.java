package io.mevkit.examples.demo;

import io.mevkit.oracle.AggregatedPrice;
import io.mevkit.oracle.AssetKey;
import io.mevkit.oracle.FetchContext;
import io.mevkit.oracle.PriceOracle;
import io.mevkit.oracle.PriceRegistry;
import io.mevkit.oracle.PriceSource;
import io.mevkit.oracle.Quote;
import io.mevkit.oracle.SourceKind;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * A source whose quotes come in another asset (a pool TWAP in USDC) turned into USD quotes through a separate oracle
 * for that asset (the USDC/USD feed), uncertainty propagated. It lets the main oracle require a quorum of two USD
 * sources for WETH (the ETH/USD feed and the pool's TWAP) while USDC itself, priced by one feed, is aggregated with a
 * policy of its own. Thread-safe when both parts are.
 */
final class UsdConvertedSource implements PriceSource {
    private static final MathContext MC = MathContext.DECIMAL64;
    private final PriceSource inner;
    private final PriceOracle denominations;

    UsdConvertedSource(PriceSource inner, PriceOracle denominations) {
        this.inner = inner;
        this.denominations = denominations;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public SourceKind kind() {
        return inner.kind();
    }

    @Override
    public boolean supports(AssetKey asset, PriceRegistry registry) {
        return inner.supports(asset, registry);
    }

    @Override
    public Quote fetch(FetchContext context) {
        Quote q = inner.fetch(context);
        if (q.isUsd()) {
            return q;
        }
        AssetKey denomination = q.denomination().orElseThrow();
        AggregatedPrice usd = denominations.price(denomination.chainId(), denomination.token());
        BigDecimal price = q.price().multiply(usd.value(), MC);
        BigDecimal a = q.uncertainty().multiply(usd.value(), MC);
        BigDecimal b = q.price().multiply(usd.sigma(), MC);
        BigDecimal sigma = a.multiply(a, MC).add(b.multiply(b, MC)).sqrt(MC);
        return new Quote(
                q.asset(),
                q.source(),
                q.kind(),
                price,
                sigma,
                q.observedAt(),
                q.fetchedAt(),
                q.block(),
                Optional.empty());
    }
}

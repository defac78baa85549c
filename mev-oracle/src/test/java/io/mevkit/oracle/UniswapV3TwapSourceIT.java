package io.mevkit.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.amm.TickMath;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.AnvilExtension;
import io.mevkit.testing.TestTokens;
import io.mevkit.testing.UniswapV2;
import io.mevkit.testing.UniswapV3;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TWAP source against a real Uniswap V3 pool (v3-core bytecode) on anvil. */
class UniswapV3TwapSourceIT {
    @RegisterExtension
    static final AnvilExtension ANVIL = AnvilExtension.create();

    @Test
    void aSteadyPoolsTwapIsItsTickAndAWindowBeyondHistoryIsOld() {
        Anvil anvil = ANVIL.anvil();
        UniswapV3 v3 = UniswapV3.deploy(anvil, UniswapV2.deploy(anvil).weth());
        TestTokens tokens = new TestTokens(anvil);
        String x = tokens.deploy("Base", "BASE", 18);
        String y = tokens.deploy("Quote", "QUOTE", 6);
        boolean xFirst = Address.of(x).compareTo(Address.of(y)) < 0;
        String token0 = xFirst ? x : y;
        String token1 = xFirst ? y : x;
        int tick = xFirst ? -200_000 : 200_000; // a price like ETH in USDC either way round
        String pool = v3.createPool(token0, token1, 3000, TickMath.getSqrtRatioAtTick(tick));
        String provider = anvil.accounts().get(3);
        BigInteger amount = BigInteger.TEN.pow(30);
        tokens.mint(token0, provider, amount);
        tokens.mint(token1, provider, amount);
        tokens.approveMax(provider, token0, v3.positionManager());
        tokens.approveMax(provider, token1, v3.positionManager());
        v3.mint(provider, token0, token1, 3000, -887220, 887220, BigInteger.TEN.pow(24), BigInteger.TEN.pow(24));

        AssetKey base = AssetKey.of(anvil.chainId(), x);
        AssetKey quote = AssetKey.of(anvil.chainId(), y);
        PriceRegistry registry = PriceRegistry.builder()
                .twap(base, new TwapRoute(Address.of(pool), Duration.ofMinutes(30), quote, 18, 6))
                .build();
        try (RpcClient rpc = RpcClient.builder()
                .chainId(anvil.chainId())
                .endpoint(anvil.rpcUrl())
                .build()) {
            UniswapV3TwapSource source = UniswapV3TwapSource.create(EthCaller.of(rpc), Clock.systemUTC());

            PriceSourceException old =
                    assertThrows(PriceSourceException.class, () -> source.fetch(ctx(base, registry)));
            assertEquals(ExclusionReason.ERROR, old.reason());
            assertTrue(old.getMessage().contains("OLD"), old.getMessage());

            anvil.rpc("evm_increaseTime", 3600);
            anvil.mine();
            Quote q = source.fetch(ctx(base, registry));
            int poolTick = v3.state(pool).tick();
            BigInteger expected =
                    UniswapV3TwapSource.quoteAtTick(poolTick, BigInteger.TEN.pow(18), Address.of(x), Address.of(y));
            assertEquals(new BigDecimal(expected, 6), q.price());
            assertEquals(Optional.of(quote), q.denomination());
            assertEquals(SourceKind.DEX_TWAP, q.kind());
            assertTrue(q.uncertainty().signum() > 0
                    && q.uncertainty().compareTo(q.price().movePointLeft(2)) < 0);
        }
    }

    private static FetchContext ctx(AssetKey asset, PriceRegistry registry) {
        return new FetchContext(asset, registry, Optional.empty(), java.time.Instant.now());
    }
}

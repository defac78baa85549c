package io.mevkit.store;

import io.mevkit.core.Address;
import io.mevkit.core.Hex;
import io.mevkit.core.amm.TickMath;
import io.mevkit.core.amm.V2Fee;
import io.mevkit.core.amm.V2Math;
import io.mevkit.core.amm.V2Pool;
import io.mevkit.core.amm.V3PoolState;
import io.mevkit.core.amm.V3SwapSimulator;
import io.mevkit.core.bundle.SignedTx;
import io.mevkit.core.sandwich.LegGas;
import io.mevkit.core.sandwich.RouterDialect;
import io.mevkit.core.sandwich.SandwichPlan;
import io.mevkit.core.sandwich.SandwichRequest;
import io.mevkit.core.sandwich.SandwichSizer;
import io.mevkit.core.sandwich.SwapKind;
import io.mevkit.core.sandwich.V3PathHop;
import io.mevkit.core.sandwich.V3Router;
import io.mevkit.core.sandwich.V3SandwichPlan;
import io.mevkit.core.sandwich.V3SandwichRequest;
import io.mevkit.core.sandwich.V3SandwichSizer;
import io.mevkit.core.sandwich.V3VictimSwap;
import io.mevkit.core.sandwich.VictimSwap;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Credentials;

/** Real plans from the core's sizers (pure math on fixed pools) and signed transactions, to map into the store. */
final class CoreFixtures {
    static final Address WETH = Address.of("0x" + "c0".repeat(20));
    static final Address USDC = Address.of("0x" + "a0".repeat(20));
    static final Address TOKEN = Address.of("0x" + "0b".repeat(20));
    static final Address USER = Address.of("0x" + "11".repeat(20));
    static final Address ROUTER = Address.of("0x" + "22".repeat(20));
    static final Address V2_POOL = Address.of("0x" + "e1".repeat(20));
    static final Address V3_POOL = Address.of("0x" + "aa".repeat(20));
    static final BigInteger E18 = BigInteger.TEN.pow(18);

    record V2(SandwichPlan plan, V2Pool pool) {}

    record V3(V3SandwichPlan plan, V3PoolState pool) {}

    private CoreFixtures() {}

    /** A 20 ETH buy of USDC with 1 % slippage on a 1 000 ETH / 3 000 000 USDC pair, sized by the V2 sizer. */
    static V2 v2Plan() {
        BigInteger usdc = BigInteger.TEN.pow(6);
        V2Pool pool = V2Pool.of(
                V2_POOL,
                WETH,
                E18.multiply(BigInteger.valueOf(1_000)),
                USDC,
                usdc.multiply(BigInteger.valueOf(3_000_000)),
                V2Fee.UNISWAP,
                10);
        BigInteger in = E18.multiply(BigInteger.valueOf(20));
        BigInteger quote = V2Math.getAmountOut(
                in,
                E18.multiply(BigInteger.valueOf(1_000)),
                usdc.multiply(BigInteger.valueOf(3_000_000)),
                V2Fee.UNISWAP);
        VictimSwap victim = new VictimSwap(
                RouterDialect.UNISWAP_V2_ROUTER02,
                ROUTER,
                "swapExactTokensForTokens",
                SwapKind.EXACT_INPUT,
                List.of(WETH, USDC),
                in,
                quote.multiply(BigInteger.valueOf(9_900)).divide(BigInteger.valueOf(10_000)),
                USER,
                Optional.of(BigInteger.valueOf(2_000)),
                false,
                false,
                false);
        SandwichRequest request = SandwichRequest.builder()
                .victim(victim)
                .pools(List.of(pool))
                .capital(WETH, E18.multiply(BigInteger.valueOf(10_000)))
                .wrappedNative(WETH)
                .legGas(new LegGas(120_000, 110_000))
                .baseFee(BigInteger.valueOf(20_000_000_000L))
                .tip(BigInteger.valueOf(1_000_000_000L))
                .headBlock(10)
                .targetTimestamp(1_000)
                .build();
        return new V2((SandwichPlan) SandwichSizer.defaults().size(request), pool);
    }

    /** A 40 ETH buy with 1 % slippage on a 0.3 % V3 pool with several positions, sized by the V3 sizer. */
    static V3 v3Plan() {
        V3PoolState pool = V3PoolState.builder()
                .address(V3_POOL)
                .sqrtPriceX96(TickMath.getSqrtRatioAtTick(37))
                .fee(3000)
                .blockNumber(7)
                .position(-600, 600, E18.multiply(BigInteger.valueOf(2000)))
                .position(-120, 180, E18.multiply(BigInteger.valueOf(1500)))
                .position(60, 900, E18.multiply(BigInteger.valueOf(800)))
                .position(-1800, -600, E18.multiply(BigInteger.valueOf(3000)))
                .position(240, 300, E18.multiply(BigInteger.valueOf(5000)))
                .build();
        BigInteger in = E18.multiply(BigInteger.valueOf(40));
        BigInteger quote = V3SwapSimulator.exactInput(pool, false, in).amountOut();
        V3VictimSwap victim = new V3VictimSwap(
                V3Router.SWAP_ROUTER_02,
                "exactInputSingle",
                true,
                List.of(new V3PathHop(WETH, 3000, TOKEN)),
                USER,
                in,
                quote.multiply(BigInteger.valueOf(9_900)).divide(BigInteger.valueOf(10_000)),
                BigInteger.ZERO,
                Optional.empty(),
                List.of());
        V3SandwichRequest request = V3SandwichRequest.builder()
                .victim(victim)
                .pools(List.of(pool))
                .capital(WETH, E18.multiply(BigInteger.valueOf(1000)))
                .wrappedNative(WETH)
                .legGas(new LegGas(120_000, 110_000))
                .baseFee(BigInteger.valueOf(20_000_000_000L))
                .tip(BigInteger.valueOf(1_000_000_000L))
                .headBlock(7)
                .targetTimestamp(1_700_000_000L)
                .build();
        return new V3((V3SandwichPlan) V3SandwichSizer.defaults().size(request), pool);
    }

    /** Stores the tokens and both pools (the opportunities' foreign keys). */
    static void seed(StoreTransaction tx, V2Pool v2, V3PoolState v3) {
        tx.tokens().upsert(new Token(Fixtures.CHAIN, WETH.hex(), "WETH", 18, null));
        tx.tokens().upsert(new Token(Fixtures.CHAIN, USDC.hex(), "USDC", 6, null));
        tx.tokens().upsert(new Token(Fixtures.CHAIN, TOKEN.hex(), "TKN", 18, null));
        tx.pools().upsert(CoreMapping.pool(Fixtures.CHAIN, "UNISWAP_V2", v2));
        tx.pools().upsert(new Pool(Fixtures.CHAIN, V3_POOL.hex(), "UNISWAP_V3", TOKEN.hex(), WETH.hex(), v3.fee()));
    }

    /** A real EIP-1559 transaction signed with the searcher's test key, as the core carries it. */
    static SignedTx signed(long nonce) {
        Address sender = Address.of(Credentials.create(Fixtures.SEARCHER_KEY).getAddress());
        return SignedTx.of(Hex.decode(Fixtures.signedTx(nonce)), sender, nonce);
    }
}

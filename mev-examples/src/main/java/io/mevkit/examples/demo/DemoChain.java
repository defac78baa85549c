package io.mevkit.examples.demo;

import static io.mevkit.testing.Abi.address;
import static io.mevkit.testing.Abi.fn;
import static io.mevkit.testing.Abi.uint;

import io.mevkit.core.Address;
import io.mevkit.core.amm.TickMath;
import io.mevkit.testing.Abi;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.ContractArtifact;
import io.mevkit.testing.TestTokens;
import io.mevkit.testing.Tx;
import io.mevkit.testing.UniswapV2;
import io.mevkit.testing.UniswapV3;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int192;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * The demo's chain: WETH9, Uniswap V2 (factory, Router02, a WETH/USDC pair), Uniswap V3 (factory, SwapRouter,
 * position manager, QuoterV2, a WETH/USDC 0.3% pool with three positions), two Chainlink-style feeds (ETH/USD and
 * USDC/USD, MockAggregatorV3), all from the real bytecode, with liquidity seeded at one price (about 3000 USDC per
 * WETH) and funded accounts: account 0 deploys and provides liquidity, account 1 ({@link #SEARCHER_ACCOUNT}) is the
 * searcher, accounts 2..5 send the victims' swaps. No key is held here.
 */
public record DemoChain(
        Anvil anvil,
        UniswapV2 v2,
        UniswapV3 v3,
        String weth,
        String usdc,
        String v2Pair,
        String v3Pool,
        int v3Fee,
        String ethUsdFeed,
        String usdcUsdFeed,
        String searcher,
        List<String> victims,
        BigInteger searcherCapital) {

    /** The anvil account index of the searcher. */
    public static final int SEARCHER_ACCOUNT = 1;

    static final int V3_FEE = 3000;
    static final int V3_SPACING = 60;
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger Q192 = BigInteger.ONE.shiftLeft(192);
    /** About 3000 USDC (6 decimals) per WETH (18 decimals): 1.0001^±196260. */
    private static final int PRICE_TICK = 196_260;

    /** Deploys and seeds everything on {@code anvil} (mining one block per setup transaction). */
    public static DemoChain deploy(Anvil anvil) {
        String lp = anvil.accounts().get(0);
        String searcher = anvil.accounts().get(SEARCHER_ACCOUNT);
        List<String> victims = anvil.accounts().subList(2, 6);
        UniswapV2 v2 = UniswapV2.deploy(anvil);
        String weth = v2.weth();
        UniswapV3 v3 = UniswapV3.deploy(anvil, weth);
        TestTokens tokens = new TestTokens(anvil);
        String usdc = tokens.deploy("USD Coin (demo)", "USDC", 6);

        boolean wethFirst = Address.of(weth).compareTo(Address.of(usdc)) < 0;
        int tick = wethFirst ? -PRICE_TICK : PRICE_TICK;
        BigInteger sqrtPrice = TickMath.getSqrtRatioAtTick(tick);
        BigInteger ratio = sqrtPrice.multiply(sqrtPrice); // token1 per token0, times 2^192

        anvil.setBalance(lp, E18.multiply(BigInteger.valueOf(1_000_000)));
        BigInteger v2Weth = E18.multiply(BigInteger.valueOf(2_000));
        wrap(anvil, lp, weth, v2Weth.multiply(BigInteger.valueOf(3)));
        // V2 pair at the pool's price: USDC = WETH × price
        String pair = v2.createPair(weth, usdc);
        anvil.invoke(lp, weth, fn("transfer", address(pair), uint(v2Weth)));
        tokens.mint(usdc, pair, usdcFor(v2Weth, ratio, wethFirst));
        anvil.invoke(lp, pair, fn("mint", address(lp)));

        String pool = v3.createPool(weth, usdc, V3_FEE, sqrtPrice);
        String token0 = wethFirst ? weth : usdc;
        String token1 = wethFirst ? usdc : weth;
        tokens.mint(usdc, lp, BigInteger.TEN.pow(6 + 9));
        tokens.approveMax(lp, weth, v3.positionManager());
        tokens.approveMax(lp, usdc, v3.positionManager());
        // a concentrated range around the price, a wider one and the full range: large swaps cross ticks
        int[][] ranges = {{tick - 1_200, tick + 1_200, 300}, {tick - 6_000, tick + 6_000, 500}, {-887_220, 887_220, 200}
        };
        for (int[] r : ranges) {
            BigInteger wethAmount = E18.multiply(BigInteger.valueOf(r[2]));
            BigInteger usdcAmount = usdcFor(wethAmount, ratio, wethFirst);
            v3.mint(
                    lp,
                    token0,
                    token1,
                    V3_FEE,
                    r[0],
                    r[1],
                    wethFirst ? wethAmount : usdcAmount,
                    wethFirst ? usdcAmount : wethAmount);
        }
        // the TWAP needs history: more observation slots, then time passes
        anvil.invoke(lp, pool, fn("increaseObservationCardinalityNext", new Uint16(64)));

        // victims: WETH and USDC, both routers approved
        for (String victim : victims) {
            anvil.setBalance(victim, E18.multiply(BigInteger.valueOf(10_000)));
            wrap(anvil, victim, weth, E18.multiply(BigInteger.valueOf(5_000)));
            tokens.mint(usdc, victim, BigInteger.TEN.pow(6 + 8));
            for (String router : List.of(v2.router(), v3.swapRouter())) {
                tokens.approveMax(victim, weth, router);
                tokens.approveMax(victim, usdc, router);
            }
        }
        BigInteger capital = E18.multiply(BigInteger.valueOf(300));
        anvil.setBalance(searcher, E18.multiply(BigInteger.valueOf(1_000)));
        wrap(anvil, searcher, weth, capital);
        for (String router : List.of(v2.router(), v3.swapRouter())) {
            tokens.approveMax(searcher, weth, router);
            tokens.approveMax(searcher, usdc, router);
        }

        anvil.rpc("evm_increaseTime", 600);
        anvil.mine();
        String ethUsd = feed(anvil, lp, "ETH / USD");
        String usdcUsd = feed(anvil, lp, "USDC / USD");
        // ETH/USD at the pools' price (8 decimals): USDC units per WETH × 100
        BigInteger ethAnswer = usdcFor(E18, ratio, wethFirst).multiply(BigInteger.valueOf(100));
        anvil.invoke(lp, ethUsd, fn("updateAnswer", new Int256(ethAnswer)));
        anvil.invoke(lp, usdcUsd, fn("updateAnswer", new Int256(BigInteger.valueOf(100_000_000L))));
        return new DemoChain(
                anvil,
                v2,
                v3,
                weth,
                usdc,
                pair,
                pool,
                V3_FEE,
                ethUsd,
                usdcUsd,
                searcher,
                List.copyOf(victims),
                capital);
    }

    private static BigInteger usdcFor(BigInteger wethAmount, BigInteger ratio, boolean wethFirst) {
        return wethFirst
                ? wethAmount.multiply(ratio).divide(Q192)
                : wethAmount.multiply(Q192).divide(ratio);
    }

    private static void wrap(Anvil anvil, String owner, String weth, BigInteger amount) {
        anvil.sendAndExpectSuccess(
                Tx.call(owner, weth, FunctionEncoder.encode(Abi.fn("deposit"))).withValue(amount));
    }

    private static String feed(Anvil anvil, String owner, String description) {
        return anvil.deploy(
                owner,
                ContractArtifact.load("MockAggregatorV3"),
                new Uint8(BigInteger.valueOf(8)),
                new Utf8String(description),
                new Int192(BigInteger.ONE),
                new Int192(BigInteger.TEN.pow(20)));
    }
}

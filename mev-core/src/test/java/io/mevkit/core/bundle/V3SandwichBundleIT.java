package io.mevkit.core.bundle;

import static io.mevkit.testing.Abi.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.FeeMarket;
import io.mevkit.core.Hash;
import io.mevkit.core.amm.TickMath;
import io.mevkit.core.amm.V3Chain;
import io.mevkit.core.amm.V3PoolState;
import io.mevkit.core.amm.V3SwapSimulator;
import io.mevkit.core.gas.BaseFeeRule;
import io.mevkit.core.rpc.Block;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.sandwich.LegGas;
import io.mevkit.core.sandwich.V3SandwichPlan;
import io.mevkit.core.sandwich.V3SandwichRequest;
import io.mevkit.core.sandwich.V3SandwichSizer;
import io.mevkit.core.sandwich.V3SwapDecoder;
import io.mevkit.core.sandwich.V3VictimSwap;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.AnvilExtension;
import io.mevkit.testing.ContractArtifact;
import io.mevkit.testing.TestTokens;
import io.mevkit.testing.Tx;
import io.mevkit.testing.UniswapV3;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.FunctionEncoder;

/**
 * The whole path on a real Uniswap V3 pool: a pending exactInputSingle victim, the V3 sizer, SwapRouter legs from
 * {@link SandwichLegs}, the {@link LocalBuilder}; the realized profit equals the plan and the simulation to the wei.
 */
class V3SandwichBundleIT {
    @RegisterExtension
    static final AnvilExtension ANVIL = AnvilExtension.configured(b -> b.noMining());

    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger TIP = BigInteger.valueOf(2_000_000_000L);

    @Test
    void aV3VictimIsSandwichedThroughTheLocalBuilderToTheWei() {
        Anvil anvil = ANVIL.anvil();
        String weth = anvil.deploy(ContractArtifact.load("WETH9"));
        UniswapV3 v3 = UniswapV3.deploy(anvil, weth);
        TestTokens tokens = new TestTokens(anvil);
        String token = tokens.deploy("Token", "TKN", 18);
        String provider = anvil.accounts().get(1);
        String victim = anvil.accounts().get(2);
        PrivateKeySigner searcher = PrivateKeySigner.of(anvil.privateKey(4), 31337);
        for (String account : List.of(provider, victim, searcher.address().hex())) {
            anvil.sendAndExpectSuccess(Tx.call(account, weth, FunctionEncoder.encode(fn("deposit")))
                    .withValue(E18.multiply(BigInteger.valueOf(1000))));
            tokens.mint(token, account, BigInteger.TEN.pow(30));
            for (String t : List.of(weth, token)) {
                tokens.approveMax(account, t, v3.swapRouter());
                tokens.approveMax(account, t, v3.positionManager());
            }
        }
        String[] sorted = V3Chain.sorted(weth, token);
        String pool = v3.createPool(sorted[0], sorted[1], 3000, TickMath.getSqrtRatioAtTick(20));
        int[][] ranges = {{-30, 30}, {-8, 10}, {-20, -6}, {4, 25}};
        for (int[] r : ranges) {
            v3.mint(
                    provider,
                    sorted[0],
                    sorted[1],
                    3000,
                    r[0] * 60,
                    r[1] * 60,
                    E18.multiply(BigInteger.TEN),
                    E18.multiply(BigInteger.TEN));
        }
        V3PoolState state = read(anvil, pool);
        BigInteger amountIn = E18.multiply(BigInteger.valueOf(6));
        boolean zeroForOne = Address.of(weth).compareTo(Address.of(token)) < 0;
        BigInteger quote =
                V3SwapSimulator.exactInput(state, zeroForOne, amountIn).amountOut();
        String data = V3Chain.exactInputSingle(
                weth,
                token,
                3000,
                victim,
                amountIn,
                quote.multiply(BigInteger.valueOf(9_900)).divide(BigInteger.valueOf(10_000)),
                BigInteger.ZERO);
        String victimHash =
                anvil.sendTransaction(new Tx(victim, v3.swapRouter(), data, BigInteger.ZERO, 500_000L, null));

        try (RpcClient rpc = RpcClient.builder()
                .chainId(31337)
                .endpoint("anvil", anvil.rpcUrl())
                .timeout(Duration.ofSeconds(30))
                .build()) {
            Block head = rpc.getBlockByNumber(BlockTag.LATEST, false).orElseThrow();
            BigInteger baseFee = BaseFeeRule.next(
                            FeeMarket.eip1559(2, 8),
                            head.baseFeePerGas().orElseThrow(),
                            head.gasUsed(),
                            head.gasLimit())
                    .baseFee();
            V3VictimSwap swap = assertInstanceOf(V3VictimSwap.class, V3SwapDecoder.decode(data));
            V3SandwichPlan plan = assertInstanceOf(
                    V3SandwichPlan.class,
                    V3SandwichSizer.defaults()
                            .size(V3SandwichRequest.builder()
                                    .victim(swap)
                                    .pools(List.of(state))
                                    .capital(
                                            Address.of(weth),
                                            tokens.balanceOf(
                                                    weth, searcher.address().hex()))
                                    .wrappedNative(Address.of(weth))
                                    .legGas(new LegGas(150_000, 150_000))
                                    .baseFee(baseFee)
                                    .tip(TIP)
                                    .headBlock(head.number())
                                    .targetTimestamp(head.timestamp() + 1)
                                    .build()));
            String victimRaw = rpc.call("eth_getRawTransactionByHash", List.of(victimHash), String.class);
            long nonce = rpc.getTransactionCount(searcher.address(), BlockTag.PENDING);
            SandwichBundle sandwich = assertInstanceOf(
                            LegsOutcome.Ready.class,
                            SandwichLegs.builder()
                                    .signer(searcher)
                                    .simulator(BundleSimulator.of(rpc))
                                    .v3Router(Address.of(v3.swapRouter()))
                                    .build()
                                    .legs(
                                            plan,
                                            SandwichLegs.Target.of(victimRaw, nonce, head.number() + 1, baseFee, TIP)))
                    .bundle();
            assertEquals(plan.grossProfit(), sandwich.capitalDelta(), "simulated = planned");
            assertTrue(plan.grossProfit().signum() > 0);

            BigInteger before = tokens.balanceOf(weth, searcher.address().hex());
            BigInteger ethBefore = rpc.getBalance(searcher.address(), BlockTag.LATEST);
            LocalBuilder builder = LocalBuilder.create(rpc);
            builder.sendBundle(sandwich.bundle());
            BuiltBlock built = builder.buildBlock();
            assertEquals(OptionalInt.of(0), built.positionOf(sandwich.bundle()));
            assertEquals(Hash.of(victimHash), built.txHashes().get(1));
            assertEquals(
                    plan.grossProfit(),
                    tokens.balanceOf(weth, searcher.address().hex()).subtract(before),
                    "realized = planned, to the wei");
            assertEquals(
                    sandwich.ethDelta(),
                    rpc.getBalance(searcher.address(), BlockTag.LATEST).subtract(ethBefore));
            V3PoolState after = read(anvil, pool);
            assertEquals(plan.backRun().sqrtPriceX96After(), after.sqrtPriceX96(), "pool price after the back-run");
        }
    }

    private static V3PoolState read(Anvil anvil, String pool) {
        int spacing = V3Chain.tickSpacing(anvil, pool);
        return V3Chain.state(
                anvil, pool, V3Chain.fee(anvil, pool), spacing, V3Chain.initializedTicks(anvil, pool, spacing));
    }
}

package io.mevkit.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.FeeMarket;
import io.mevkit.core.Hash;
import io.mevkit.core.amm.V3PoolState;
import io.mevkit.core.gas.BaseFeeRule;
import io.mevkit.core.rpc.Block;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.sandwich.LegGas;
import io.mevkit.core.sandwich.V3SandwichPlan;
import io.mevkit.core.sandwich.V3SandwichRequest;
import io.mevkit.core.sandwich.V3SandwichSizer;
import io.mevkit.testing.AnvilExtension;
import java.math.BigInteger;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
        try (V3SandwichFixture f = new V3SandwichFixture(ANVIL.anvil())) {
            RpcClient rpc = f.rpc;
            PrivateKeySigner searcher = f.searcher;
            V3PoolState state = f.state();
            String victimHash = f.victimSwap();
            Block head = rpc.getBlockByNumber(BlockTag.LATEST, false).orElseThrow();
            BigInteger baseFee = BaseFeeRule.next(
                            FeeMarket.eip1559(2, 8),
                            head.baseFeePerGas().orElseThrow(),
                            head.gasUsed(),
                            head.gasLimit())
                    .baseFee();
            V3SandwichPlan plan = assertInstanceOf(
                    V3SandwichPlan.class,
                    V3SandwichSizer.defaults()
                            .size(V3SandwichRequest.builder()
                                    .victim(f.decode(victimHash))
                                    .pools(List.of(state))
                                    .capital(
                                            Address.of(f.weth),
                                            f.tokens.balanceOf(
                                                    f.weth, searcher.address().hex()))
                                    .wrappedNative(Address.of(f.weth))
                                    .legGas(new LegGas(150_000, 150_000))
                                    .baseFee(baseFee)
                                    .tip(TIP)
                                    .headBlock(head.number())
                                    .targetTimestamp(head.timestamp() + 1)
                                    .build()));
            long nonce = rpc.getTransactionCount(searcher.address(), BlockTag.PENDING);
            SandwichBundle sandwich = assertInstanceOf(
                            LegsOutcome.Ready.class,
                            f.legs()
                                    .legs(
                                            plan,
                                            SandwichLegs.Target.of(
                                                    f.raw(victimHash), nonce, head.number() + 1, baseFee, TIP)))
                    .bundle();
            assertEquals(plan.grossProfit(), sandwich.capitalDelta(), "simulated = planned");
            assertTrue(plan.grossProfit().signum() > 0);

            BigInteger before = f.tokens.balanceOf(f.weth, searcher.address().hex());
            BigInteger ethBefore = rpc.getBalance(searcher.address(), BlockTag.LATEST);
            LocalBuilder builder = LocalBuilder.create(rpc);
            builder.sendBundle(sandwich.bundle());
            BuiltBlock built = builder.buildBlock();
            assertEquals(OptionalInt.of(0), built.positionOf(sandwich.bundle()));
            assertEquals(Hash.of(victimHash), built.txHashes().get(1));
            assertEquals(
                    plan.grossProfit(),
                    f.tokens.balanceOf(f.weth, searcher.address().hex()).subtract(before),
                    "realized = planned, to the wei");
            assertEquals(
                    sandwich.ethDelta(),
                    rpc.getBalance(searcher.address(), BlockTag.LATEST).subtract(ethBefore));
            assertEquals(plan.backRun().sqrtPriceX96After(), f.state().sqrtPriceX96(), "pool price after the back-run");
        }
    }
}

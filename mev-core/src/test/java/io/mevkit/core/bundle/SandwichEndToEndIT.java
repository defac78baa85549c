package io.mevkit.core.bundle;

import static io.mevkit.core.bundle.V2SandwichFixture.E18;
import static io.mevkit.core.bundle.V2SandwichFixture.TIP;
import static io.mevkit.testing.Abi.address;
import static io.mevkit.testing.Abi.fn;
import static io.mevkit.testing.Abi.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.sandwich.SandwichPlan;
import io.mevkit.testing.Abi;
import io.mevkit.testing.Tx;
import java.math.BigInteger;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The whole path on anvil with the real Uniswap V2 bytecode: a victim swap waits in the mempool; it is decoded, the
 * sandwich sized, the legs built, signed and simulated, the bundle built into a block by {@link LocalBuilder}; the
 * searcher's realized balances equal the plan and the simulation to the wei.
 */
class SandwichEndToEndIT extends V2SandwichITBase {

    @Test
    void aMempoolVictimIsSandwichedThroughTheLocalBuilderAndTheProfitIsThePlanToTheWei() {
        String token = f.pool();
        String victimHash = f.victimSwap(token);
        SandwichPlan plan = f.plan(victimHash, token);
        String victimRaw = rpc.call("eth_getRawTransactionByHash", List.of(victimHash), String.class);
        long head = rpc.blockNumber();
        BigInteger baseFee = f.nextBaseFee();
        NonceManager nonces = NonceManager.create(rpc, searcher.address());
        long nonce = nonces.reserve();
        assertEquals(nonce + 1, nonces.reserve());

        SandwichBundle sandwich = assertInstanceOf(
                        LegsOutcome.Ready.class,
                        f.legs().legs(plan, SandwichLegs.Target.of(victimRaw, nonce, head + 1, baseFee, TIP)))
                .bundle();

        // simulation agrees with the sizer's exact math
        assertEquals(plan.grossProfit(), sandwich.capitalDelta());
        assertTrue(plan.grossProfit().signum() > 0);
        long gas = sandwich.legsGasUsed();
        assertEquals(
                baseFee.add(TIP).multiply(BigInteger.valueOf(gas)).negate(), sandwich.ethDelta(), "legs' gas cost");
        assertEquals(
                List.of(nonce, nonce + 1),
                List.of(sandwich.frontRun().nonce(), sandwich.backRun().nonce()));
        assertEquals(Hash.of(victimHash), sandwich.bundle().txHashes().get(1));
        for (int leg : new int[] {0, 2}) {
            SignedTx signed = leg == 0 ? sandwich.frontRun() : sandwich.backRun();
            long used = sandwich.simulation().txs().get(leg).gasUsed();
            long limit = io.mevkit.core.bundle.internal.DecodedTx.decode("leg", signed.rawHex())
                    .gasLimit();
            assertEquals((used * 12_000 + 9_999) / 10_000, limit, "gas limit = used × 1.2, rounded up");
        }

        BigInteger wethBefore = tokens.balanceOf(v2.weth(), searcher.address().hex());
        BigInteger ethBefore = rpc.getBalance(searcher.address(), BlockTag.LATEST);
        BigInteger victimTokensBefore = tokens.balanceOf(token, victim);
        LocalBuilder builder = LocalBuilder.create(rpc);
        builder.sendBundle(sandwich.bundle());
        BuiltBlock built = builder.buildBlock();

        assertEquals(OptionalInt.of(0), built.positionOf(sandwich.bundle()));
        BigInteger realized =
                tokens.balanceOf(v2.weth(), searcher.address().hex()).subtract(wethBefore);
        assertEquals(plan.grossProfit(), realized, "realized gross profit = planned, to the wei");
        assertEquals(
                sandwich.ethDelta(),
                rpc.getBalance(searcher.address(), BlockTag.LATEST).subtract(ethBefore),
                "realized gas cost = simulated");
        assertEquals(
                plan.victimHopOut(),
                tokens.balanceOf(token, victim).subtract(victimTokensBefore),
                "the victim receives what the plan says");
        Address coinbase = rpc.getBlockByNumber(BlockTag.LATEST, false)
                .orElseThrow()
                .miner()
                .orElseThrow();
        assertEquals(
                sandwich.coinbasePayment(),
                rpc.getBalance(coinbase, BlockTag.number(head + 1))
                        .subtract(rpc.getBalance(coinbase, BlockTag.number(head))));
        assertEquals(nonce + 2, rpc.getTransactionCount(searcher.address(), BlockTag.LATEST));
    }

    @Test
    void aPlanMadeStaleByAnotherSwapRevertsInSimulationAtTheFrontRun() {
        String token = f.pool();
        String victimHash = f.victimSwap(token);
        SandwichPlan plan = f.plan(victimHash, token);
        String victimRaw = rpc.call("eth_getRawTransactionByHash", List.of(victimHash), String.class);
        // someone else's small swap lands first; the victim is taken out of the pool meanwhile and sent again after
        anvil.rpc("anvil_dropTransaction", victimHash);
        String other = anvil.accounts().get(5);
        f.wrap(other, E18);
        tokens.approveMax(other, v2.weth(), v2.router());
        anvil.sendAndExpectSuccess(new Tx(
                other,
                v2.router(),
                FunctionEncoder.encode(fn(
                        "swapExactTokensForTokens",
                        uint(E18.divide(BigInteger.TEN)),
                        uint(BigInteger.ONE),
                        Abi.path(v2.weth(), token),
                        address(other),
                        new Uint256(BigInteger.ONE.shiftLeft(40)))),
                BigInteger.ZERO,
                300_000L,
                null));
        assertEquals(Hash.of(victimHash), rpc.sendRawTransaction(io.mevkit.core.Hex.decode(victimRaw)));
        assertTrue(rpc.getTransactionReceipt(Hash.of(victimHash)).isEmpty(), "the victim is still pending");
        long head = rpc.blockNumber();
        long nonce = rpc.getTransactionCount(searcher.address(), BlockTag.PENDING);
        LegsOutcome outcome =
                f.legs().legs(plan, SandwichLegs.Target.of(victimRaw, nonce, head + 1, f.nextBaseFee(), TIP));
        LegsOutcome.Reverts reverts = assertInstanceOf(LegsOutcome.Reverts.class, outcome);
        assertEquals(0, reverts.index());
        assertEquals("UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT", reverts.reason());
    }
}

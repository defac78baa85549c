package io.mevkit.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.ValidationException;
import io.mevkit.core.amm.TickMath;
import io.mevkit.core.amm.V3PoolState;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.sandwich.ExactPrice;
import io.mevkit.core.sandwich.LegGas;
import io.mevkit.core.sandwich.V3PathHop;
import io.mevkit.core.sandwich.V3Router;
import io.mevkit.core.sandwich.V3VictimSwap;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class V3SandwichPlannerTest {
    private static final Address POOL = Address.of("0x8ad599c3a0ff1de082011efddc58f1908eb6e6d8");
    private static final Address OTHER_POOL = Address.of("0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640");
    private static final Address WETH = Address.of("0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2");
    private static final Address USDC = Address.of("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");
    private static final BigInteger L = BigInteger.TEN.pow(20);
    // the planner keeps the victim's raw bytes as given and hashes them; it decodes them only to build legs
    private static final String RAW = "0x02c0ffee";

    /** Two positions around tick 20, the inner one of {@code inner} liquidity, then {@code change}. */
    private static V3PoolState state(BigInteger inner, UnaryOperator<V3PoolState.Builder> change) {
        V3PoolState.Builder b = V3PoolState.builder()
                .address(POOL)
                .sqrtPriceX96(TickMath.getSqrtRatioAtTick(20))
                .fee(3000)
                .tickSpacing(60)
                .blockNumber(100)
                .position(-1800, 1800, L)
                .position(-480, 600, inner)
                .tickDataWords(-1, 0);
        return change.apply(b).build();
    }

    private static V3PoolState state(UnaryOperator<V3PoolState.Builder> change) {
        return state(L, change);
    }

    @Test
    void twoReadsOfAnUnchangedPoolAtDifferentBlocksAreTheSame() {
        assertTrue(V3SandwichPlanner.sameState(List.of(state(b -> b)), List.of(state(b -> b.blockNumber(101)))));
    }

    @Test
    void anyPriceTickLiquidityOrTickChangeSizesAgain() {
        List<V3PoolState> before = List.of(state(b -> b));
        // a swap that stays on the same tick moves only the price
        assertFalse(V3SandwichPlanner.sameState(
                List.of(state(
                        b -> b.sqrtPriceX96(TickMath.getSqrtRatioAtTick(20).add(BigInteger.ONE)))),
                before));
        assertFalse(V3SandwichPlanner.sameState(
                List.of(state(b -> b.sqrtPriceX96(TickMath.getSqrtRatioAtTick(-100)))), before));
        // a mint away from the price adds ticks only; one in range adds liquidity too
        assertFalse(V3SandwichPlanner.sameState(List.of(state(b -> b.position(1200, 1260, L))), before));
        assertFalse(V3SandwichPlanner.sameState(List.of(state(b -> b.position(-60, 60, BigInteger.ONE))), before));
        // the same ticks with another liquidityNet and the same in-range liquidity (a burn and a mint elsewhere)
        V3PoolState burnt = state(L.subtract(BigInteger.ONE), b -> b.liquidity(BigInteger.ONE));
        assertEquals(before.get(0).liquidity(), burnt.liquidity());
        assertEquals(before.get(0).initializedTicks(), burnt.initializedTicks());
        assertFalse(V3SandwichPlanner.sameState(List.of(burnt), before));
        // other words read, another pool, another route length
        assertFalse(V3SandwichPlanner.sameState(List.of(state(b -> b.tickDataWords(-2, 0))), before));
        assertFalse(V3SandwichPlanner.sameState(List.of(state(b -> b.address(OTHER_POOL))), before));
        assertFalse(V3SandwichPlanner.sameState(List.of(state(b -> b), state(b -> b)), before));
    }

    @Test
    void pairwiseComparesInOrderAndNeedsEqualLengths() {
        assertTrue(SandwichReplanner.pairwise(List.of(1, 2), List.of(1, 2), Integer::equals));
        assertFalse(SandwichReplanner.pairwise(List.of(1, 2), List.of(2, 1), Integer::equals));
        assertFalse(SandwichReplanner.pairwise(List.of(1), List.of(1, 2), Integer::equals));
        assertTrue(SandwichReplanner.pairwise(List.<Integer>of(), List.of(), Integer::equals));
    }

    private static V3VictimSwap victim() {
        return new V3VictimSwap(
                V3Router.SWAP_ROUTER,
                "exactInputSingle",
                true,
                List.of(new V3PathHop(WETH, 3000, USDC)),
                Address.of("0x1111111111111111111111111111111111111111"),
                BigInteger.TEN.pow(18),
                BigInteger.ONE,
                BigInteger.ZERO,
                Optional.empty(),
                List.of());
    }

    private static V3SandwichPlanner.Builder complete(RpcClient rpc) {
        return V3SandwichPlanner.builder()
                .rpc(rpc)
                .legs(SandwichLegs.builder()
                        .signer(PrivateKeySigner.of(
                                "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", 31337))
                        .simulator(BundleSimulator.of(rpc))
                        .v3Router(POOL)
                        .build())
                .bribeSchedule(new BribeSchedule(1_000, 1_000, 5_000))
                .v3Pools(
                        (pool, block) -> {
                            throw new AssertionError("not read at build");
                        },
                        List.of(POOL))
                .victim(RAW, victim())
                .capital(WETH, BigInteger.TEN.pow(18))
                .wrappedNative(WETH)
                .legGas(new LegGas(150_000, 150_000));
    }

    @Test
    void theBuilderNamesWhatIsMissingOrWrong() {
        try (RpcClient rpc = RpcClient.builder()
                .chainId(31337)
                .endpoint("none", "http://127.0.0.1:9")
                .build()) {
            V3SandwichPlanner planner = complete(rpc).build();
            assertEquals(io.mevkit.core.Hash.keccak256(io.mevkit.core.Hex.decode(RAW)), planner.victimHash());
            assertTrue(planner.last().isEmpty());

            assertEquals(
                    "pools",
                    assertThrows(ValidationException.class, () -> complete(rpc)
                                    .v3Pools((p, b) -> null, List.of())
                                    .build())
                            .field());
            assertEquals(
                    "capitalTokenPrice",
                    assertThrows(ValidationException.class, () -> complete(rpc)
                                    .capital(USDC, BigInteger.TEN.pow(9))
                                    .build())
                            .field());
            complete(rpc)
                    .capital(USDC, BigInteger.TEN.pow(9))
                    .capitalTokenPrice(new ExactPrice(BigInteger.ONE, BigInteger.TEN))
                    .build();
            assertEquals(
                    "capitalTokenPrice.numerator",
                    assertThrows(ValidationException.class, () -> complete(rpc)
                                    .capitalTokenPrice(new ExactPrice(BigInteger.ZERO, BigInteger.ONE)))
                            .field());
            assertEquals(
                    "victimRaw",
                    assertThrows(ValidationException.class, () -> complete(rpc).victim("0xzz", victim()))
                            .field());
            assertEquals(
                    "maxFeePerGas",
                    assertThrows(ValidationException.class, () -> complete(rpc).maxFeePerGas(BigInteger.ZERO))
                            .field());
            assertEquals(
                    "priceConfidenceBps",
                    assertThrows(ValidationException.class, () -> complete(rpc).priceConfidenceBps(10_001))
                            .field());
            assertEquals(
                    "victim",
                    assertThrows(ValidationException.class, () -> V3SandwichPlanner.builder()
                                    .rpc(rpc)
                                    .legs(complete(rpc).legs)
                                    .bribeSchedule(new BribeSchedule(0, 0, 0))
                                    .v3Pools((p, b) -> null, List.of(POOL))
                                    .build())
                            .field());
        }
    }
}

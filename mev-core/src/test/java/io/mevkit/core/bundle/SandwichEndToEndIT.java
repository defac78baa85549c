package io.mevkit.core.bundle;

import static io.mevkit.testing.Abi.address;
import static io.mevkit.testing.Abi.fn;
import static io.mevkit.testing.Abi.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.FeeMarket;
import io.mevkit.core.Hash;
import io.mevkit.core.amm.V2Fee;
import io.mevkit.core.amm.V2Pool;
import io.mevkit.core.gas.BaseFeeRule;
import io.mevkit.core.rpc.Block;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.Transaction;
import io.mevkit.core.sandwich.DecodeResult;
import io.mevkit.core.sandwich.LegGas;
import io.mevkit.core.sandwich.SandwichPlan;
import io.mevkit.core.sandwich.SandwichRequest;
import io.mevkit.core.sandwich.SandwichSizer;
import io.mevkit.core.sandwich.VictimDecoders;
import io.mevkit.core.sandwich.VictimSwap;
import io.mevkit.core.sandwich.VictimTx;
import io.mevkit.testing.Abi;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.AnvilExtension;
import io.mevkit.testing.TestTokens;
import io.mevkit.testing.Tx;
import io.mevkit.testing.UniswapV2;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The whole path on anvil with the real Uniswap V2 bytecode: a victim swap waits in the mempool; it is decoded, the
 * sandwich sized, the legs built, signed and simulated, the bundle built into a block by {@link LocalBuilder}; the
 * searcher's realized balances equal the plan and the simulation to the wei.
 */
class SandwichEndToEndIT {
    @RegisterExtension
    static final AnvilExtension ANVIL = AnvilExtension.configured(b -> b.noMining());

    private static final long CHAIN = 31337;
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger TIP = BigInteger.valueOf(1_000_000_000L);

    static Anvil anvil;
    static RpcClient rpc;
    static UniswapV2 v2;
    static TestTokens tokens;
    static PrivateKeySigner searcher;
    static String victim;

    @BeforeAll
    static void deploy() {
        anvil = ANVIL.anvil();
        rpc = RpcClient.builder()
                .chainId(CHAIN)
                .endpoint("anvil", anvil.rpcUrl())
                .timeout(Duration.ofSeconds(30))
                .build();
        v2 = UniswapV2.deploy(anvil);
        tokens = new TestTokens(anvil);
        searcher = PrivateKeySigner.of(anvil.privateKey(3), CHAIN);
        victim = anvil.accounts().get(2);
        wrap(searcher.address().hex(), E18.multiply(BigInteger.valueOf(50)));
        wrap(victim, E18.multiply(BigInteger.TEN));
        tokens.approveMax(victim, v2.weth(), v2.router());
        tokens.approveMax(searcher.address().hex(), v2.weth(), v2.router());
    }

    @AfterAll
    static void close() {
        rpc.close();
    }

    private static void wrap(String who, BigInteger wei) {
        anvil.sendAndExpectSuccess(
                Tx.call(who, v2.weth(), FunctionEncoder.encode(fn("deposit"))).withValue(wei));
    }

    /** A fresh token paired with WETH at 100 WETH : 200 000 tokens (the research fixture's pool). */
    private static String pool() {
        String token = tokens.deploy("T", "T", 18);
        tokens.approveMax(searcher.address().hex(), token, v2.router());
        String pair = v2.createPair(v2.weth(), token);
        String deployer = anvil.accounts().get(0);
        wrap(deployer, E18.multiply(BigInteger.valueOf(100)));
        tokens.transfer(deployer, v2.weth(), pair, E18.multiply(BigInteger.valueOf(100)));
        tokens.mint(token, pair, E18.multiply(BigInteger.valueOf(200_000)));
        anvil.invoke(deployer, pair, fn("mint", address(deployer)));
        return token;
    }

    /** The victim sells 1 WETH for the token with a 1 % bound; the transaction waits in the pool. Returns its hash. */
    private static String victimSwap(String token) {
        BigInteger in = E18;
        BigInteger quote = pairOf(token, anvil.blockNumber()).amountOut(Address.of(v2.weth()), in);
        BigInteger min = quote.multiply(BigInteger.valueOf(9_900)).divide(BigInteger.valueOf(10_000));
        String calldata = FunctionEncoder.encode(fn(
                "swapExactTokensForTokens",
                uint(in),
                uint(min),
                Abi.path(v2.weth(), token),
                address(victim),
                new Uint256(BigInteger.ONE.shiftLeft(40))));
        return anvil.sendTransaction(new Tx(victim, v2.router(), calldata, BigInteger.ZERO, 300_000L, null));
    }

    private static V2Pool pairOf(String token, long block) {
        String pair = v2.pairFor(v2.weth(), token);
        UniswapV2.Reserves r = v2.reserves(pair);
        Address a = Address.of(v2.weth());
        Address b = Address.of(token);
        Address token0 = a.compareTo(b) < 0 ? a : b;
        return new V2Pool(
                Address.of(pair), token0, token0.equals(a) ? b : a, r.reserve0(), r.reserve1(), V2Fee.UNISWAP, block);
    }

    private static BigInteger nextBaseFee() {
        Block head = rpc.getBlockByNumber(BlockTag.LATEST, false).orElseThrow();
        return BaseFeeRule.next(
                        FeeMarket.eip1559(2, 8), head.baseFeePerGas().orElseThrow(), head.gasUsed(), head.gasLimit())
                .baseFee();
    }

    private static SandwichPlan plan(String victimHash, String token) {
        Transaction pending = rpc.getTransactionByHash(Hash.of(victimHash)).orElseThrow();
        VictimTx tx = VictimTx.of(pending.from(), pending.to().orElseThrow(), pending.value(), pending.input());
        VictimSwap swap = assertInstanceOf(
                        DecodeResult.Swaps.class,
                        VictimDecoders.uniswapV2(Address.of(v2.weth())).decode(tx))
                .only();
        long head = rpc.blockNumber();
        SandwichRequest request = SandwichRequest.builder()
                .victim(swap)
                .pools(List.of(pairOf(token, head)))
                .capital(
                        Address.of(v2.weth()),
                        tokens.balanceOf(v2.weth(), searcher.address().hex()))
                .wrappedNative(Address.of(v2.weth()))
                .legGas(new LegGas(120_000, 120_000))
                .baseFee(nextBaseFee())
                .tip(TIP)
                .headBlock(head)
                .targetTimestamp(rpc.getBlockByNumber(BlockTag.LATEST, false)
                                .orElseThrow()
                                .timestamp()
                        + 1)
                .build();
        return assertInstanceOf(SandwichPlan.class, SandwichSizer.defaults().size(request));
    }

    private static SandwichLegs legs() {
        return SandwichLegs.builder()
                .signer(searcher)
                .simulator(BundleSimulator.of(rpc))
                .v2Router(Address.of(v2.router()))
                .build();
    }

    @Test
    void aMempoolVictimIsSandwichedThroughTheLocalBuilderAndTheProfitIsThePlanToTheWei() {
        String token = pool();
        String victimHash = victimSwap(token);
        SandwichPlan plan = plan(victimHash, token);
        String victimRaw = rpc.call("eth_getRawTransactionByHash", List.of(victimHash), String.class);
        long head = rpc.blockNumber();
        BigInteger baseFee = nextBaseFee();
        NonceManager nonces = NonceManager.create(rpc, searcher.address());
        long nonce = nonces.reserve();
        assertEquals(nonce + 1, nonces.reserve());

        SandwichBundle sandwich = assertInstanceOf(
                        LegsOutcome.Ready.class,
                        legs().legs(plan, SandwichLegs.Target.of(victimRaw, nonce, head + 1, baseFee, TIP)))
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
        String token = pool();
        String victimHash = victimSwap(token);
        SandwichPlan plan = plan(victimHash, token);
        String victimRaw = rpc.call("eth_getRawTransactionByHash", List.of(victimHash), String.class);
        // someone else's small swap lands first; the victim is taken out of the pool meanwhile and sent again after
        anvil.rpc("anvil_dropTransaction", victimHash);
        String other = anvil.accounts().get(5);
        wrap(other, E18);
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
        LegsOutcome outcome = legs().legs(plan, SandwichLegs.Target.of(victimRaw, nonce, head + 1, nextBaseFee(), TIP));
        LegsOutcome.Reverts reverts = assertInstanceOf(LegsOutcome.Reverts.class, outcome);
        assertEquals(0, reverts.index());
        assertEquals("UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT", reverts.reason());
    }
}

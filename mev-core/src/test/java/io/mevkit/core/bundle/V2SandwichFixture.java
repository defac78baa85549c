package io.mevkit.core.bundle;

import static io.mevkit.testing.Abi.address;
import static io.mevkit.testing.Abi.fn;
import static io.mevkit.testing.Abi.uint;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

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
import io.mevkit.testing.TestTokens;
import io.mevkit.testing.Tx;
import io.mevkit.testing.UniswapV2;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The V2 set-up the sandwich ITs share: anvil with the real Uniswap V2 bytecode, a funded searcher and victim, fresh
 * WETH pairs, a pending victim swap, its plan at head and the searcher's legs.
 */
final class V2SandwichFixture implements AutoCloseable {
    static final long CHAIN = 31337;
    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final BigInteger TIP = BigInteger.valueOf(1_000_000_000L);

    final Anvil anvil;
    final RpcClient rpc;
    final UniswapV2 v2;
    final TestTokens tokens;
    final PrivateKeySigner searcher;
    final String victim;

    /** Deploys WETH, the V2 factory and router, and funds and approves the searcher (account 3) and victim (2). */
    V2SandwichFixture(Anvil anvil) {
        this.anvil = anvil;
        rpc = TrackedRun.client(anvil);
        v2 = UniswapV2.deploy(anvil);
        tokens = new TestTokens(anvil);
        searcher = PrivateKeySigner.of(anvil.privateKey(3), CHAIN);
        victim = anvil.accounts().get(2);
        wrap(searcher.address().hex(), E18.multiply(BigInteger.valueOf(50)));
        wrap(victim, E18.multiply(BigInteger.TEN));
        tokens.approveMax(victim, v2.weth(), v2.router());
        tokens.approveMax(searcher.address().hex(), v2.weth(), v2.router());
    }

    @Override
    public void close() {
        rpc.close();
    }

    void wrap(String who, BigInteger wei) {
        anvil.sendAndExpectSuccess(
                Tx.call(who, v2.weth(), FunctionEncoder.encode(fn("deposit"))).withValue(wei));
    }

    /** A fresh token paired with WETH at 100 WETH : 200 000 tokens (the research fixture's pool). */
    String pool() {
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
    String victimSwap(String token) {
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

    V2Pool pairOf(String token, long block) {
        String pair = v2.pairFor(v2.weth(), token);
        UniswapV2.Reserves r = v2.reserves(pair);
        Address a = Address.of(v2.weth());
        Address b = Address.of(token);
        Address token0 = a.compareTo(b) < 0 ? a : b;
        return new V2Pool(
                Address.of(pair), token0, token0.equals(a) ? b : a, r.reserve0(), r.reserve1(), V2Fee.UNISWAP, block);
    }

    BigInteger nextBaseFee() {
        Block head = rpc.getBlockByNumber(BlockTag.LATEST, false).orElseThrow();
        return BaseFeeRule.next(
                        FeeMarket.eip1559(2, 8), head.baseFeePerGas().orElseThrow(), head.gasUsed(), head.gasLimit())
                .baseFee();
    }

    SandwichPlan plan(String victimHash, String token) {
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

    SandwichLegs legs() {
        return TrackedRun.legs(searcher, rpc).v2Router(Address.of(v2.router())).build();
    }
}

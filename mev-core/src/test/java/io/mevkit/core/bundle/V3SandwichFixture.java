package io.mevkit.core.bundle;

import static io.mevkit.testing.Abi.fn;

import io.mevkit.core.Address;
import io.mevkit.core.amm.TickMath;
import io.mevkit.core.amm.V3Chain;
import io.mevkit.core.amm.V3PoolState;
import io.mevkit.core.amm.V3SwapSimulator;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.sandwich.V3SwapDecoder;
import io.mevkit.core.sandwich.V3VictimSwap;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.ContractArtifact;
import io.mevkit.testing.TestTokens;
import io.mevkit.testing.Tx;
import io.mevkit.testing.UniswapV3;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.web3j.abi.FunctionEncoder;

/**
 * The V3 set-up the sandwich ITs share: anvil with the real Uniswap V3 bytecode (factory, SwapRouter, position
 * manager), WETH, a token and a 0.3 % WETH pool with four overlapping positions around the price, a funded and
 * approved liquidity provider (account 1), victim (2), searcher (4) and other trader (5), and pending
 * {@code exactInputSingle} swaps.
 */
final class V3SandwichFixture implements AutoCloseable {
    static final long CHAIN = 31337;
    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final int FEE = 3000;

    final Anvil anvil;
    final String weth;
    final UniswapV3 v3;
    final String token;
    final String pool;
    final String victim;
    final String other;
    final TestTokens tokens;
    final PrivateKeySigner searcher;
    final RpcClient rpc;

    V3SandwichFixture(Anvil anvil) {
        this.anvil = anvil;
        weth = anvil.deploy(ContractArtifact.load("WETH9"));
        v3 = UniswapV3.deploy(anvil, weth);
        tokens = new TestTokens(anvil);
        token = tokens.deploy("Token", "TKN", 18);
        String provider = anvil.accounts().get(1);
        victim = anvil.accounts().get(2);
        searcher = PrivateKeySigner.of(anvil.privateKey(4), CHAIN);
        other = anvil.accounts().get(5);
        for (String account : List.of(provider, victim, searcher.address().hex(), other)) {
            anvil.sendAndExpectSuccess(Tx.call(account, weth, FunctionEncoder.encode(fn("deposit")))
                    .withValue(E18.multiply(BigInteger.valueOf(1000))));
            tokens.mint(token, account, BigInteger.TEN.pow(30));
            for (String t : List.of(weth, token)) {
                tokens.approveMax(account, t, v3.swapRouter());
                tokens.approveMax(account, t, v3.positionManager());
            }
        }
        rpc = TrackedRun.client(anvil);
        String[] sorted = V3Chain.sorted(weth, token);
        pool = v3.createPool(sorted[0], sorted[1], FEE, TickMath.getSqrtRatioAtTick(20));
        int[][] ranges = {{-30, 30}, {-8, 10}, {-20, -6}, {4, 25}};
        for (int[] r : ranges) {
            v3.mint(
                    provider,
                    sorted[0],
                    sorted[1],
                    FEE,
                    r[0] * 60,
                    r[1] * 60,
                    E18.multiply(BigInteger.TEN),
                    E18.multiply(BigInteger.TEN));
        }
    }

    @Override
    public void close() {
        rpc.close();
    }

    /** The pool as the chain has it now, every initialized tick read. */
    V3PoolState state() {
        int spacing = V3Chain.tickSpacing(anvil, pool);
        return V3Chain.state(
                anvil, pool, V3Chain.fee(anvil, pool), spacing, V3Chain.initializedTicks(anvil, pool, spacing));
    }

    /** SwapRouter {@code exactInputSingle} calldata selling {@code in} WETH with a 1 % bound on the current quote. */
    String sellWeth(String recipient, BigInteger in) {
        boolean zeroForOne = Address.of(weth).compareTo(Address.of(token)) < 0;
        BigInteger quote = V3SwapSimulator.exactInput(state(), zeroForOne, in).amountOut();
        return V3Chain.exactInputSingle(
                weth,
                token,
                FEE,
                recipient,
                in,
                quote.multiply(BigInteger.valueOf(9_900)).divide(BigInteger.valueOf(10_000)),
                BigInteger.ZERO);
    }

    /** The victim sells 6 WETH for the token with a 1 % bound; the transaction waits in the pool. Returns its hash. */
    String victimSwap() {
        return anvil.sendTransaction(new Tx(
                victim,
                v3.swapRouter(),
                sellWeth(victim, E18.multiply(BigInteger.valueOf(6))),
                BigInteger.ZERO,
                500_000L,
                null));
    }

    /** The victim's raw signed bytes, as the mempool has them. */
    String raw(String txHash) {
        return rpc.call("eth_getRawTransactionByHash", List.of(txHash), String.class);
    }

    /** The decoded swap of a pending SwapRouter transaction. */
    V3VictimSwap decode(String txHash) {
        String input = rpc.getTransactionByHash(io.mevkit.core.Hash.of(txHash))
                .orElseThrow()
                .input();
        return Assertions.assertInstanceOf(V3VictimSwap.class, V3SwapDecoder.decode(input));
    }

    /** Another account's swap in the victim's direction, mined in a block of its own. */
    void otherSwap(BigInteger in) {
        anvil.sendAndExpectSuccess(
                new Tx(other, v3.swapRouter(), sellWeth(other, in), BigInteger.ZERO, 500_000L, null));
    }

    SandwichLegs legs() {
        return TrackedRun.legs(searcher, rpc)
                .v3Router(Address.of(v3.swapRouter()))
                .build();
    }
}

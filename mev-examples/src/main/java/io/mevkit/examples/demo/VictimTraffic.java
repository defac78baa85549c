package io.mevkit.examples.demo;

import static io.mevkit.testing.Abi.address;
import static io.mevkit.testing.Abi.uint;

import io.mevkit.testing.Abi;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.Tx;
import java.math.BigInteger;
import java.util.List;
import java.util.random.RandomGenerator;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint24;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;

/**
 * Ordinary users: each call sends one random swap (V2 Router02 or V3 SwapRouter, either direction, a random size and
 * a random slippage tolerance on the router's quote) from one of the victims' own accounts into the mempool, without
 * mining it. It knows nothing of any searcher. Not thread-safe (one generator, one caller).
 */
final class VictimTraffic {
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger BPS = BigInteger.valueOf(10_000);
    private static final long GAS = 400_000;

    /** One swap sent. {@code slippageBps} is the tolerance the user chose below the quote. */
    record Sent(
            String hash,
            String from,
            String venue,
            boolean sellsWeth,
            BigInteger amountIn,
            BigInteger quote,
            BigInteger minOut,
            int slippageBps) {}

    private final DemoChain chain;
    private final RandomGenerator random;

    VictimTraffic(DemoChain chain, RandomGenerator random) {
        this.chain = chain;
        this.random = random;
    }

    Sent sendOne() {
        Anvil anvil = chain.anvil();
        String from = chain.victims().get(random.nextInt(chain.victims().size()));
        boolean v3 = random.nextBoolean();
        boolean sellsWeth = random.nextInt(100) < 70;
        // 0.2 .. 30 WETH (or its USDC worth), skewed towards small swaps
        double u = random.nextDouble();
        BigInteger milliWeth = BigInteger.valueOf(200 + (long) (u * u * 29_800));
        BigInteger wethAmount = E18.multiply(milliWeth).divide(BigInteger.valueOf(1_000));
        String tokenIn = sellsWeth ? chain.weth() : chain.usdc();
        String tokenOut = sellsWeth ? chain.usdc() : chain.weth();
        BigInteger amountIn = sellsWeth
                ? wethAmount
                : wethAmount.multiply(BigInteger.valueOf(3_000)).divide(E18.divide(BigInteger.TEN.pow(6)));
        int slippageBps = 5 + random.nextInt(296); // 0.05% .. 3%
        BigInteger quote =
                v3 ? quoteV3(anvil, tokenIn, tokenOut, amountIn) : quoteV2(anvil, tokenIn, tokenOut, amountIn);
        BigInteger minOut =
                quote.multiply(BPS.subtract(BigInteger.valueOf(slippageBps))).divide(BPS);
        String data = v3
                ? FunctionEncoder.encode(Abi.fn(
                        "exactInputSingle",
                        new StaticStruct(
                                address(tokenIn),
                                address(tokenOut),
                                new Uint24(chain.v3Fee()),
                                address(from),
                                Abi.farDeadline(),
                                uint(amountIn),
                                uint(minOut),
                                new Uint160(BigInteger.ZERO))))
                : FunctionEncoder.encode(Abi.fn(
                        "swapExactTokensForTokens",
                        uint(amountIn),
                        uint(minOut),
                        Abi.path(tokenIn, tokenOut),
                        address(from),
                        Abi.farDeadline()));
        String router = v3 ? chain.v3().swapRouter() : chain.v2().router();
        String hash = anvil.sendTransaction(Tx.call(from, router, data).withGas(GAS));
        return new Sent(hash, from, v3 ? "V3" : "V2", sellsWeth, amountIn, quote, minOut, slippageBps);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private BigInteger quoteV2(Anvil anvil, String tokenIn, String tokenOut, BigInteger amountIn) {
        List<Type> out = anvil.call(
                chain.v2().router(),
                Abi.fn(
                        "getAmountsOut",
                        List.of(uint(amountIn), Abi.path(tokenIn, tokenOut)),
                        List.of(new TypeReference<DynamicArray<Uint256>>() {})));
        return ((List<Uint256>) out.get(0).getValue()).get(1).getValue();
    }

    @SuppressWarnings("rawtypes")
    private BigInteger quoteV3(Anvil anvil, String tokenIn, String tokenOut, BigInteger amountIn) {
        List<Type> out = anvil.call(
                chain.v3().quoter(),
                Abi.fn(
                        "quoteExactInputSingle",
                        List.of(new StaticStruct(
                                address(tokenIn),
                                address(tokenOut),
                                uint(amountIn),
                                new Uint24(chain.v3Fee()),
                                new Uint160(BigInteger.ZERO))),
                        List.of(
                                new TypeReference<Uint256>() {},
                                new TypeReference<Uint160>() {},
                                new TypeReference<Uint32>() {},
                                new TypeReference<Uint256>() {})));
        return (BigInteger) out.get(0).getValue();
    }
}

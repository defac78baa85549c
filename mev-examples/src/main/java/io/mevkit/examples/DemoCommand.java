package io.mevkit.examples;

import static io.mevkit.testing.Abi.address;
import static io.mevkit.testing.Abi.uint;

import io.mevkit.testing.Abi;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.TestTokens;
import io.mevkit.testing.UniswapV2;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.Callable;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mevkit demo}: starts a local anvil, deploys the real Uniswap V2 contracts and a pool, quotes a swap,
 * executes it and shows that the chain paid exactly the quote. anvil stops on exit, also on Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the demo on a local anvil chain.")
final class DemoCommand implements Callable<Integer> {
    private static final BigInteger ONE_ETHER = BigInteger.TEN.pow(18);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--amount-in",
            defaultValue = "1",
            description = "Whole WETH to sell into the pool (default: ${DEFAULT-VALUE}).")
    long amountInWhole;

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (amountInWhole < 1 || amountInWhole > 1_000) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--amount-in must be between 1 and 1000 but was " + amountInWhole);
        }
        try (Anvil anvil = Anvil.start()) {
            out.printf("anvil %s (chain %d)%n", anvil.rpcUrl(), anvil.chainId());
            UniswapV2 v2 = UniswapV2.deploy(anvil);
            TestTokens tokens = new TestTokens(anvil);
            String usdc = tokens.deploy("USD Coin (demo)", "USDC", 6);
            String weth = tokens.deploy("Wrapped Ether (demo)", "WETH", 18);
            String pair = v2.createPair(weth, usdc);
            v2.seed(
                    pair,
                    weth,
                    ONE_ETHER.multiply(BigInteger.valueOf(1_000)),
                    usdc,
                    BigInteger.valueOf(3_000_000_000_000L));
            UniswapV2.Reserves reserves = v2.reserves(pair);
            out.printf("Uniswap V2 pair %s  reserves %s / %s%n", pair, reserves.reserve0(), reserves.reserve1());

            BigInteger amountIn = ONE_ETHER.multiply(BigInteger.valueOf(amountInWhole));
            List<Type> quote = anvil.call(
                    v2.router(),
                    Abi.fn(
                            "getAmountsOut",
                            List.of(uint(amountIn), Abi.path(weth, usdc)),
                            List.of(new TypeReference<DynamicArray<Uint256>>() {})));
            BigInteger quoted = ((List<Uint256>) quote.get(0).getValue()).get(1).getValue();
            out.printf("quote: %s WETH -> %s USDC%n", amountInWhole, new BigDecimal(quoted, 6).toPlainString());

            String trader = anvil.accounts().get(1);
            tokens.mint(weth, trader, amountIn);
            tokens.approveMax(trader, weth, v2.router());
            anvil.invoke(
                    trader,
                    v2.router(),
                    Abi.fn(
                            "swapExactTokensForTokens",
                            uint(amountIn),
                            uint(quoted),
                            Abi.path(weth, usdc),
                            address(trader),
                            Abi.farDeadline()));
            BigInteger received = tokens.balanceOf(usdc, trader);
            out.printf(
                    "swap executed: received %s USDC (%s raw), %s the quote%n",
                    new BigDecimal(received, 6).toPlainString(), received, received.equals(quoted) ? "exactly" : "NOT");
            return received.equals(quoted) ? 0 : 1;
        }
    }
}

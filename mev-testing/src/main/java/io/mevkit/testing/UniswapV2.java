package io.mevkit.testing;

import static io.mevkit.testing.Abi.address;
import static io.mevkit.testing.Abi.fn;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint112;
import org.web3j.abi.datatypes.generated.Uint32;

/**
 * The real Uniswap V2 contracts (from the npm packages' bytecode) deployed on an {@link Anvil}: WETH9,
 * UniswapV2Factory and UniswapV2Router02, whose hard-coded pair init-code hash matches the factory's pair.
 */
public record UniswapV2(Anvil anvil, String weth, String factory, String router) {

    /** Deploys WETH9, the factory (fee setter: the first dev account) and Router02. */
    public static UniswapV2 deploy(Anvil anvil) {
        String deployer = anvil.accounts().get(0);
        String weth = anvil.deploy(ContractArtifact.load("WETH9"));
        String factory = anvil.deploy(ContractArtifact.load("UniswapV2Factory"), address(deployer));
        String router = anvil.deploy(ContractArtifact.load("UniswapV2Router02"), address(factory), address(weth));
        return new UniswapV2(anvil, weth, factory, router);
    }

    /** Creates the pair of two tokens and returns its address. */
    public String createPair(String tokenA, String tokenB) {
        anvil.invoke(anvil.accounts().get(0), factory, fn("createPair", address(tokenA), address(tokenB)));
        return pairFor(tokenA, tokenB);
    }

    @SuppressWarnings("rawtypes")
    public String pairFor(String tokenA, String tokenB) {
        List<Type> out = anvil.call(
                factory,
                Abi.fn("getPair", List.of(address(tokenA), address(tokenB)), List.of(new TypeReference<Address>() {})));
        return out.get(0).toString();
    }

    /**
     * Puts exactly {@code amountA} of {@code tokenA} and {@code amountB} of {@code tokenB} into the pair (minted
     * to it, then {@code pair.mint}), so the reserves are exactly what the test chose. Test tokens only.
     */
    public void seed(String pair, String tokenA, BigInteger amountA, String tokenB, BigInteger amountB) {
        TestTokens tokens = new TestTokens(anvil);
        tokens.mint(tokenA, pair, amountA);
        tokens.mint(tokenB, pair, amountB);
        anvil.invoke(
                anvil.accounts().get(0),
                pair,
                fn("mint", address(anvil.accounts().get(0))));
    }

    /** The pair's {@code getReserves()}: reserve0, reserve1, blockTimestampLast. */
    @SuppressWarnings("rawtypes")
    public Reserves reserves(String pair) {
        List<Type> out = anvil.call(
                pair,
                Abi.fn(
                        "getReserves",
                        List.of(),
                        List.of(
                                new TypeReference<Uint112>() {},
                                new TypeReference<Uint112>() {},
                                new TypeReference<Uint32>() {})));
        return new Reserves(
                (BigInteger) out.get(0).getValue(),
                (BigInteger) out.get(1).getValue(),
                ((BigInteger) out.get(2).getValue()).longValueExact());
    }

    /** A V2 pair's reserves as {@code getReserves()} returns them. */
    public record Reserves(BigInteger reserve0, BigInteger reserve1, long blockTimestampLast) {}
}

package io.mevkit.testing;

import static io.mevkit.testing.Abi.address;
import static io.mevkit.testing.Abi.fn;
import static io.mevkit.testing.Abi.uint;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Int24;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint24;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * The real Uniswap V3 contracts (v3-core and v3-periphery bytecode from npm) deployed on an {@link Anvil}: the
 * factory, SwapRouter, NonfungiblePositionManager and QuoterV2, sharing one WETH9.
 */
public record UniswapV3(
        Anvil anvil, String weth, String factory, String swapRouter, String positionManager, String quoter) {

    /** Deploys the V3 contracts around an existing WETH9. */
    public static UniswapV3 deploy(Anvil anvil, String weth) {
        String factory = anvil.deploy(ContractArtifact.load("UniswapV3Factory"));
        String router = anvil.deploy(ContractArtifact.load("SwapRouter"), address(factory), address(weth));
        // the token descriptor only renders NFT metadata; positions work without one
        String npm = anvil.deploy(
                ContractArtifact.load("NonfungiblePositionManager"),
                address(factory),
                address(weth),
                address("0x0000000000000000000000000000000000000000"));
        String quoter = anvil.deploy(ContractArtifact.load("QuoterV2"), address(factory), address(weth));
        return new UniswapV3(anvil, weth, factory, router, npm, quoter);
    }

    /** Creates the pool for two tokens and a fee tier, initializes it at {@code sqrtPriceX96}, returns its address. */
    public String createPool(String tokenA, String tokenB, int fee, BigInteger sqrtPriceX96) {
        String deployer = anvil.accounts().get(0);
        anvil.invoke(deployer, factory, fn("createPool", address(tokenA), address(tokenB), new Uint24(fee)));
        String pool = poolFor(tokenA, tokenB, fee);
        anvil.invoke(deployer, pool, fn("initialize", new Uint160(sqrtPriceX96)));
        return pool;
    }

    @SuppressWarnings("rawtypes")
    public String poolFor(String tokenA, String tokenB, int fee) {
        List<Type> out = anvil.call(
                factory,
                Abi.fn(
                        "getPool",
                        List.of(address(tokenA), address(tokenB), new Uint24(fee)),
                        List.of(new TypeReference<Address>() {})));
        return out.get(0).toString();
    }

    /**
     * Adds a position through the NonfungiblePositionManager for {@code provider}, who must hold and have approved
     * both tokens to the manager. {@code token0} must sort below {@code token1}.
     */
    public void mint(
            String provider,
            String token0,
            String token1,
            int fee,
            int tickLower,
            int tickUpper,
            BigInteger amount0Desired,
            BigInteger amount1Desired) {
        StaticStruct params = new StaticStruct(
                address(token0),
                address(token1),
                new Uint24(fee),
                new Int24(tickLower),
                new Int24(tickUpper),
                uint(amount0Desired),
                uint(amount1Desired),
                uint(0),
                uint(0),
                address(provider),
                Abi.farDeadline());
        anvil.invoke(provider, positionManager, fn("mint", params));
    }

    /** The pool's {@code slot0()} price and tick, and {@code liquidity()}. */
    @SuppressWarnings("rawtypes")
    public PoolState state(String pool) {
        List<Type> slot0 = anvil.call(
                pool,
                Abi.fn(
                        "slot0",
                        List.of(),
                        List.of(
                                new TypeReference<Uint160>() {},
                                new TypeReference<Int24>() {},
                                new TypeReference<Uint16>() {},
                                new TypeReference<Uint16>() {},
                                new TypeReference<Uint16>() {},
                                new TypeReference<Uint8>() {},
                                new TypeReference<Bool>() {})));
        List<Type> liquidity =
                anvil.call(pool, Abi.fn("liquidity", List.of(), List.of(new TypeReference<Uint128>() {})));
        return new PoolState(
                (BigInteger) slot0.get(0).getValue(),
                ((BigInteger) slot0.get(1).getValue()).intValueExact(),
                (BigInteger) liquidity.get(0).getValue());
    }

    /** A V3 pool's current price, tick and in-range liquidity. */
    public record PoolState(BigInteger sqrtPriceX96, int tick, BigInteger liquidity) {}
}

package io.mevkit.core;

import java.time.Duration;
import java.util.Optional;

/**
 * The chains mevkit knows out of the box. Fee-market parameters are the ones in force on each network; where a
 * chain's operator can change them on-chain (OP Stack since Holocene), the values here are the defaults and the
 * gas module reads the block header.
 */
public final class Chains {
    /** Multicall3, deployed at the same address on most EVM chains. */
    public static final Address MULTICALL3 = Address.of("0xcA11bde05977b3631167028862bE2a173976CA11");

    public static final Chain ETHEREUM = new Chain(
            1,
            "Ethereum",
            "ETH",
            Optional.of(Address.of("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2")),
            Optional.of(MULTICALL3),
            Duration.ofSeconds(12),
            FeeMarket.eip1559(2, 8));

    /** OP Stack: parameters from each header since Holocene; Canyon's elasticity 6, denominator 250 otherwise. */
    public static final Chain OPTIMISM = new Chain(
            10,
            "OP Mainnet",
            "ETH",
            Optional.of(Address.of("0x4200000000000000000000000000000000000006")),
            Optional.of(MULTICALL3),
            Duration.ofSeconds(2),
            FeeMarket.opStack(6, 250));

    /** BNB Smart Chain: base fee 0, type-2 transactions accepted; 0.75 s blocks since the Maxwell upgrade. */
    public static final Chain BSC = new Chain(
            56,
            "BNB Smart Chain",
            "BNB",
            Optional.of(Address.of("0xbb4CdB9CBd36B01bD1cBaEBF2De08d9173bc095c")),
            Optional.of(MULTICALL3),
            Duration.ofMillis(750),
            FeeMarket.zeroBaseFee());

    /** Polygon PoS: EIP-1559 with denominator 64 since the Bhilai upgrade. */
    public static final Chain POLYGON = new Chain(
            137,
            "Polygon PoS",
            "POL",
            Optional.of(Address.of("0x0d500B1d8E8eF31E21C99d1Db9A6444d3ADf1270")),
            Optional.of(MULTICALL3),
            Duration.ofSeconds(2),
            FeeMarket.eip1559(2, 64));

    /** Base (OP Stack): parameters from each header since Holocene; elasticity 6, denominator 250 otherwise. */
    public static final Chain BASE = new Chain(
            8453,
            "Base",
            "ETH",
            Optional.of(Address.of("0x4200000000000000000000000000000000000006")),
            Optional.of(MULTICALL3),
            Duration.ofSeconds(2),
            FeeMarket.opStack(6, 250));

    /** Arbitrum One: the base fee follows L2 congestion pricing with no closed formula; ask the node. */
    public static final Chain ARBITRUM = new Chain(
            42161,
            "Arbitrum One",
            "ETH",
            Optional.of(Address.of("0x82aF49447D8a07e3bd95BD0d56f35241523fBab1")),
            Optional.of(MULTICALL3),
            Duration.ofMillis(250),
            FeeMarket.nodeProvided());

    /** A local anvil node: Ethereum's fee rule; no WETH or Multicall3 until a test deploys them. */
    public static final Chain ANVIL = new Chain(
            31337, "Anvil", "ETH", Optional.empty(), Optional.empty(), Duration.ofSeconds(1), FeeMarket.eip1559(2, 8));

    private static final ChainRegistry DEFAULTS =
            ChainRegistry.of(ETHEREUM, OPTIMISM, BSC, POLYGON, BASE, ARBITRUM, ANVIL);

    private Chains() {}

    /** The registry of the chains above; add your own with {@link ChainRegistry#with(Chain)}. */
    public static ChainRegistry defaults() {
        return DEFAULTS;
    }
}

package io.mevkit.core.sandwich;

/** The router interface a swap was sent through, which decides how its calldata reads. */
public enum RouterDialect {
    /** UniswapV2Router02 and its forks (SushiSwap, PancakeSwap V2 …): one swap function per call. */
    UNISWAP_V2_ROUTER02,
    /** Uniswap's Universal Router: {@code execute(bytes commands, bytes[] inputs[, uint256 deadline])}. */
    UNIVERSAL_ROUTER,
    /** Uniswap's SwapRouter02: V2 swap functions, usually inside {@code multicall}. */
    SWAP_ROUTER02
}

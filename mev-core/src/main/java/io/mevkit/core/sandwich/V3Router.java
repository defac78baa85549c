package io.mevkit.core.sandwich;

/** The Uniswap router whose calldata a {@link V3VictimSwap} was decoded from. */
public enum V3Router {
    /** v3-periphery {@code SwapRouter}: the parameter structs carry a deadline. */
    SWAP_ROUTER,
    /** swap-router-contracts {@code SwapRouter02}: no deadline in the structs (it comes with {@code multicall}). */
    SWAP_ROUTER_02,
    /** {@code UniversalRouter}: {@code V3_SWAP_EXACT_IN} / {@code V3_SWAP_EXACT_OUT} commands. */
    UNIVERSAL_ROUTER
}

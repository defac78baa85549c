package io.mevkit.core.sandwich;

/**
 * What {@link V3SwapDecoder} made of a transaction's calldata: a {@link V3VictimSwap} or a typed
 * {@link V3NotUnderstood}. Never an exception: calldata is outside data, and most of it is not a V3 swap.
 */
public sealed interface V3DecodeResult permits V3VictimSwap, V3NotUnderstood {}

package io.mevkit.core.sandwich;

/**
 * Turns a pending transaction into the V2 swaps it will make. Implementations never throw on arbitrary calldata: what
 * they cannot read is a {@link DecodeResult.NotUnderstood}. Implementations are immutable and thread-safe. Users may
 * add their own (another router's dialect) and combine them with {@link VictimDecoders#firstUnderstood}.
 */
@FunctionalInterface
public interface VictimDecoder {
    DecodeResult decode(VictimTx tx);
}

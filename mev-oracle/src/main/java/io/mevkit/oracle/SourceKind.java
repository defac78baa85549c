package io.mevkit.oracle;

/**
 * The family a price source belongs to. Sources of one family tend to fail together (they see the same venues), so
 * a quorum can ask for more than one family.
 */
public enum SourceKind {
    /** An off-chain aggregator API over centralised exchanges (CoinGecko). */
    AGGREGATOR_API,
    /** A push oracle written on-chain on deviation or heartbeat (Chainlink). */
    PUSH_ORACLE,
    /** A pull oracle whose publishers report price and confidence (Pyth). */
    PULL_ORACLE,
    /** A time-weighted average from an on-chain DEX pool (Uniswap V3 TWAP). */
    DEX_TWAP
}

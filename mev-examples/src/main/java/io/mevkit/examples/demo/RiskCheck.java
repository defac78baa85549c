package io.mevkit.examples.demo;

import io.mevkit.oracle.AggregatedPrice;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The searcher's last word before it commits: given a sized sandwich and the USD price of the native coin, a reason
 * to refuse it, or empty. Behind an interface so a fuller policy can replace the demo's.
 */
public interface RiskCheck {
    Optional<String> reject(BigInteger positionWei, BigInteger netProfitWei, AggregatedPrice nativeUsd);
}

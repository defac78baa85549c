package io.mevkit.core.sandwich;

import io.mevkit.core.Checks;

/**
 * The gas the front-run and back-run transactions are expected to use, as configured by the caller (for example from
 * past receipts of the same contract calls). Bundle simulation ({@code eth_callBundle}) is the later source of the
 * real figures; until then these estimates price the plan. Immutable and thread-safe.
 */
public record LegGas(long frontRun, long backRun) {
    public LegGas {
        Checks.requirePositive("legGas.frontRun", frontRun);
        Checks.requirePositive("legGas.backRun", backRun);
    }

    /** Both legs together. */
    public long total() {
        return Math.addExact(frontRun, backRun);
    }
}

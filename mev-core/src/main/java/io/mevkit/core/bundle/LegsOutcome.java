package io.mevkit.core.bundle;

import java.util.Objects;

/**
 * What {@link SandwichLegs} made of a plan: a signed, simulated bundle ready to submit, or the simulation showing a
 * transaction would revert. Immutable.
 */
public sealed interface LegsOutcome {

    /** The legs are signed with gas limits from the simulation; see {@link SandwichBundle}. */
    record Ready(SandwichBundle bundle) implements LegsOutcome {
        public Ready {
            Objects.requireNonNull(bundle, "bundle");
        }
    }

    /**
     * A transaction of the ordered bundle reverts in simulation (the victim's state moved, or the plan is stale).
     *
     * @param simulation the simulation showing it
     * @param index the position of the first reverting transaction (0 front-run, 1 victim, 2 back-run)
     * @param reason its revert reason
     */
    record Reverts(BundleSimulation simulation, int index, String reason) implements LegsOutcome {
        public Reverts {
            Objects.requireNonNull(simulation, "simulation");
            Objects.requireNonNull(reason, "reason");
        }
    }
}

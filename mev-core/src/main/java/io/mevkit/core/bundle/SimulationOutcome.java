package io.mevkit.core.bundle;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link BundleSimulator#outcome} got: a simulation (in which transactions may have reverted), or the node or
 * builder refusing the whole bundle with a top-level JSON-RPC error. Immutable.
 */
public sealed interface SimulationOutcome {

    /** The bundle ran; see {@link BundleSimulation#firstRevert()} for a reverting transaction. */
    record Simulated(BundleSimulation simulation) implements SimulationOutcome {
        public Simulated {
            Objects.requireNonNull(simulation, "simulation");
        }
    }

    /**
     * The whole bundle was refused.
     *
     * @param method the JSON-RPC method refused ({@code eth_simulateV1} or {@code eth_callBundle})
     * @param code the error code
     * @param message the error message
     * @param dataJson the error's data as JSON, if any
     */
    record Refused(String method, int code, String message, Optional<String> dataJson) implements SimulationOutcome {
        public Refused {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(dataJson, "dataJson");
        }
    }
}

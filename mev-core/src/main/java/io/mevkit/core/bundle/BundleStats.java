package io.mevkit.core.bundle;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code flashbots_getBundleStatsV2}: whether and when the relay simulated a bundle and which builders considered
 * and sealed it. Before simulation only {@code isSimulated = false} (and perhaps {@code receivedAt}) is known.
 * Immutable.
 *
 * @param simulated whether the relay simulated it
 * @param highPriority whether it was high priority, when reported
 * @param receivedAt when the relay received it
 * @param simulatedAt when the relay simulated it
 * @param consideredByBuilders builders that considered it, with when
 * @param sealedByBuilders builders that sealed a block with it, with when
 */
public record BundleStats(
        boolean simulated,
        Optional<Boolean> highPriority,
        Optional<Instant> receivedAt,
        Optional<Instant> simulatedAt,
        List<BuilderSeen> consideredByBuilders,
        List<BuilderSeen> sealedByBuilders) {

    /** A builder (by BLS public key) and when it saw the bundle. */
    public record BuilderSeen(String pubkey, Instant timestamp) {
        public BuilderSeen {
            Objects.requireNonNull(pubkey, "pubkey");
            Objects.requireNonNull(timestamp, "timestamp");
        }
    }

    public BundleStats {
        Objects.requireNonNull(highPriority, "highPriority");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(simulatedAt, "simulatedAt");
        consideredByBuilders = List.copyOf(consideredByBuilders);
        sealedByBuilders = List.copyOf(sealedByBuilders);
    }
}

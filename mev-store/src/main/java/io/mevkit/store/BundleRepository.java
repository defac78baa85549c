package io.mevkit.store;

import java.util.List;
import java.util.Optional;

/** Signed bundles and their transactions. Obtained from a {@link StoreTransaction}; valid only inside its callback. */
public interface BundleRepository {
    /**
     * Records a signed bundle (with a {@code BUNDLE_SIGNED} event), or returns the stored one if its hash is already
     * there.
     *
     * @throws StateTransitionException unless its opportunity is {@code PLANNED} or {@code SUBMITTED}
     * @throws io.mevkit.core.ValidationException if the hash is already stored for another opportunity
     */
    Bundle recordSigned(NewBundle bundle);

    Optional<Bundle> find(long id);

    Optional<Bundle> findByHash(String bundleHash);

    /** The bundles carrying a transaction with this hash. */
    List<Bundle> byTxHash(String txHash);

    List<Bundle> forOpportunity(long opportunityId);
}

package io.mevkit.store;

import java.util.List;
import java.util.Optional;

/** Price snapshots with their per-source quotes. Obtained from a {@link StoreTransaction}; valid only inside its callback. */
public interface PriceRepository {
    /** Records a snapshot with its quotes and returns its id; the same key again returns the stored id. */
    long record(PriceSnapshot snapshot);

    /** The most recently observed snapshot of {@code base} in {@code quote}. */
    Optional<PriceSnapshot> latest(String base, String quote);

    /** The snapshots of {@code base} in {@code quote}, newest first, at most {@code limit}. */
    List<PriceSnapshot> history(String base, String quote, int limit);
}

package io.mevkit.store.internal;

import io.mevkit.core.ValidationException;

/** Bounds for result sizes asked of the repositories. */
final class Limits {
    static final int MAX = 100_000;

    private Limits() {}

    static int check(int limit) {
        if (limit < 1 || limit > MAX) {
            throw new ValidationException("limit", limit, "must be in [1, " + MAX + "]");
        }
        return limit;
    }
}

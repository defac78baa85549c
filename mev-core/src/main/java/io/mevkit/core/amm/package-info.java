/**
 * Exact automated-market-maker math: amounts are integers in each token's smallest unit and every step rounds as the
 * modelled contract does. Everything is non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.mevkit.core.amm;

import org.jspecify.annotations.NullMarked;

/**
 * Sandwich opportunities: decoding a pending swap's router calldata into what it trades and what it tolerates, sizing
 * the front-run and back-run exactly against the pool's math, and the resulting plans. Everything is non-null unless
 * annotated {@code @Nullable}.
 */
@NullMarked
package io.mevkit.core.sandwich;

import org.jspecify.annotations.NullMarked;

/**
 * mevkit's core: chains, addresses and the {@link io.mevkit.core.MevException} root. Everything is non-null unless
 * annotated {@code @Nullable}.
 */
@NullMarked
package io.mevkit.core;

import org.jspecify.annotations.NullMarked;

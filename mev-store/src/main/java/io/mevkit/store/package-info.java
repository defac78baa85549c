/** mevkit's store module. Everything is non-null unless annotated {@code @Nullable}. */
@NullMarked
package io.mevkit.store;

import org.jspecify.annotations.NullMarked;

/** mevkit's ws module. Everything is non-null unless annotated {@code @Nullable}. */
@NullMarked
package io.mevkit.ws;

import org.jspecify.annotations.NullMarked;

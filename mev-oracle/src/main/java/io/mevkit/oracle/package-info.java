/** mevkit's oracle module. Everything is non-null unless annotated {@code @Nullable}. */
@NullMarked
package io.mevkit.oracle;

import org.jspecify.annotations.NullMarked;

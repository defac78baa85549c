/** Implementation detail of {@code io.mevkit.core.pool}: block-pinned batched calls. Not a public API. */
@NullMarked
package io.mevkit.core.pool.internal;

import org.jspecify.annotations.NullMarked;

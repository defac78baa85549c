/** Implementation of {@link io.mevkit.core.bundle}; not a published API. */
@NullMarked
package io.mevkit.core.bundle.internal;

import org.jspecify.annotations.NullMarked;

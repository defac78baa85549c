/** Implementation of {@link io.mevkit.core.token}; not a published API. */
@NullMarked
package io.mevkit.core.token.internal;

import org.jspecify.annotations.NullMarked;

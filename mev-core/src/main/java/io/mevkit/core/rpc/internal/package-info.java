/** Implementation of {@link io.mevkit.core.rpc}; not a published API. */
@NullMarked
package io.mevkit.core.rpc.internal;

import org.jspecify.annotations.NullMarked;

/** Implementation of the store; not an API: may change in any release. */
@NullMarked
package io.mevkit.store.internal;

import org.jspecify.annotations.NullMarked;

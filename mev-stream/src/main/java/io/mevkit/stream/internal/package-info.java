/** Implementation of the stream server; not an API. */
@NullMarked
package io.mevkit.stream.internal;

import org.jspecify.annotations.NullMarked;

/** Implementation of mevkit's WebSocket client; not a public API, may change without notice. */
@NullMarked
package io.mevkit.ws.internal;

import org.jspecify.annotations.NullMarked;

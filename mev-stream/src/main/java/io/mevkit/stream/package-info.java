/**
 * An embeddable WebSocket event stream for dashboards and operators: {@link io.mevkit.stream.StreamServer} fans out
 * what a host application {@linkplain io.mevkit.stream.StreamServer#publish publishes} on fixed
 * {@linkplain io.mevkit.stream.Channel channels}, with per-channel sequence numbers, replay after a reconnect, JWT
 * scopes and per-client limits. The wire protocol is described in the module's README.
 */
@NullMarked
package io.mevkit.stream;

import org.jspecify.annotations.NullMarked;

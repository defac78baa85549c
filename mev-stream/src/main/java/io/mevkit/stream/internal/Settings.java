package io.mevkit.stream.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The validated, immutable configuration a StreamServer hands to its implementation. */
public record Settings(
        Clock clock,
        @Nullable TokenAuthenticator authenticator,
        Set<String> allowedOrigins,
        int replayBufferSize,
        int maxQueuedMessages,
        long maxQueuedBytes,
        int inboundPerSecond,
        int inboundBurst,
        int maxClients,
        Duration heartbeatInterval,
        Duration staleAfter) {}

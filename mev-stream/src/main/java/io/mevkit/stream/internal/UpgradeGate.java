package io.mevkit.stream.internal;

import io.mevkit.stream.StreamServer;
import io.mevkit.stream.UpgradeRejection;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.jspecify.annotations.Nullable;

/**
 * Decides each upgrade: origin, capacity, then the token (from {@code Authorization: Bearer} or the
 * {@code bearer.<jwt>} subprotocol). A refusal is an HTTP error before any WebSocket exists.
 */
public final class UpgradeGate implements WebSocketCreator {
    private final StreamHub hub;

    public UpgradeGate(StreamHub hub) {
        this.hub = hub;
    }

    @Override
    public @Nullable Object createWebSocket(
            ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        if (!originAllowed(request)) {
            return refuse(request, response, callback, UpgradeRejection.ORIGIN, HttpStatus.FORBIDDEN_403);
        }
        TokenAuthenticator.Result auth = null;
        TokenAuthenticator authenticator = hub.settings().authenticator();
        if (authenticator != null) {
            auth = authenticator.verify(token(request));
            UpgradeRejection why = auth.rejection();
            if (why != null) {
                int status = why == UpgradeRejection.NO_SCOPE ? HttpStatus.FORBIDDEN_403 : HttpStatus.UNAUTHORIZED_401;
                return refuse(request, response, callback, why, status);
            }
        }
        ClientEndpoint client = hub.reserveClient(auth);
        if (client == null) {
            return refuse(request, response, callback, UpgradeRejection.CAPACITY, HttpStatus.SERVICE_UNAVAILABLE_503);
        }
        // no permessage-deflate: compressing each message once per client would multiply the fan-out's CPU cost
        response.setExtensions(List.of());
        if (request.hasSubProtocol(StreamServer.PROTOCOL)) {
            response.setAcceptedSubProtocol(StreamServer.PROTOCOL);
        }
        return client;
    }

    private @Nullable Object refuse(
            ServerUpgradeRequest request,
            ServerUpgradeResponse response,
            Callback callback,
            UpgradeRejection why,
            int status) {
        hub.countRejection(why);
        Response.writeError(request, response, callback, status);
        return null;
    }

    private static @Nullable String token(ServerUpgradeRequest request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        for (String protocol : request.getSubProtocols()) {
            if (protocol.startsWith(StreamServer.BEARER_PROTOCOL_PREFIX)) {
                return protocol.substring(StreamServer.BEARER_PROTOCOL_PREFIX.length());
            }
        }
        return null;
    }

    private boolean originAllowed(ServerUpgradeRequest request) {
        HttpField field = request.getHeaders().getField(HttpHeader.ORIGIN);
        if (field == null) {
            return true; // not a browser: browsers always send Origin on WebSocket upgrades
        }
        String origin = field.getValue().toLowerCase(Locale.ROOT);
        if (hub.settings().allowedOrigins().contains(origin)) {
            return true;
        }
        // same origin: the page was served by this server (scheme://host:port equals the Host header)
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return authority != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && authority.equals(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

package io.mevkit.stream.internal;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;
import io.mevkit.stream.Channel;
import io.mevkit.stream.StreamTokens;
import io.mevkit.stream.UpgradeRejection;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Verifies HS256 stream tokens: signature, required expiry (no leeway), optional issuer, channel scopes. */
public final class TokenAuthenticator {
    /** The outcome: either the granted channels and expiry, or why the token is refused. */
    public record Result(Set<Channel> channels, @Nullable Instant expiresAt, @Nullable UpgradeRejection rejection) {
        static Result refused(UpgradeRejection why) {
            return new Result(Set.of(), null, why);
        }
    }

    private final JWTVerifier verifier;

    public TokenAuthenticator(byte[] secret, @Nullable String issuer, Clock clock) {
        Verification v = JWT.require(Algorithm.HMAC256(secret)).withClaimPresence("exp");
        if (issuer != null) {
            v = v.withIssuer(issuer);
        }
        this.verifier = ((JWTVerifier.BaseVerification) v).build(clock);
    }

    public Result verify(@Nullable String token) {
        if (token == null || token.isBlank()) {
            return Result.refused(UpgradeRejection.UNAUTHENTICATED);
        }
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            return Result.refused(UpgradeRejection.TOKEN_EXPIRED);
        } catch (JWTVerificationException e) {
            // forged, malformed, wrong algorithm, wrong issuer or no expiry: the reason is not told to the client
            return Result.refused(UpgradeRejection.UNAUTHENTICATED);
        }
        String scope = jwt.getClaim("scope").asString();
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        if (scope != null) {
            for (String s : scope.trim().split("\\s+")) {
                if (s.equals(StreamTokens.ALL_CHANNELS_SCOPE)) {
                    channels.addAll(EnumSet.allOf(Channel.class));
                } else if (s.startsWith("stream:")) {
                    Optional<Channel> c = Channel.fromWireName(s.substring("stream:".length()));
                    c.ifPresent(channels::add);
                }
            }
        }
        if (channels.isEmpty()) {
            return Result.refused(UpgradeRejection.NO_SCOPE);
        }
        return new Result(channels, jwt.getExpiresAtAsInstant(), null);
    }
}

package io.mevkit.stream;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import io.mevkit.core.ValidationException;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Issues the HS256 tokens a {@link StreamServer} configured with the same secret accepts: a subject, an expiry and
 * the {@code scope} claim ({@code stream:<channel>} per channel, or {@code stream:*} for all). For host applications
 * that hand a dashboard its token, and for tests. Immutable and thread-safe; the secret is never printed.
 */
public final class StreamTokens {
    /** The scope that grants every channel. */
    public static final String ALL_CHANNELS_SCOPE = "stream:*";

    private final Algorithm algorithm;
    private final @Nullable String issuer;

    private StreamTokens(byte[] secret, @Nullable String issuer) {
        StreamServer.Builder.requireSecret(secret);
        this.algorithm = Algorithm.HMAC256(secret.clone());
        this.issuer = issuer;
    }

    /** Tokens signed with {@code secret} (at least 32 bytes), without an issuer claim. */
    public static StreamTokens hmac(byte[] secret) {
        return new StreamTokens(Objects.requireNonNull(secret, "secret"), null);
    }

    /** Tokens signed with {@code secret} carrying {@code issuer} as their {@code iss} claim. */
    public static StreamTokens hmac(byte[] secret, String issuer) {
        return new StreamTokens(Objects.requireNonNull(secret, "secret"), Objects.requireNonNull(issuer, "issuer"));
    }

    /** A token for {@code subject} granting {@code channels} until {@code expiresAt}. */
    public String issue(String subject, Set<Channel> channels, Instant expiresAt) {
        Objects.requireNonNull(channels, "channels");
        if (channels.isEmpty()) {
            throw new ValidationException("channels", channels, "must name at least one channel");
        }
        return issueScope(
                subject, channels.stream().map(Channel::scope).sorted().collect(Collectors.joining(" ")), expiresAt);
    }

    /** A token for {@code subject} granting every channel until {@code expiresAt}. */
    public String issueAllChannels(String subject, Instant expiresAt) {
        return issueScope(subject, ALL_CHANNELS_SCOPE, expiresAt);
    }

    /** A token with a raw space-separated {@code scope} claim (unknown scopes are ignored by the server). */
    public String issueScope(String subject, String scope, Instant expiresAt) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(expiresAt, "expiresAt");
        JWTCreator.Builder jwt =
                JWT.create().withSubject(subject).withClaim("scope", scope).withExpiresAt(expiresAt);
        if (issuer != null) {
            jwt.withIssuer(issuer);
        }
        return jwt.sign(algorithm);
    }

    @Override
    public String toString() {
        return "StreamTokens[HS256" + (issuer == null ? "" : ", issuer=" + issuer) + "]";
    }
}

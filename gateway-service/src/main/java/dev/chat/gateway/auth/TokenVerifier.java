package dev.chat.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chat.common.ids.DeviceIds;
import dev.chat.gateway.config.GatewayConfig;
import dev.chat.support.auth.AuthConfig;
import dev.chat.support.hashing.Sha256;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies a client's token: signature against the configured public key or JWKS
 * ({@code mp.jwt.verify.publickey} / {@code mp.jwt.verify.publickey.location}), issuer
 * ({@code mp.jwt.verify.issuer}), expiry; then reads the user (claim {@code sub}, a UUID) and the
 * device (claim {@code chat.auth.device-claim}, default {@code device_id}).
 *
 * <p>A token that passed is remembered by the SHA-256 of its text until its {@code exp}
 * ({@code chat.gateway.verified-tokens} of them at most, the least recently used forgotten first),
 * so a device that reconnects with the same token pays no signature check. Guarantees: only the
 * exact text of a token that passed every check is accepted from memory, and never at or after its
 * expiry. Limit: a token stays accepted until it expires even when the key that signed it has been
 * rotated away meanwhile (tokens are short-lived; docs/protocol.md).
 *
 * <p>Fails the start when no key is configured, so a gateway never runs accepting nothing, or
 * anything.
 */
@Startup
@ApplicationScoped
public class TokenVerifier {

    private final JWTParser parser;
    private final String deviceClaim;
    private final Clock clock;
    private final Cache<String, Verified> verified;

    @Inject
    public TokenVerifier(JWTParser parser, Config config, GatewayConfig gateway, AuthConfig auth) {
        this(parser, config, auth.deviceClaim(), gateway.verifiedTokens(), Clock.systemUTC());
    }

    TokenVerifier(JWTParser parser, Config config, String deviceClaim, int remembered, Clock clock) {
        this.parser = parser;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(remembered).build();
        this.deviceClaim = deviceClaim;
        boolean keyConfigured = config.getOptionalValue("mp.jwt.verify.publickey", String.class).isPresent()
                || config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).isPresent();
        if (!keyConfigured) {
            throw new IllegalStateException("no token verification key: set MP_JWT_VERIFY_PUBLICKEY_LOCATION (a PEM"
                    + " file or the identity provider's JWKS URL) or MP_JWT_VERIFY_PUBLICKEY (the PEM itself)");
        }
    }

    /** The device the token names, or empty when the token is invalid, expired or incomplete. */
    public Optional<AuthenticatedDevice> verify(String token) {
        String key = sha256(token);
        Verified known = verified.getIfPresent(key);
        if (known != null) {
            if (clock.instant().isBefore(known.expiresAt())) {
                return Optional.of(known.device());
            }
            verified.invalidate(key);
        }
        Optional<Verified> checked = check(token);
        checked.ifPresent(v -> verified.put(key, v));
        return checked.map(Verified::device);
    }

    private Optional<Verified> check(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            Object device = jwt.getClaim(deviceClaim);
            if (jwt.getSubject() == null || device == null || !DeviceIds.isValid(device.toString())
                    || jwt.getExpirationTime() <= 0) {
                return Optional.empty();
            }
            return Optional.of(new Verified(new AuthenticatedDevice(UUID.fromString(jwt.getSubject()), device.toString()),
                    Instant.ofEpochSecond(jwt.getExpirationTime())));
        } catch (ParseException | IllegalArgumentException invalid) {
            return Optional.empty();
        }
    }

    private static String sha256(String token) {
        return Base64.getEncoder().encodeToString(Sha256.of(token));
    }

    /** A token that passed, until when. */
    private record Verified(AuthenticatedDevice device, Instant expiresAt) {
    }
}

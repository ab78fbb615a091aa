package dev.chat.contacts.config;

import io.quarkus.runtime.Startup;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues the tokens that registration returns in {@link RegistrationMode#LOCAL}: RS256, signed
 * with {@code smallrye.jwt.sign.key.location} (or {@code smallrye.jwt.sign.key}), naming the user
 * ({@code sub}) and the device ({@code device_id}), as the gateway and the REST services expect.
 *
 * <p>In local mode a missing signing key fails the start, naming the setting, rather than the
 * first registration.
 */
@Startup
@ApplicationScoped
public class LocalTokens {

    /** A token and when it stops being accepted. */
    public record IssuedToken(String token, Instant expiresAt) {
    }

    private final RegistrationMode mode;
    private final String issuer;
    private final Duration ttl;

    public LocalTokens(@ConfigProperty(name = "chat.accounts.registration") RegistrationMode mode,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "chat.accounts.local-tokens.ttl", defaultValue = "24h") Duration ttl,
            @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> keyLocation,
            @ConfigProperty(name = "smallrye.jwt.sign.key") Optional<String> key) {
        if (mode == RegistrationMode.LOCAL && keyLocation.isEmpty() && key.isEmpty()) {
            throw new IllegalStateException("chat.accounts.registration=local issues tokens and needs their signing key:"
                    + " set smallrye.jwt.sign.key.location (SMALLRYE_JWT_SIGN_KEY_LOCATION) to a PEM private key");
        }
        this.mode = mode;
        this.issuer = issuer;
        this.ttl = ttl;
    }

    public RegistrationMode mode() {
        return mode;
    }

    public IssuedToken issue(UUID userId, String deviceId) {
        if (mode != RegistrationMode.LOCAL) {
            throw new IllegalStateException("tokens are issued here only in local registration mode");
        }
        Instant now = Instant.now();
        Instant expiresAt = now.plus(ttl);
        String token = Jwt.issuer(issuer).subject(userId.toString()).claim("device_id", deviceId)
                .issuedAt(now).expiresAt(expiresAt).sign();
        return new IssuedToken(token, expiresAt);
    }
}

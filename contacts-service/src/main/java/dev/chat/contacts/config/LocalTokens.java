package dev.chat.contacts.config;

import dev.chat.support.auth.AuthConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues the tokens that registration returns in {@link RegistrationMode#LOCAL}: RS256, signed
 * with {@code smallrye.jwt.sign.key.location} (or {@code smallrye.jwt.sign.key}), naming the user
 * ({@code sub}) and the device (the claim {@code chat.auth.device-claim} names, {@code device_id} by
 * default), as the gateway and the REST services expect.
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
    private final String deviceClaim;

    @Inject
    public LocalTokens(ContactsServiceConfig config, AuthConfig auth,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> keyLocation,
            @ConfigProperty(name = "smallrye.jwt.sign.key") Optional<String> key) {
        this(config.accounts().registration(), issuer, config.accounts().localTokens().ttl(), auth.deviceClaim(),
                keyLocation.isPresent() || key.isPresent());
    }

    /** @param hasSigningKey whether a signing key is configured: local registration needs one */
    public LocalTokens(RegistrationMode mode, String issuer, Duration ttl, String deviceClaim, boolean hasSigningKey) {
        if (mode == RegistrationMode.LOCAL && !hasSigningKey) {
            throw new IllegalStateException("chat.accounts.registration=local issues tokens and needs their signing key:"
                    + " set smallrye.jwt.sign.key.location (SMALLRYE_JWT_SIGN_KEY_LOCATION) to a PEM private key");
        }
        this.mode = mode;
        this.issuer = issuer;
        this.ttl = ttl;
        this.deviceClaim = deviceClaim;
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
        String token = Jwt.issuer(issuer).subject(userId.toString()).claim(deviceClaim, deviceId)
                .issuedAt(now).expiresAt(expiresAt).sign();
        return new IssuedToken(token, expiresAt);
    }
}

package dev.chat.gateway.auth;

import io.quarkus.runtime.Startup;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
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
 * <p>Fails the start when no key is configured, so a gateway never runs accepting nothing, or
 * anything.
 */
@Startup
@ApplicationScoped
public class TokenVerifier {

    private static final String DEVICE_PATTERN = "[A-Za-z0-9._-]{1,64}";

    private final JWTParser parser;
    private final String deviceClaim;

    public TokenVerifier(JWTParser parser, Config config) {
        this.parser = parser;
        this.deviceClaim = config.getOptionalValue("chat.auth.device-claim", String.class).orElse("device_id");
        boolean keyConfigured = config.getOptionalValue("mp.jwt.verify.publickey", String.class).isPresent()
                || config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).isPresent();
        if (!keyConfigured) {
            throw new IllegalStateException("no token verification key: set MP_JWT_VERIFY_PUBLICKEY_LOCATION (a PEM"
                    + " file or the identity provider's JWKS URL) or MP_JWT_VERIFY_PUBLICKEY (the PEM itself)");
        }
    }

    /** The device the token names, or empty when the token is invalid, expired or incomplete. */
    public Optional<AuthenticatedDevice> verify(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            Object device = jwt.getClaim(deviceClaim);
            if (jwt.getSubject() == null || device == null || !device.toString().matches(DEVICE_PATTERN)) {
                return Optional.empty();
            }
            return Optional.of(new AuthenticatedDevice(UUID.fromString(jwt.getSubject()), device.toString()));
        } catch (ParseException | IllegalArgumentException invalid) {
            return Optional.empty();
        }
    }
}

package dev.chat.gateway.auth;

import dev.chat.gateway.sessions.ConnectAdmission;
import dev.chat.gateway.sessions.Drain;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses the WebSocket handshake unless it carries a valid token: 401 without one or with a bad
 * one, 503 while the instance drains, and 503 with {@code Retry-After} while too many sockets are
 * connecting ({@link ConnectAdmission}, checked before the token so that a refusal costs nothing). The token comes in the {@code Authorization: Bearer} header
 * or, for browsers (which cannot set headers on a WebSocket), the {@code access_token} query
 * parameter. The verified identity is handed to the socket in its user data.
 */
@ApplicationScoped
public class HandshakeAuthentication implements HttpUpgradeCheck {

    /** Clients retry a connect refused for load after a second (plus their own jitter, docs/protocol.md). */
    private static final Map<String, List<String>> RETRY_AFTER = Map.of("Retry-After", List.of("1"));

    private final TokenVerifier verifier;
    private final Drain drain;
    private final ConnectAdmission admission;

    public HandshakeAuthentication(TokenVerifier verifier, Drain drain, ConnectAdmission admission) {
        this.verifier = verifier;
        this.drain = drain;
        this.admission = admission;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (drain.draining()) {
            return CheckResult.rejectUpgrade(503);
        }
        Optional<ConnectAdmission.Place> place = admission.admit();
        if (place.isEmpty()) {
            return CheckResult.rejectUpgrade(503, RETRY_AFTER);
        }
        Optional<AuthenticatedDevice> device = token(context.httpRequest()).flatMap(verifier::verify);
        if (device.isEmpty()) {
            admission.release(place.get());
            return CheckResult.rejectUpgrade(401);
        }
        context.userData().put(AuthenticatedDevice.KEY, device.get());
        context.userData().put(ConnectAdmission.KEY, place.get());
        return CheckResult.permitUpgrade();
    }

    static Optional<String> token(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(header.substring(7).trim());
        }
        return Optional.ofNullable(request.getParam("access_token"));
    }
}

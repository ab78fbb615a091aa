package dev.chat.inbox.endpoints;

import dev.chat.support.auth.AuthConfig;
import dev.chat.support.requests.RequestValues;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who sent the request: the user and device the request's token names. */
@RequestScoped
public class SignedIn {

    private final JsonWebToken token;
    private final AuthConfig auth;

    public SignedIn(JsonWebToken token, AuthConfig auth) {
        this.token = token;
        this.auth = auth;
    }

    /** The user ({@link RequestValues#signedInUser}). */
    UUID user() {
        return RequestValues.signedInUser(token.getSubject());
    }

    /** The device, or null when the token names none ({@link RequestValues#signedInDevice}). */
    String device() {
        return RequestValues.signedInDevice(token.getClaim(auth.deviceClaim()));
    }
}

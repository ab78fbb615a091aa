package dev.chat.gateway.auth;

import io.quarkus.websockets.next.UserData;
import java.util.UUID;

/** The user and device a verified token names; the only identity a socket ever acts as. */
public record AuthenticatedDevice(UUID userId, String deviceId) {

    /** Where the handshake check leaves the identity for the socket endpoint. */
    public static final UserData.TypedKey<AuthenticatedDevice> KEY = new UserData.TypedKey<>("chat.device");
}

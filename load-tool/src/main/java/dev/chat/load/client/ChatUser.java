package dev.chat.load.client;

import java.util.UUID;

/** A user the load tool acts as: one device, with the token its socket connects with. */
public record ChatUser(UUID userId, String deviceId, String token) {
}

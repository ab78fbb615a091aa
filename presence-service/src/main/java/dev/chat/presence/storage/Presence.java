package dev.chat.presence.storage;

import java.time.Instant;
import java.util.UUID;

/**
 * Whether a user is online now, as the asking user may see it.
 *
 * @param userId the user
 * @param online whether at least one device has a socket on a live gateway
 * @param devices how many devices are connected
 * @param lastSeen when the user's last device disconnected; null if never recorded
 * @param visible false when the user hides their presence from the asking user (privacy setting,
 *     a block, no account; docs/privacy.md): then offline, no devices, no last seen
 */
public record Presence(UUID userId, boolean online, int devices, Instant lastSeen, boolean visible) {

    public static Presence of(UUID userId, boolean online, int devices, Instant lastSeen) {
        return new Presence(userId, online, devices, lastSeen, true);
    }

    /** What a user hidden from the asking user shows. */
    public static Presence hidden(UUID userId) {
        return new Presence(userId, false, 0, null, false);
    }
}

package dev.chat.presence.storage;

import java.time.Instant;
import java.util.UUID;

/**
 * Whether a user is online now.
 *
 * @param userId the user
 * @param online whether at least one device has a socket on a live gateway
 * @param devices how many devices are connected
 * @param lastSeen when the user's last device disconnected; null if never recorded
 */
public record Presence(UUID userId, boolean online, int devices, Instant lastSeen) {
}

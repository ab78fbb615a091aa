package dev.chat.common.events;

import java.util.UUID;

/** A device of {@code userId} was recorded in {@code user_devices}: cached device lists of the user are stale. */
public record DeviceRegistered(UUID userId, String deviceId) {
}

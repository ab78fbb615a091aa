package dev.chat.common.internal;

import java.time.Instant;
import java.util.UUID;

/** A message a device has not acknowledged yet. */
public record PendingMessage(UUID messageId, UUID chatId, UUID from, String body, Instant sentAt) {
}

package dev.chat.common.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * A message a device has not acknowledged yet.
 *
 * @param group whether {@code chatId} is a group
 * @param system for a group's system message, its event (lower case); null otherwise
 * @param subject for a system message, the member it is about
 */
public record PendingMessage(UUID messageId, UUID chatId, UUID from, String body, Instant sentAt, boolean group,
        String system, UUID subject) {
}

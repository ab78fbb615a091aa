package dev.chat.common.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * message-service → gateway: the message is stored and published.
 *
 * @param duplicate true when this was a retry of a send already stored; nothing new was stored
 */
public record SendResponse(UUID messageId, UUID chatId, Instant sentAt, boolean duplicate) {
}

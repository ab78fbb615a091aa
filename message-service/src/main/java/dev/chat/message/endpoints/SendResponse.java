package dev.chat.message.endpoints;

import java.time.Instant;
import java.util.UUID;

/** What the gateway acks to the sender once the message is stored and published. */
public record SendResponse(UUID messageId, UUID chatId, Instant sentAt) {
}

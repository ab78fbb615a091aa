package dev.chat.common.events;

import java.util.UUID;

/** A typing indicator, published to {@link Topics#TYPING}; ephemeral, never stored. */
public record TypingEvent(UUID chatId, UUID fromUserId, UUID toUserId) {
}

package dev.chat.common.internal;

import java.util.UUID;

/** gateway → message-service: {@code fromUserId} is typing to {@code toUserId}. */
public record TypingRequest(UUID fromUserId, UUID toUserId) {
}

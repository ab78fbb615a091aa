package dev.chat.common.internal;

import java.util.UUID;

/** gateway → message-service: {@code userId} has seen chat {@code chatId} up to {@code upTo}. */
public record SeenRequest(UUID userId, UUID chatId, UUID upTo) {
}

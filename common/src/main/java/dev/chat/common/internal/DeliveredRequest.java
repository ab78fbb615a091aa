package dev.chat.common.internal;

import java.util.List;
import java.util.UUID;

/**
 * gateway → message-service: a device of {@code userId} received these messages of chat
 * {@code chatId}, sent by {@code senderId}.
 */
public record DeliveredRequest(UUID userId, String deviceId, UUID chatId, UUID senderId, List<UUID> messageIds) {
}

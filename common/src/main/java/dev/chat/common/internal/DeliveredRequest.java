package dev.chat.common.internal;

import java.util.List;
import java.util.UUID;

/**
 * gateway → message-service: a device of {@code userId} received these messages of chat
 * {@code chatId}, sent by {@code senderId}.
 *
 * @param pushedHere true when the gateway pushed every one of these messages, of this chat, to
 *     the acknowledging device itself: they are then taken as received without reading which of
 *     them were pending for it. False: only those pending for the device count.
 */
public record DeliveredRequest(UUID userId, String deviceId, UUID chatId, UUID senderId, List<UUID> messageIds,
        boolean pushedHere) {
}

package dev.chat.common.events;

import java.util.List;
import java.util.UUID;

/**
 * A delivered or seen receipt for the sender of messages, published to {@link Topics#RECEIPTS}
 * keyed by chat id.
 *
 * @param kind delivered or seen
 * @param chatId the chat
 * @param byUserId who received or saw the messages
 * @param toUserId the sender of the messages, who gets the receipt
 * @param messageIds the messages delivered (for {@link Kind#DELIVERED})
 * @param upTo the newest message seen (for {@link Kind#SEEN})
 */
public record ReceiptEvent(Kind kind, UUID chatId, UUID byUserId, UUID toUserId, List<UUID> messageIds,
        UUID upTo) {

    public enum Kind { DELIVERED, SEEN }
}

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
 * @param upTo the newest message seen (for {@link Kind#SEEN}); for a group receipt, the newest
 *        message every member has received (delivered) or seen
 * @param groupMembers for a group receipt, the members who get it ({@code byUserId} and
 *        {@code toUserId} are then null); null for one-to-one receipts
 */
public record ReceiptEvent(Kind kind, UUID chatId, UUID byUserId, UUID toUserId, List<UUID> messageIds,
        UUID upTo, List<UUID> groupMembers) {

    public enum Kind { DELIVERED, SEEN }

    /** A one-to-one receipt. */
    public ReceiptEvent(Kind kind, UUID chatId, UUID byUserId, UUID toUserId, List<UUID> messageIds, UUID upTo) {
        this(kind, chatId, byUserId, toUserId, messageIds, upTo, null);
    }

    /** Every member of the group has received (or seen) every message up to {@code upTo}. */
    public static ReceiptEvent everyMember(Kind kind, UUID groupId, UUID upTo, List<UUID> members) {
        return new ReceiptEvent(kind, groupId, null, null, null, upTo, List.copyOf(members));
    }
}

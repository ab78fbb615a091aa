package dev.chat.inbox.storage;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.UUID;

/**
 * One conversation in a user's inbox.
 *
 * @param chatId the chat
 * @param peerId the other user of a one-to-one chat, or the group
 * @param group whether the chat is a group
 * @param lastMessageId the newest message
 * @param lastSenderId who sent it
 * @param lastMessagePreview its first characters
 * @param lastMessageAt its time
 * @param unreadCount messages not yet seen by this user
 * @param settings whether the user archived, pinned, muted or marked it unread (shown as fields of the entry)
 */
public record InboxEntry(UUID chatId, UUID peerId, boolean group, UUID lastMessageId, UUID lastSenderId,
        String lastMessagePreview, Instant lastMessageAt, int unreadCount, @JsonUnwrapped ChatListSettings settings) {

    /** The same conversation shown without a preview. */
    InboxEntry withoutPreview() {
        return new InboxEntry(chatId, peerId, group, lastMessageId, lastSenderId, null, lastMessageAt, unreadCount, settings);
    }

    /** The same conversation with another unread count. */
    InboxEntry withUnreadCount(int count) {
        return new InboxEntry(chatId, peerId, group, lastMessageId, lastSenderId, lastMessagePreview, lastMessageAt, count,
                settings);
    }
}

package dev.chat.inbox.storage;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored message of a chat's history.
 *
 * @param messageId its time-based id, which orders the chat
 * @param senderId who sent it
 * @param body its text
 * @param sentAt the time inside its id
 * @param delivered whether the recipient's device has it (one-to-one chats; false where unknown)
 * @param seen whether the recipient has seen it (one-to-one chats; false where unknown)
 */
public record HistoryMessage(UUID messageId, UUID senderId, String body, Instant sentAt, boolean delivered,
        boolean seen) {
}

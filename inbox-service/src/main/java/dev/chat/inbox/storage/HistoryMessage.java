package dev.chat.inbox.storage;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param system for a group's system message, its event ("added", ...); absent otherwise
 * @param subject for a system message, the member it is about; absent otherwise
 */
public record HistoryMessage(UUID messageId, UUID senderId, String body, Instant sentAt, boolean delivered,
        boolean seen, @JsonInclude(JsonInclude.Include.NON_NULL) String system,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID subject) {
}

package dev.chat.message.domain;

import dev.chat.common.ids.TimeUuids;
import dev.chat.common.protocol.Attachment;
import java.time.Instant;
import java.util.UUID;

/**
 * A one-to-one message as stored: its chat, its time-based id and what was sent.
 *
 * @param replyTo the message of the chat it answers, or null
 * @param attachment the file it carries ({@code body} is then its caption, null when none), or null
 */
public record StoredMessage(UUID chatId, UUID messageId, UUID senderId, UUID recipientId, String clientMessageId,
        String body, UUID replyTo, Attachment attachment) {

    /** The server time of the message, which is the time inside its id. */
    public Instant sentAt() {
        return TimeUuids.instantOf(messageId);
    }
}

package dev.chat.message.domain;

import dev.chat.common.ids.TimeUuids;
import java.time.Instant;
import java.util.UUID;

/** A one-to-one message as stored: its chat, its time-based id and what was sent. */
public record StoredMessage(UUID chatId, UUID messageId, UUID senderId, UUID recipientId, String clientMessageId,
        String body) {

    /** The server time of the message, which is the time inside its id. */
    public Instant sentAt() {
        return TimeUuids.instantOf(messageId);
    }
}

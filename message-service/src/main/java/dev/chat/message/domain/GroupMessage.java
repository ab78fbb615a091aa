package dev.chat.message.domain;

import dev.chat.common.ids.TimeUuids;
import dev.chat.common.protocol.Attachment;
import dev.chat.common.protocol.Previews;
import dev.chat.common.protocol.SystemEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A message of a group chat as stored: a member's message, or a system message recording a
 * membership change.
 *
 * @param senderDeviceId the device that sent it; null for system messages
 * @param clientMessageId the sender's id of the send; null for system messages
 * @param system the event of a system message; null for a member's message
 * @param subjectId the member a system message is about; null otherwise
 * @param replyTo the message of the group it answers, or null
 * @param attachment the file it carries ({@code body} is then its caption, null when none), or null
 */
public record GroupMessage(UUID groupId, UUID messageId, UUID senderId, String senderDeviceId, String clientMessageId,
        String body, SystemEvent system, UUID subjectId, UUID replyTo, Attachment attachment) {

    /** A system message, or a member's message that answers none. */
    public GroupMessage(UUID groupId, UUID messageId, UUID senderId, String senderDeviceId, String clientMessageId,
            String body, SystemEvent system, UUID subjectId) {
        this(groupId, messageId, senderId, senderDeviceId, clientMessageId, body, system, subjectId, null, null);
    }

    public Instant sentAt() {
        return TimeUuids.instantOf(messageId);
    }

    /** What the inbox shows as the conversation's last message ({@link Previews}). */
    public String preview() {
        return Previews.of(system, body, attachment);
    }
}

package dev.chat.common.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chat.common.protocol.Attachment;
import java.time.Instant;
import java.util.UUID;

/**
 * A message a device has not acknowledged yet.
 *
 * @param group whether {@code chatId} is a group
 * @param system for a group's system message, its event (lower case); null otherwise
 * @param subject for a system message, the member it is about
 * @param action for a message action, what it does ({@link dev.chat.common.protocol.MessageAction#wire()});
 *     {@code body} is then the emoji, the new body, or null for a deletion
 * @param target for a message action, the message it acts on
 * @param replyTo for a reply, the message it answers
 * @param attachment the file the message carries, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PendingMessage(UUID messageId, UUID chatId, UUID from, String body, Instant sentAt, boolean group,
        String system, UUID subject, String action, UUID target, UUID replyTo, Attachment attachment) {

    /** A message without action or reply. */
    public PendingMessage(UUID messageId, UUID chatId, UUID from, String body, Instant sentAt, boolean group,
            String system, UUID subject) {
        this(messageId, chatId, from, body, sentAt, group, system, subject, null, null, null, null);
    }
}

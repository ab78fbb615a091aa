package dev.chat.common.events;

import dev.chat.common.internal.PendingMessage;
import dev.chat.common.protocol.Attachment;
import java.util.List;
import java.util.UUID;

/**
 * A message that message-service has durably stored; published to {@link Topics#MESSAGES} keyed
 * by {@code chatId}.
 *
 * <p>It carries the whole message, so delivery never reads it back from Cassandra (the seed's
 * "publish the ids, then query the rows" cost one database read per delivery).
 *
 * @param chatId the chat, and the Kafka key
 * @param messageId time-based id given by message-service; unique, and orders the chat
 * @param senderId the authenticated sender
 * @param recipientIds every user the message is for: for one-to-one the other user; for a group
 *        every member, the sender included (for the sender's other devices)
 * @param senderDeviceId the device that sent it, which is not pushed its own message; null for
 *        system messages
 * @param clientMessageId the sender's own id for the send, which makes retries idempotent
 * @param body the message text
 * @param sentAtMillis the server's time of storing, in epoch milliseconds
 * @param group whether {@code chatId} is a group
 * @param system for a group's system message, its event (lower case); null otherwise
 * @param subjectId for a system message, the member it is about
 * @param action for a message action, what it does ({@link dev.chat.common.protocol.MessageAction#wire()});
 *     {@code body} is then the emoji, the new body, or null for a deletion. Absent in events of
 *     earlier versions, which are messages
 * @param target for a message action, the message it acts on
 * @param replyTo for a reply, the message it answers
 * @param attachment the file the message carries, or null
 */
public record MessageStored(
        UUID chatId,
        UUID messageId,
        UUID senderId,
        List<UUID> recipientIds,
        String senderDeviceId,
        String clientMessageId,
        String body,
        long sentAtMillis,
        boolean group,
        String system,
        UUID subjectId,
        String action,
        UUID target,
        UUID replyTo,
        Attachment attachment) {

    /** A message: no action, no reply. */
    public MessageStored(UUID chatId, UUID messageId, UUID senderId, List<UUID> recipientIds, String senderDeviceId,
            String clientMessageId, String body, long sentAtMillis, boolean group, String system, UUID subjectId) {
        this(chatId, messageId, senderId, recipientIds, senderDeviceId, clientMessageId, body, sentAtMillis, group, system,
                subjectId, null, null, null, null);
    }

    /** What a device that was not connected gets pushed for this event: the same as its pending row. */
    public PendingMessage asPending() {
        return new PendingMessage(messageId, chatId, senderId, body, java.time.Instant.ofEpochMilli(sentAtMillis), group,
                system, subjectId, action, target, replyTo, attachment);
    }
}

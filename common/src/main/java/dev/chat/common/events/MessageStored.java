package dev.chat.common.events;

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
        UUID subjectId) {
}

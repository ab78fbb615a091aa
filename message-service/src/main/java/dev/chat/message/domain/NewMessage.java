package dev.chat.message.domain;

import java.util.UUID;

/**
 * A one-to-one message to store, as the gateway hands it over.
 *
 * @param senderId the authenticated sender (never a field the client chose)
 * @param recipientId the other user
 * @param clientMessageId the sender's own id of the send
 * @param body the text
 */
public record NewMessage(UUID senderId, UUID recipientId, String clientMessageId, String body) {
}

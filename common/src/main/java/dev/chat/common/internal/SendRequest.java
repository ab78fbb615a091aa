package dev.chat.common.internal;

import java.util.UUID;

/**
 * gateway → message-service: store and publish one message. Not exposed through the ingress.
 *
 * @param senderId the user the gateway authenticated (never a field the client chose)
 * @param senderDeviceId the device the gateway authenticated
 * @param recipientId the other user, for a one-to-one message; null for a group message
 * @param groupId the group, for a group message; null for a one-to-one message
 * @param clientMessageId the sender's own id for the send: a retry with the same id is stored once
 * @param body the text, at most {@link dev.chat.common.protocol.Limits#MAX_BODY_CHARS} characters
 * @param resend the client sends this again because it got no ack: message-service looks up
 *     whether an earlier attempt was stored (a first attempt is stored without that read)
 */
public record SendRequest(UUID senderId, String senderDeviceId, UUID recipientId, UUID groupId, String clientMessageId,
        String body, boolean resend) {

    /** A one-to-one first attempt. */
    public static SendRequest direct(UUID senderId, String senderDeviceId, UUID recipientId, String clientMessageId,
            String body) {
        return new SendRequest(senderId, senderDeviceId, recipientId, null, clientMessageId, body, false);
    }
}

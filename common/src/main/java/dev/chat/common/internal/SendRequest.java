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
 * @param messageId the time-based id the gateway chose for this send when the client first sent
 *     it, or null: the gateway proposes the same id for every attempt of a send it has not seen
 *     acked, so an attempt whose outcome it never learnt (a timeout, a lost connection) and its
 *     resend write the same rows. message-service takes it unless it is no time-based id or its
 *     time is outside the window it accepts ({@code MessageIds})
 */
public record SendRequest(UUID senderId, String senderDeviceId, UUID recipientId, UUID groupId, String clientMessageId,
        String body, boolean resend, UUID messageId) {

    /** A one-to-one first attempt, its id chosen by message-service. */
    public static SendRequest direct(UUID senderId, String senderDeviceId, UUID recipientId, String clientMessageId,
            String body) {
        return new SendRequest(senderId, senderDeviceId, recipientId, null, clientMessageId, body, false, null);
    }
}

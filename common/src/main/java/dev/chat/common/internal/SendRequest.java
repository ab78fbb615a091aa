package dev.chat.common.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chat.common.protocol.Attachment;
import dev.chat.common.protocol.MessageAction;
import java.util.UUID;

/**
 * gateway → message-service: store and publish one message, or one action on a message. Not exposed
 * through the ingress.
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
 * @param replyTo for a message that answers another: that message's id (of the same chat); else null
 * @param action for an action on an earlier message (a reaction, an edit, a deletion): what it
 *     does, {@link MessageAction#wire()}; null for a message. Then {@code body} is the emoji ("" removes
 *     the reaction), the new body, or null for a deletion
 * @param target for an action: the message it acts on; else null
 * @param attachment for a message that carries a file: its descriptor ({@code body} is then an
 *     optional caption); else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendRequest(UUID senderId, String senderDeviceId, UUID recipientId, UUID groupId, String clientMessageId,
        String body, boolean resend, UUID messageId, UUID replyTo, String action, UUID target, Attachment attachment) {

    /** A message (no action, no reply) as the gateway sends it. */
    public SendRequest(UUID senderId, String senderDeviceId, UUID recipientId, UUID groupId, String clientMessageId,
            String body, boolean resend, UUID messageId) {
        this(senderId, senderDeviceId, recipientId, groupId, clientMessageId, body, resend, messageId, null, null, null, null);
    }

    /** The action this request takes, or null for a message. */
    @JsonIgnore
    public MessageAction messageAction() {
        return MessageAction.fromWire(action);
    }

    /** A one-to-one first attempt, its id chosen by message-service. */
    public static SendRequest direct(UUID senderId, String senderDeviceId, UUID recipientId, String clientMessageId,
            String body) {
        return new SendRequest(senderId, senderDeviceId, recipientId, null, clientMessageId, body, false, null);
    }
}

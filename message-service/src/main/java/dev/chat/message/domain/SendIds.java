package dev.chat.message.domain;

import dev.chat.common.internal.SendRequest;
import dev.chat.message.storage.ClientSendStore;
import dev.chat.common.errors.Refusal;
import dev.chat.common.protocol.ErrorCode;
import java.util.Objects;

/**
 * A client's send id names one message of its sender: a later send with the same id is that
 * message again (a resend, answered with the first attempt's id) only when it has the same
 * recipient or group and the same body. Otherwise it is another message under a reused id, and is
 * refused rather than answered with the earlier message's id: the client would take that ack as
 * its new message's, which nobody would ever receive (docs/protocol.md, {@code id_reused}).
 */
public final class SendIds {

    private SendIds() {
    }

    /** Whether two sends under one id are the same message (or the same action on the same message). */
    public static boolean sameMessage(SendRequest first, SendRequest again) {
        return Objects.equals(first.recipientId(), again.recipientId()) && Objects.equals(first.groupId(), again.groupId())
                && Objects.equals(first.body(), again.body()) && Objects.equals(first.action(), again.action())
                && Objects.equals(first.target(), again.target()) && Objects.equals(first.replyTo(), again.replyTo())
                && Objects.equals(first.attachment() == null ? null : first.attachment().id(),
                        again.attachment() == null ? null : again.attachment().id());
    }

    /** Whether a stored message is the one {@code again} sends under its id. */
    public static boolean sameBody(String storedBody, SendRequest again) {
        return again.action() == null && Objects.equals(storedBody, again.body());
    }

    /** Whether a stored send id is the action {@code again} takes under it (a message's id never is). */
    public static boolean sameAction(ClientSendStore.PriorSend stored, SendRequest again) {
        return stored.action() != null && stored.action().equals(again.action())
                && Objects.equals(stored.target(), again.target()) && Objects.equals(stored.body(), MessageActions.bodyOf(again));
    }

    /** The refusal of a send id used for another message ({@code id_reused}, 409): nothing stored. */
    public static Refusal reused(String clientMessageId) {
        return Refusal.conflict(ErrorCode.ID_REUSED, "send id '" + clientMessageId
                + "' was used for another message; give every new message an id of its own");
    }
}

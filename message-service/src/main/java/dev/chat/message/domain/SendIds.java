package dev.chat.message.domain;

import dev.chat.common.internal.SendRequest;
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

    /** Whether two sends under one id are the same message. */
    public static boolean sameMessage(SendRequest first, SendRequest again) {
        return Objects.equals(first.recipientId(), again.recipientId()) && Objects.equals(first.groupId(), again.groupId())
                && Objects.equals(first.body(), again.body());
    }

    /** Whether a stored message is the one {@code again} sends under its id. */
    public static boolean sameBody(String storedBody, SendRequest again) {
        return Objects.equals(storedBody, again.body());
    }

    /** The refusal of a send id used for another message ({@code id_reused}, 409): nothing stored. */
    public static Refusal reused(String clientMessageId) {
        return Refusal.conflict(ErrorCode.ID_REUSED, "send id '" + clientMessageId
                + "' was used for another message; give every new message an id of its own");
    }
}

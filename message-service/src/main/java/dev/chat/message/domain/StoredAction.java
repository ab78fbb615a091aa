package dev.chat.message.domain;

import dev.chat.common.ids.TimeUuids;
import dev.chat.common.protocol.MessageAction;
import dev.chat.message.storage.PendingRow;
import java.time.Instant;
import java.util.UUID;

/**
 * An action on a message as stored: a reaction, an edit or a deletion for everyone.
 *
 * @param actionId its id, an action id ({@link TimeUuids#asActionId}) whose time is when it was taken
 * @param actorDeviceId the device that took it, which is not pushed its own action
 * @param target the message it acts on, of the same chat
 * @param body the emoji ("" removes the reaction), the new body, or null for a deletion
 */
public record StoredAction(UUID chatId, UUID actionId, UUID actorId, String actorDeviceId, String clientMessageId,
        MessageAction action, UUID target, String body) {

    public Instant takenAt() {
        return TimeUuids.instantOf(actionId);
    }

    /** Its pending row, the same for every device it is for. */
    public PendingRow pendingRow() {
        return new PendingRow(actionId, chatId, actorId, body, action.wire(), null, null, target, null);
    }
}

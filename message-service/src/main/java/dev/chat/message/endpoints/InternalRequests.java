package dev.chat.message.endpoints;

import dev.chat.common.errors.Refusal;
import dev.chat.common.ids.DeviceIds;
import dev.chat.common.ids.TimeUuids;
import dev.chat.common.internal.DeliveredRequest;
import dev.chat.common.internal.SeenRequest;
import dev.chat.common.internal.SendRequest;
import dev.chat.common.internal.TypingRequest;
import dev.chat.common.protocol.Limits;
import dev.chat.common.protocol.MessageAction;
import dev.chat.common.protocol.Reactions;
import dev.chat.common.protocol.Texts;

/**
 * Checks of the internal requests. The gateway validates what clients send and answers them with
 * error frames; these checks keep a buggy caller from storing anything malformed (400).
 */
final class InternalRequests {

    private InternalRequests() {
    }

    /** Lone surrogates never get here: every JSON body is read by StrictJson, which refuses them. */
    static void requireValid(SendRequest r) {
        require(r != null && r.senderId() != null, "senderId is required");
        require((r.recipientId() == null) != (r.groupId() == null), "exactly one of recipientId and groupId is required");
        require(!r.senderId().equals(r.recipientId()), "a chat needs two different users");
        require(r.clientMessageId() != null && !r.clientMessageId().isBlank()
                && Texts.characters(r.clientMessageId()) <= Limits.MAX_CLIENT_ID_CHARS, "clientMessageId is required, at most "
                + Limits.MAX_CLIENT_ID_CHARS + " characters of valid Unicode");
        requireDevice(r.senderDeviceId());
        if (r.action() == null && r.attachment() != null) {
            require(r.attachment().problem() == null, r.attachment().problem());
            require(r.body() == null || Texts.characters(r.body()) <= Limits.MAX_BODY_CHARS,
                    "a caption has at most " + Limits.MAX_BODY_CHARS + " characters");
            require(r.target() == null, "target is only for an action");
            require(r.replyTo() == null || TimeUuids.isMessageId(r.replyTo()), "replyTo must be a message id");
            return;
        }
        if (r.action() == null) {
            requireBody(r.body());
            require(r.target() == null, "target is only for an action");
            require(r.replyTo() == null || TimeUuids.isMessageId(r.replyTo()), "replyTo must be a message id");
            return;
        }
        MessageAction action = r.messageAction();
        require(action != null, "action must be one of react, edit and delete");
        require(TimeUuids.isMessageId(r.target()), "target (a message id) is required for an action");
        require(r.replyTo() == null && r.attachment() == null, "an action answers no message and carries no attachment");
        switch (action) {
            case REACT -> require(Reactions.isValid(r.body()), Reactions.RULE);
            case EDIT -> requireBody(r.body());
            case DELETE -> require(r.body() == null || r.body().isEmpty(), "a deletion has no body");
        }
    }

    private static void requireBody(String body) {
        require(body != null && !body.isEmpty() && Texts.characters(body) <= Limits.MAX_BODY_CHARS,
                "body is required, at most " + Limits.MAX_BODY_CHARS + " characters of valid Unicode");
    }

    static void requireValid(DeliveredRequest r) {
        require(r != null && r.userId() != null && r.chatId() != null && r.senderId() != null,
                "userId, chatId and senderId are required");
        requireDevice(r.deviceId());
        require(r.messageIds() != null && !r.messageIds().isEmpty() && r.messageIds().size() <= Limits.MAX_IDS_PER_RECEIPT
                && r.messageIds().stream().allMatch(TimeUuids::isMessageId),
                "messageIds must hold 1 to " + Limits.MAX_IDS_PER_RECEIPT + " message ids");
    }

    static void requireValid(SeenRequest r) {
        require(r != null && r.userId() != null && r.chatId() != null && TimeUuids.isMessageId(r.upTo()),
                "userId, chatId and upTo (a message id) are required");
    }

    static void requireValid(TypingRequest r) {
        require(r != null && r.fromUserId() != null && r.toUserId() != null && !r.fromUserId().equals(r.toUserId()),
                "fromUserId and toUserId are required and different");
    }

    static void requireDevice(String deviceId) {
        require(DeviceIds.isValid(deviceId), "deviceId is required: " + DeviceIds.RULE);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw Refusal.invalid(message);
        }
    }
}

package dev.chat.common.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chat.common.internal.PendingMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The frames the server sends on a client's socket (docs/protocol.md). Each serialises to a JSON
 * object whose {@code type} names the frame.
 */
public final class ServerFrames {

    private ServerFrames() {
    }

    /** The send with client id {@code id} is stored: it has a message id and will be delivered. */
    public record Ack(String type, String id, UUID messageId, UUID chatId, Instant sentAt) {
        public Ack(String id, UUID messageId, UUID chatId, Instant sentAt) {
            this("ack", id, messageId, chatId, sentAt);
        }
    }

    /**
     * A message for this user. The client answers with a {@code delivered} frame.
     *
     * @param group true for a group chat ({@code chatId} is then the group id); absent for one-to-one
     * @param system for a system message of a group, what happened ({@link SystemEvent}, lower case);
     *     absent for a user's message
     * @param subject for a system message, the member it is about
     * @param replyTo for a reply, the message of the same chat it answers
     * @param attachment the file it carries ({@code body} is then its caption, absent when none)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String type, UUID messageId, UUID chatId, UUID from, String body, Instant sentAt,
            Boolean group, String system, UUID subject, UUID replyTo, Attachment attachment) {
        public Message(UUID messageId, UUID chatId, UUID from, String body, Instant sentAt) {
            this("message", messageId, chatId, from, body, sentAt, null, null, null, null, null);
        }

        /** A message of a group chat; {@code system} and {@code subject} null for a user's message. */
        public static Message ofGroup(UUID messageId, UUID groupId, UUID from, String body, Instant sentAt,
                String system, UUID subject) {
            return new Message("message", messageId, groupId, from, body, sentAt, true, system, subject, null, null);
        }
    }

    /**
     * User {@code from} did something to message {@code target} of the chat ({@link MessageAction}):
     * {@code reaction} (their one reaction is now {@code emoji}; an empty emoji removed it),
     * {@code edited} (its body is now {@code body}) or {@code deleted} (show a tombstone in its
     * place). {@code messageId} is the action's own id: the client acknowledges it with
     * {@code delivered} like a message, and it orders the chat like one.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(String type, UUID messageId, UUID chatId, UUID from, UUID target, String emoji, String body,
            Instant sentAt, Boolean group) {
    }

    /**
     * The frame that brings a stored message or action to a device: the same whether it is pushed
     * live (from its event) or in a catch-up (from its pending row).
     */
    public static Object of(PendingMessage m) {
        MessageAction action = MessageAction.fromWire(m.action());
        Boolean group = m.group() ? Boolean.TRUE : null;
        if (action != null) {
            return new Action(action.frameType(), m.messageId(), m.chatId(), m.from(), m.target(),
                    action == MessageAction.REACT ? m.body() : null, action == MessageAction.EDIT ? m.body() : null,
                    m.sentAt(), group);
        }
        return new Message("message", m.messageId(), m.chatId(), m.from(), m.body(), m.sentAt(), group, m.system(),
                m.subject(), m.replyTo(), m.attachment());
    }

    /**
     * User {@code by} received these messages of this user's; or, in a group ({@code group} true,
     * no {@code by}), every member has received every message up to {@code upTo}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivered(String type, UUID chatId, UUID by, List<UUID> messageIds, Boolean group, UUID upTo) {
        public Delivered(UUID chatId, UUID by, List<UUID> messageIds) {
            this("delivered", chatId, by, messageIds, null, null);
        }

        public static Delivered toEveryMember(UUID groupId, UUID upTo) {
            return new Delivered("delivered", groupId, null, null, true, upTo);
        }
    }

    /**
     * User {@code by} has seen this user's messages in the chat up to {@code upTo}; or, in a group
     * ({@code group} true, no {@code by}), every member has seen every message up to {@code upTo}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Seen(String type, UUID chatId, UUID by, UUID upTo, Boolean group) {
        public Seen(UUID chatId, UUID by, UUID upTo) {
            this("seen", chatId, by, upTo, null);
        }

        public static Seen byEveryMember(UUID groupId, UUID upTo) {
            return new Seen("seen", groupId, null, upTo, true);
        }
    }

    /** User {@code from} is typing in the chat. Ephemeral: never stored, never re-sent. */
    public record Typing(String type, UUID chatId, UUID from) {
        public Typing(UUID chatId, UUID from) {
            this("typing", chatId, from);
        }
    }

    /**
     * The user changed their own view of a chat on another of their devices ({@code what}: {@code
     * chat}, {@code history} or {@code starred}; docs/protocol.md): read it again. A hint, never
     * stored: a device that was offline reads the change with its next inbox or history read.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Changed(String type, String what, UUID chatId, UUID messageId) {
        public Changed(String what, UUID chatId, UUID messageId) {
            this("changed", what, chatId, messageId);
        }
    }

    /** Every message pending for this device when it connected has been pushed. */
    public record Synced(String type, int pending) {
        public Synced(int pending) {
            this("synced", pending);
        }
    }

    /** Answer to a client's {@code ping}. */
    public record Pong(String type) {
        public Pong() {
            this("pong");
        }
    }

    /** A frame of the client's was refused; {@code id} is the client id of the send it concerns, if any. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String type, String code, String message, String id) {
        public Error(ErrorCode code, String message, String id) {
            this("error", code.wire(), message, id);
        }
    }
}

package dev.chat.common.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
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

    /** A message for this user. The client answers with a {@code delivered} frame. */
    public record Message(String type, UUID messageId, UUID chatId, UUID from, String body, Instant sentAt) {
        public Message(UUID messageId, UUID chatId, UUID from, String body, Instant sentAt) {
            this("message", messageId, chatId, from, body, sentAt);
        }
    }

    /** User {@code by} received these messages of this user's. */
    public record Delivered(String type, UUID chatId, UUID by, List<UUID> messageIds) {
        public Delivered(UUID chatId, UUID by, List<UUID> messageIds) {
            this("delivered", chatId, by, messageIds);
        }
    }

    /** User {@code by} has seen this user's messages in the chat up to {@code upTo}. */
    public record Seen(String type, UUID chatId, UUID by, UUID upTo) {
        public Seen(UUID chatId, UUID by, UUID upTo) {
            this("seen", chatId, by, upTo);
        }
    }

    /** User {@code from} is typing in the chat. Ephemeral: never stored, never re-sent. */
    public record Typing(String type, UUID chatId, UUID from) {
        public Typing(UUID chatId, UUID from) {
            this("typing", chatId, from);
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

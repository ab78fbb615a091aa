package dev.chat.gateway.protocol;

import dev.chat.common.protocol.Attachment;
import dev.chat.common.protocol.MessageAction;
import java.util.List;
import java.util.UUID;

/** A frame a client sent, parsed and checked (docs/protocol.md). */
public sealed interface ClientFrame {

    /**
     * Send {@code body} to user {@code to} or to group {@code group} (exactly one of the two is
     * set); {@code id} is the client's own id of this send; {@code resend} marks a frame the client
     * sends again because it got no ack for it. A reply names the message it answers
     * ({@code replyTo}). An action on an earlier message ({@code action} not null: a reaction, an
     * edit, a deletion) names it as {@code target}, and its {@code body} is the emoji, the new
     * body, or null; it is queued, stored and answered like a message.
     */
    record Send(String id, UUID to, UUID group, String body, boolean resend, UUID replyTo, MessageAction action,
            UUID target, Attachment attachment) implements ClientFrame {

        /** A plain message. */
        public Send(String id, UUID to, UUID group, String body, boolean resend) {
            this(id, to, group, body, resend, null, null, null, null);
        }

        /** A message or action without attachment. */
        public Send(String id, UUID to, UUID group, String body, boolean resend, UUID replyTo, MessageAction action,
                UUID target) {
            this(id, to, group, body, resend, replyTo, action, target, null);
        }

        /**
         * What makes this send the message it is, whatever its id: its recipient or group, its
         * body, the message it answers or acts on and how, as a 64-bit hash (FNV-1a), so that a socket can tell a repeat of a send it acked
         * from another message under a reused id without keeping the body. Two different messages
         * share a fingerprint with a chance of about one in 2^64.
         */
        public long fingerprint() {
            UUID chat = to != null ? to : group;
            long hash = 0xcbf29ce484222325L;
            hash = mix(hash, to != null ? 1 : 2); // a user and a group never share a fingerprint
            hash = mix(hash, chat == null ? 0 : chat.getMostSignificantBits());
            hash = mix(hash, chat == null ? 0 : chat.getLeastSignificantBits());
            for (int i = 0; body != null && i < body.length(); i++) {
                hash = mix(hash, body.charAt(i));
            }
            hash = mix(hash, action == null ? 0 : action.ordinal() + 1);
            for (UUID named : new UUID[] {replyTo, target, attachment == null ? null : attachment.id()}) {
                hash = mix(hash, named == null ? 0 : named.getMostSignificantBits());
                hash = mix(hash, named == null ? 0 : named.getLeastSignificantBits());
            }
            return hash;
        }

        private static long mix(long hash, long value) {
            return (hash ^ value) * 0x100000001b3L;
        }
    }

    /** This device received these messages of chat {@code chatId}, sent by {@code from}. */
    record Delivered(UUID chatId, UUID from, List<UUID> messageIds) implements ClientFrame {
    }

    /** The user has seen chat {@code chatId} up to message {@code upTo}. */
    record Seen(UUID chatId, UUID upTo) implements ClientFrame {
    }

    /** The user is typing to {@code to}. */
    record Typing(UUID to) implements ClientFrame {
    }

    /** Keep-alive; answered with {@code pong}. */
    record Ping() implements ClientFrame {
    }
}

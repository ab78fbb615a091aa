package dev.chat.gateway.protocol;

import java.util.List;
import java.util.UUID;

/** A frame a client sent, parsed and checked (docs/protocol.md). */
public sealed interface ClientFrame {

    /**
     * Send {@code body} to user {@code to} or to group {@code group} (exactly one of the two is
     * set); {@code id} is the client's own id of this send; {@code resend} marks a frame the client
     * sends again because it got no ack for it.
     */
    record Send(String id, UUID to, UUID group, String body, boolean resend) implements ClientFrame {

        /**
         * What makes this send the message it is, whatever its id: its recipient or group and its
         * body, as a 64-bit hash (FNV-1a), so that a socket can tell a repeat of a send it acked
         * from another message under a reused id without keeping the body. Two different messages
         * share a fingerprint with a chance of about one in 2^64.
         */
        public long fingerprint() {
            long hash = 0xcbf29ce484222325L;
            hash = mix(hash, String.valueOf(to) + '|' + group + '|');
            return mix(hash, body == null ? "" : body);
        }

        private static long mix(long hash, String text) {
            for (int i = 0; i < text.length(); i++) {
                hash ^= text.charAt(i);
                hash *= 0x100000001b3L;
            }
            return hash;
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

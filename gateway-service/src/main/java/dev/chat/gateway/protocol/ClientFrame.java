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

package dev.chat.gateway.sessions;

import java.util.UUID;

/**
 * A frame to push to a socket.
 *
 * @param messageId the message it carries, or null (a receipt, typing)
 * @param chatId that message's chat, or null
 */
public record Push(UUID messageId, UUID chatId, String frame) {

    /** A frame that carries no message. */
    public static Push of(String frame) {
        return new Push(null, null, frame);
    }
}

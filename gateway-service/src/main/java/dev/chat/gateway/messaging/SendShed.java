package dev.chat.gateway.messaging;

import java.time.Duration;

/**
 * A send this gateway gave up before it left for message-service: it waited longer than
 * {@code gateway.message-service.send-wait-limit} for a batch (message-service was slower than the
 * sends arrived). Nothing of it was stored; the client sends the same frame again after backing off
 * ({@code unavailable}, docs/protocol.md).
 */
public final class SendShed extends RuntimeException {

    public SendShed(Duration limit) {
        super("the send waited longer than " + limit.toMillis() + " ms for message-service", null, false, false);
    }
}

package dev.chat.gateway.messaging;

import jakarta.ws.rs.WebApplicationException;

/**
 * message-service refused one operation of a batch (a 4xx result): nothing of it was done. Its
 * message is message-service's own problem detail, written for the client; any other failure's
 * message may name internals and is never shown to a client.
 */
public final class Refusal extends WebApplicationException {

    public Refusal(String detail, int status) {
        super(detail, status);
    }
}

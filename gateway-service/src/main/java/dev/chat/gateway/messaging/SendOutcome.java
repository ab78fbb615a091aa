package dev.chat.gateway.messaging;

import dev.chat.common.internal.SendResponse;
import jakarta.ws.rs.WebApplicationException;

/**
 * What came of one send of several sent in order ({@link OperationBatcher#sendInOrder}): stored
 * (or found stored), or why not: a {@link WebApplicationException} with message-service's status
 * for a refusal, any other failure when the outcome is unknown (the client resends safely).
 */
public record SendOutcome(SendResponse stored, Throwable failure) {

    static SendOutcome stored(SendResponse stored) {
        return new SendOutcome(stored, null);
    }

    static SendOutcome failed(Throwable failure) {
        return new SendOutcome(null, failure);
    }
}

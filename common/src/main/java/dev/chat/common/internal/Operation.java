package dev.chat.common.internal;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * gateway → message-service: one operation of a client, inside an {@link OperationBatch}. Exactly
 * one field is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Operation(SendRequest send, DeliveredRequest delivered, SeenRequest seen, TypingRequest typing) {

    public static Operation of(SendRequest send) {
        return new Operation(send, null, null, null);
    }

    public static Operation of(DeliveredRequest delivered) {
        return new Operation(null, delivered, null, null);
    }

    public static Operation of(SeenRequest seen) {
        return new Operation(null, null, seen, null);
    }

    public static Operation of(TypingRequest typing) {
        return new Operation(null, null, null, typing);
    }
}

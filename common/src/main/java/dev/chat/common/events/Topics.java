package dev.chat.common.events;

/**
 * Kafka topic names, one place for all services and the local stack that creates them.
 *
 * <p>Every record on these topics is keyed by chat id, so that one chat's events stay in one
 * partition and are consumed in the order they were written.
 */
public final class Topics {

    /** {@link MessageStored} events, written by message-service after the message is durable. */
    public static final String MESSAGES = "chat.messages";

    /** {@link ReceiptEvent}s, written by message-service when a recipient acknowledges or sees. */
    public static final String RECEIPTS = "chat.receipts";

    /** {@link TypingEvent}s, written by the gateway; short retention, never stored elsewhere. */
    public static final String TYPING = "chat.typing";

    /** Every topic the project uses; the local stack and the deployment create these. */
    public static final java.util.List<String> ALL = java.util.List.of(MESSAGES, RECEIPTS, TYPING);

    private Topics() {
    }
}

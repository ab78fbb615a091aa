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

    /** Every topic the project uses; the local stack and the deployment create these. */
    public static final java.util.List<String> ALL = java.util.List.of(MESSAGES);

    private Topics() {
    }
}

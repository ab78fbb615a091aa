package dev.chat.common.events;

/**
 * Kafka topic names, one place for all services and the local stack that creates them.
 *
 * <p>Every record of the chat topics is keyed by chat id, so that one chat's events stay in one
 * partition and are consumed in the order they were written; {@link #DEVICES}, {@link #BLOCKS} and {@link #VIEWS} are keyed by user.
 */
public final class Topics {

    /** {@link MessageStored} events, written by message-service after the message is durable. */
    public static final String MESSAGES = "chat.messages";

    /** {@link ReceiptEvent}s, written by message-service when a recipient acknowledges or sees. */
    public static final String RECEIPTS = "chat.receipts";

    /** {@link TypingEvent}s, written by the gateway; short retention, never stored elsewhere. */
    public static final String TYPING = "chat.typing";

    /**
     * {@link DeviceRegistered} events, written by message-service when a device connects for the
     * first time (or first in a while); every message-service instance reads all of them to drop
     * its cached device list of that user.
     */
    public static final String DEVICES = "chat.devices";

    /**
     * {@link BlocksChanged} events, written by message-service when a user blocks or unblocks
     * someone; every message-service instance reads all of them to drop its cached block list of
     * that user. Keyed by user.
     */
    public static final String BLOCKS = "chat.blocks";

    /**
     * {@link ViewChanged} events, written by inbox-service when a user changes their own view of a
     * chat on one device, for their other devices; short retention, hints only. Keyed by user.
     */
    public static final String VIEWS = "chat.views";

    /** Every topic the project uses; the local stack and the deployment create these. */
    public static final java.util.List<String> ALL = java.util.List.of(MESSAGES, RECEIPTS, TYPING, DEVICES, BLOCKS, VIEWS);

    private Topics() {
    }
}

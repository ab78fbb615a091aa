package dev.chat.delivery.events;

import dev.chat.common.events.MessageStored;
import dev.chat.common.events.ReceiptEvent;
import dev.chat.common.events.TypingEvent;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** JSON deserialisers of the consumed events, one per topic. */
public final class Deserializers {

    private Deserializers() {
    }

    public static class MessageStoredDeserializer extends ObjectMapperDeserializer<MessageStored> {
        public MessageStoredDeserializer() {
            super(MessageStored.class);
        }
    }

    public static class ReceiptEventDeserializer extends ObjectMapperDeserializer<ReceiptEvent> {
        public ReceiptEventDeserializer() {
            super(ReceiptEvent.class);
        }
    }

    public static class TypingEventDeserializer extends ObjectMapperDeserializer<TypingEvent> {
        public TypingEventDeserializer() {
            super(TypingEvent.class);
        }
    }
}

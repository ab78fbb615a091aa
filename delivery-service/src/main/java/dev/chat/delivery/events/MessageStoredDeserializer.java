package dev.chat.delivery.events;

import dev.chat.common.events.MessageStored;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** JSON → {@link MessageStored}. */
public class MessageStoredDeserializer extends ObjectMapperDeserializer<MessageStored> {

    public MessageStoredDeserializer() {
        super(MessageStored.class);
    }
}

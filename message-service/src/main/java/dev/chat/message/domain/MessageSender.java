package dev.chat.message.domain;

import com.datastax.oss.driver.api.core.uuid.Uuids;
import dev.chat.common.ids.ChatIds;
import dev.chat.message.events.MessageEventPublisher;
import dev.chat.message.storage.MessageStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stores a message, then publishes it for delivery.
 *
 * <p>Guarantee: the returned message is durable in Cassandra (the message row and both users'
 * inbox rows) and acknowledged by Kafka before the Uni completes, so a sender who receives the
 * message id can rely on it being delivered. If either step fails the Uni fails and the sender
 * gets no id; the send is then retried by the client.
 */
@ApplicationScoped
public class MessageSender {

    private final MessageStore store;
    private final MessageEventPublisher publisher;

    public MessageSender(MessageStore store, MessageEventPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    public Uni<StoredMessage> send(NewMessage message) {
        StoredMessage stored = new StoredMessage(ChatIds.direct(message.senderId(), message.recipientId()),
                Uuids.timeBased(), message.senderId(), message.recipientId(), message.clientMessageId(), message.body());
        return store.store(stored)
                .chain(() -> publisher.publish(stored))
                .replaceWith(stored);
    }
}

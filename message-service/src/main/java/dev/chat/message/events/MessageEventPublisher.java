package dev.chat.message.events;

import dev.chat.common.events.MessageStored;
import dev.chat.message.domain.StoredMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes {@link MessageStored} events to the {@code chat.messages} topic, keyed by chat id so
 * that one chat's messages stay in one partition, in order.
 *
 * <p>Guarantee: the returned Uni completes only when Kafka has acknowledged the record
 * ({@code acks=all}, idempotent producer); it fails otherwise.
 */
@ApplicationScoped
public class MessageEventPublisher {

    private final MutinyEmitter<MessageStored> emitter;

    public MessageEventPublisher(@Channel("messages-out") MutinyEmitter<MessageStored> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(StoredMessage m) {
        MessageStored event = new MessageStored(m.chatId(), m.messageId(), m.senderId(), List.of(m.recipientId()),
                m.clientMessageId(), m.body(), m.sentAt().toEpochMilli());
        return Uni.createFrom().emitter(done -> emitter.sendMessageAndForget(Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(m.chatId().toString()).build())
                .withAck(() -> {
                    done.complete(null);
                    return java.util.concurrent.CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    done.fail(failure);
                    return java.util.concurrent.CompletableFuture.completedFuture(null);
                })));
    }
}

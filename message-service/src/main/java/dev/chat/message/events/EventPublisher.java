package dev.chat.message.events;

import dev.chat.common.events.MessageStored;
import dev.chat.common.events.ReceiptEvent;
import dev.chat.common.events.TypingEvent;
import dev.chat.message.domain.GroupMessage;
import dev.chat.message.domain.StoredMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes message, receipt and typing events, each keyed by chat id so that one chat's events
 * stay in one partition, in order.
 *
 * <p>Guarantee: a returned Uni completes only when Kafka has acknowledged the record
 * ({@code acks=all}, idempotent producer for messages and receipts); it fails otherwise.
 */
@ApplicationScoped
public class EventPublisher {

    private final MutinyEmitter<MessageStored> messages;
    private final MutinyEmitter<ReceiptEvent> receipts;
    private final MutinyEmitter<TypingEvent> typing;

    public EventPublisher(@Channel("messages-out") MutinyEmitter<MessageStored> messages,
            @Channel("receipts-out") MutinyEmitter<ReceiptEvent> receipts,
            @Channel("typing-out") MutinyEmitter<TypingEvent> typing) {
        this.messages = messages;
        this.receipts = receipts;
        this.typing = typing;
    }

    public Uni<Void> messageStored(StoredMessage m) {
        return publish(messages, m.chatId(), new MessageStored(m.chatId(), m.messageId(), m.senderId(),
                List.of(m.recipientId()), null, m.clientMessageId(), m.body(), m.sentAt().toEpochMilli(), false, null,
                null));
    }

    /** A group message for {@code recipients}: the members (the sender included, for its other devices). */
    public Uni<Void> groupMessageStored(GroupMessage m, List<UUID> recipients) {
        return publish(messages, m.groupId(), new MessageStored(m.groupId(), m.messageId(), m.senderId(),
                List.copyOf(recipients), m.senderDeviceId(), m.clientMessageId(), m.body(), m.sentAt().toEpochMilli(),
                true, m.system() == null ? null : m.system().wire(), m.subjectId()));
    }

    public Uni<Void> receipt(ReceiptEvent event) {
        return publish(receipts, event.chatId(), event);
    }

    public Uni<Void> typing(TypingEvent event) {
        return publish(typing, event.chatId(), event);
    }

    private static <T> Uni<Void> publish(MutinyEmitter<T> emitter, UUID chatId, T payload) {
        return Uni.createFrom().emitter(done -> emitter.sendMessageAndForget(Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(chatId.toString()).build())
                .withAck(() -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    done.fail(failure);
                    return CompletableFuture.completedFuture(null);
                })));
    }
}

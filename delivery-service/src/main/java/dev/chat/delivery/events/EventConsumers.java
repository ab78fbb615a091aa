package dev.chat.delivery.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.common.events.MessageStored;
import dev.chat.common.events.ReceiptEvent;
import dev.chat.common.events.Topics;
import dev.chat.common.events.TypingEvent;
import dev.chat.common.events.ViewChanged;
import dev.chat.common.internal.DeliveryBatch.Delivery;
import dev.chat.common.protocol.ServerFrames;
import dev.chat.delivery.dispatch.GatewayDispatcher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes the message, receipt, typing and view-change topics with one Kafka consumer, in batches, and hands
 * each event's frame to the gateways of its target users: all the frames of one poll for one
 * gateway leave in one hand-off, whatever topic they came from.
 *
 * <p>Guarantees: a batch's offsets are committed only after its hand-offs completed or were given
 * up (SmallRye's throttled commit strategy), so a crash of this instance re-delivers the batch to
 * another instance rather than dropping it; the gateway and the client then see a message frame
 * again, and the client de-duplicates by message id (docs/protocol.md). Records of one chat are
 * in one partition of each topic and are handed off in their order. A record that cannot be read
 * (not an event of its topic) is logged, counted ({@code delivery.events.unreadable}) and skipped:
 * it can never be delivered, and stopping the consumer for it would hold every chat behind it.
 *
 * <p>Why one consumer for four topics: one poll loop, one fetch request and one commit for all
 * of them, and a receipt shares its hand-off with the messages of the same poll
 * (docs/benchmarks.md measured three consumers against one).
 */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    private final GatewayDispatcher dispatcher;
    private final ObjectMapper json;
    private final Counter unreadable;
    private final Timer handedOffAfter;

    public EventConsumers(GatewayDispatcher dispatcher, ObjectMapper json, MeterRegistry registry) {
        this.dispatcher = dispatcher;
        this.json = json;
        this.unreadable = Counter.builder("delivery.events.unreadable")
                .description("Records skipped because they are not an event of their topic").register(registry);
        this.handedOffAfter = Timer.builder("delivery.events.handed.off.after")
                .description("From the oldest event of a poll being produced to Kafka to its hand-offs' end")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    @Incoming("events-in")
    public Uni<Void> onEvents(ConsumerRecords<String, byte[]> records) {
        List<Delivery> deliveries = new ArrayList<>(records.count());
        long oldest = Long.MAX_VALUE;
        for (ConsumerRecord<String, byte[]> record : records) {
            oldest = Math.min(oldest, record.timestamp());
            try {
                switch (record.topic()) {
                    case Topics.MESSAGES -> addMessage(json.readValue(record.value(), MessageStored.class), deliveries);
                    case Topics.RECEIPTS -> addReceipt(json.readValue(record.value(), ReceiptEvent.class), deliveries);
                    case Topics.TYPING -> addTyping(json.readValue(record.value(), TypingEvent.class), deliveries);
                    case Topics.VIEWS -> addViewChange(json.readValue(record.value(), ViewChanged.class), deliveries);
                    default -> throw new IOException("a topic this consumer does not read");
                }
            } catch (IOException | RuntimeException e) {
                unreadable.increment();
                LOG.errorf("Skipped the unreadable record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                        e.getMessage());
            }
        }
        if (deliveries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        long producedAt = oldest;
        return dispatcher.dispatch(deliveries).onTermination().invoke(() -> handedOffAfter.record(
                Math.max(0, System.currentTimeMillis() - producedAt), TimeUnit.MILLISECONDS));
    }

    private void addMessage(MessageStored event, List<Delivery> deliveries) {
        // A message or an action on one, rendered as its pending row would be in a catch-up.
        String frame = write(ServerFrames.of(event.asPending()));
        // The sender's other devices get the message too; the device that sent it has its ack.
        List<UUID> recipients = Objects.requireNonNull(event.recipientIds(), "an event without recipients");
        deliveries.add(new Delivery(recipients, event.messageId(), event.chatId(), frame, event.senderId(),
                event.senderDeviceId()));
    }

    private void addReceipt(ReceiptEvent event, List<Delivery> deliveries) {
        if (event.groupMembers() != null) {
            String frame = write(event.kind() == ReceiptEvent.Kind.DELIVERED
                    ? ServerFrames.Delivered.toEveryMember(event.chatId(), event.upTo())
                    : ServerFrames.Seen.byEveryMember(event.chatId(), event.upTo()));
            deliveries.add(new Delivery(event.groupMembers(), frame));
            return;
        }
        Object frame = event.kind() == ReceiptEvent.Kind.DELIVERED
                ? new ServerFrames.Delivered(event.chatId(), event.byUserId(), event.messageIds())
                : new ServerFrames.Seen(event.chatId(), event.byUserId(), event.upTo());
        deliveries.add(new Delivery(List.of(event.toUserId()), write(frame)));
    }

    private void addTyping(TypingEvent event, List<Delivery> deliveries) {
        deliveries.add(new Delivery(List.of(event.toUserId()),
                write(new ServerFrames.Typing(event.chatId(), event.fromUserId()))));
    }

    /** To every device of the user but the one that made the change. */
    private void addViewChange(ViewChanged event, List<Delivery> deliveries) {
        UUID user = Objects.requireNonNull(event.userId(), "a view change without its user");
        String frame = write(new ServerFrames.Changed(event.what(), event.chatId(), event.messageId()));
        deliveries.add(new Delivery(List.of(user), null, null, frame, event.deviceId() == null ? null : user,
                event.deviceId()));
    }

    private String write(Object frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("frames are plain records and always serialise", e);
        }
    }
}

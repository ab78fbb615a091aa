package dev.chat.delivery.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.common.events.MessageStored;
import dev.chat.common.events.ReceiptEvent;
import dev.chat.common.events.TypingEvent;
import dev.chat.common.internal.DeliveryBatch.Delivery;
import dev.chat.common.protocol.ServerFrames;
import dev.chat.delivery.dispatch.GatewayDispatcher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the message, receipt and typing topics in batches and hands each event's frame to the
 * gateways of its target users.
 *
 * <p>Guarantees: a batch's offsets are committed only after its hand-offs completed or were given
 * up (SmallRye's throttled commit strategy), so a crash of this instance re-delivers the batch to
 * another instance rather than dropping it; the gateway and the client then see a message frame
 * again, and the client de-duplicates by message id (docs/protocol.md). Records of one chat are
 * in one partition and are handed off in their order.
 */
@ApplicationScoped
public class EventConsumers {

    private final GatewayDispatcher dispatcher;
    private final ObjectMapper json;

    public EventConsumers(GatewayDispatcher dispatcher, ObjectMapper json) {
        this.dispatcher = dispatcher;
        this.json = json;
    }

    @Incoming("messages-in")
    public Uni<Void> onMessages(List<MessageStored> events) {
        List<Delivery> deliveries = new ArrayList<>(events.size());
        for (MessageStored event : events) {
            Instant sentAt = Instant.ofEpochMilli(event.sentAtMillis());
            String frame = write(event.group()
                    ? ServerFrames.Message.ofGroup(event.messageId(), event.chatId(), event.senderId(), event.body(),
                            sentAt, event.system(), event.subjectId())
                    : new ServerFrames.Message(event.messageId(), event.chatId(), event.senderId(), event.body(), sentAt));
            for (UUID recipient : event.recipientIds()) {
                // The sender's other devices get the message too; the device that sent it has its ack.
                String except = recipient.equals(event.senderId()) ? event.senderDeviceId() : null;
                deliveries.add(new Delivery(recipient, event.messageId(), event.chatId(), frame, except));
            }
        }
        return dispatcher.dispatch(deliveries);
    }

    @Incoming("receipts-in")
    public Uni<Void> onReceipts(List<ReceiptEvent> events) {
        List<Delivery> deliveries = new ArrayList<>(events.size());
        for (ReceiptEvent event : events) {
            if (event.groupMembers() != null) {
                String frame = write(event.kind() == ReceiptEvent.Kind.DELIVERED
                        ? ServerFrames.Delivered.toEveryMember(event.chatId(), event.upTo())
                        : ServerFrames.Seen.byEveryMember(event.chatId(), event.upTo()));
                event.groupMembers().forEach(member -> deliveries.add(new Delivery(member, frame)));
                continue;
            }
            Object frame = event.kind() == ReceiptEvent.Kind.DELIVERED
                    ? new ServerFrames.Delivered(event.chatId(), event.byUserId(), event.messageIds())
                    : new ServerFrames.Seen(event.chatId(), event.byUserId(), event.upTo());
            deliveries.add(new Delivery(event.toUserId(), write(frame)));
        }
        return dispatcher.dispatch(deliveries);
    }

    @Incoming("typing-in")
    public Uni<Void> onTyping(List<TypingEvent> events) {
        List<Delivery> deliveries = new ArrayList<>(events.size());
        for (TypingEvent event : events) {
            deliveries.add(new Delivery(event.toUserId(),
                    write(new ServerFrames.Typing(event.chatId(), event.fromUserId()))));
        }
        return dispatcher.dispatch(deliveries);
    }

    private String write(Object frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("frames are plain records and always serialise", e);
        }
    }
}

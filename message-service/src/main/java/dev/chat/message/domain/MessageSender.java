package dev.chat.message.domain;

import com.datastax.oss.driver.api.core.uuid.Uuids;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.TimeUuids;
import dev.chat.common.internal.SendRequest;
import dev.chat.common.internal.SendResponse;
import dev.chat.message.events.EventPublisher;
import dev.chat.message.storage.ClientSendStore;
import dev.chat.message.storage.DeviceDirectory;
import dev.chat.message.storage.MessageStore;
import dev.chat.message.storage.UnclaimedMessages;
import dev.chat.message.storage.UserDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.util.List;
import java.util.Optional;

/**
 * Stores a one-to-one message, then publishes it for delivery.
 *
 * <p>Guarantees: when the returned Uni completes, the message row, both inbox rows, a pending row
 * for every device of the recipient and the record of the client's send id are durable in
 * Cassandra ({@link MessageStore}), and Kafka has acknowledged the event. If a step fails the Uni
 * fails and the sender gets no id; it then resends with the same client message id, marked as a
 * resend ({@link SendRequest#resend}): only then is {@code client_sends} read, so a first attempt
 * costs no read. A resend of a send that was stored is answered with the stored id, writes the
 * pending rows again (completing
 * a store that stopped between its two writes; rows that exist or were acknowledged stay as they
 * are) and publishes nothing: should the first attempt have stored but not published, the
 * recipient's devices get the message from their pending rows when they next connect.
 *
 * <p>A message to a user who has no device yet is stored as unclaimed, and then settled
 * ({@link UnclaimedMessages#settle}): if a device appeared meanwhile, the message moves to it
 * before the send completes, so that its live push counts as delivered.
 *
 * <p>A send to a user id that no account has is refused ({@link NotFoundException}, 404) and
 * stores nothing: a message to nobody would sit in an unclaimed pending row until it expired.
 *
 * <p>Limit: two attempts of the same send processed at the same moment (a client resending while
 * its first attempt is still in flight on another connection) can both be stored; clients resend
 * only after their ack timeout (docs/protocol.md).
 */
@ApplicationScoped
public class MessageSender {

    private final ClientSendStore clientSends;
    private final DeviceDirectory devices;
    private final UserDirectory users;
    private final MessageStore store;
    private final EventPublisher publisher;
    private final UnclaimedMessages unclaimed;

    public MessageSender(ClientSendStore clientSends, DeviceDirectory devices, UserDirectory users,
            MessageStore store, EventPublisher publisher, UnclaimedMessages unclaimed) {
        this.unclaimed = unclaimed;
        this.clientSends = clientSends;
        this.devices = devices;
        this.users = users;
        this.store = store;
        this.publisher = publisher;
    }

    public Uni<SendResponse> send(SendRequest request) {
        Uni<Optional<ClientSendStore.PriorSend>> earlierAttempt = request.resend()
                ? clientSends.find(request.senderId(), request.clientMessageId())
                : Uni.createFrom().item(Optional.empty());
        return earlierAttempt.chain(earlier -> {
            if (earlier.isPresent()) {
                return completeEarlier(request, earlier.get());
            }
            // Both lookups are usually cache hits; when not, they go to Cassandra side by side.
            return Uni.combine().all().unis(users.isRegistered(request.recipientId()), devices.devicesOf(request.recipientId()))
                    .asTuple().chain(found -> {
                        if (!found.getItem1()) {
                            throw new NotFoundException("no registered user " + request.recipientId());
                        }
                        return storeAndPublish(request, found.getItem2());
                    });
        });
    }

    private Uni<SendResponse> storeAndPublish(SendRequest request, List<String> recipientDevices) {
        StoredMessage message = new StoredMessage(ChatIds.direct(request.senderId(), request.recipientId()),
                Uuids.timeBased(), request.senderId(), request.recipientId(), request.clientMessageId(), request.body());
        return store.store(message, recipientDevices)
                .chain(() -> settleIfUnclaimed(message, recipientDevices))
                .chain(() -> publisher.messageStored(message))
                .replaceWith(new SendResponse(message.messageId(), message.chatId(), message.sentAt(), false));
    }

    private Uni<SendResponse> completeEarlier(SendRequest request, ClientSendStore.PriorSend known) {
        SendResponse answer = new SendResponse(known.messageId(), known.chatId(), TimeUuids.instantOf(known.messageId()), true);
        if (!known.chatId().equals(ChatIds.direct(request.senderId(), request.recipientId()))) {
            return Uni.createFrom().item(answer); // the id was used in another chat: nothing of this request to complete
        }
        return store.find(known.chatId(), known.messageId(), request.recipientId(), request.clientMessageId())
                .chain(stored -> stored.isEmpty() ? Uni.createFrom().voidItem()
                        : devices.devicesOf(request.recipientId()).chain(targets -> store.rewritePending(stored.get(), targets)
                                .chain(() -> settleIfUnclaimed(stored.get(), targets))))
                .replaceWith(answer);
    }

    private Uni<Void> settleIfUnclaimed(StoredMessage message, List<String> recipientDevices) {
        return recipientDevices.isEmpty() ? unclaimed.settle(message.recipientId(), MessageStore.pendingRow(message))
                : Uni.createFrom().voidItem();
    }
}

package dev.chat.message.domain;

import dev.chat.common.events.ReceiptEvent;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.TimeUuids;
import dev.chat.common.internal.DeliveredRequest;
import dev.chat.common.internal.SeenRequest;
import dev.chat.message.events.EventPublisher;
import dev.chat.message.storage.InboxRows;
import dev.chat.message.storage.PendingStore;
import dev.chat.message.storage.ReceiptStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Delivered and seen receipts.
 *
 * <p>Delivered: only messages the acknowledging device received count: those the gateway vouches
 * it pushed to that device, for that chat ({@link DeliveredRequest#pushedHere}, which needs no
 * read), else those that were pending for the device. They are removed from its pending rows,
 * marked {@code is_delivered}, and the sender gets a delivered receipt. An id the device did not
 * receive (unknown, or already acknowledged and not vouched for) changes nothing, so a client
 * cannot mark messages it never got, and acknowledging again is harmless.
 *
 * <p>Seen: the unread ids of the chat up to the seen message are removed from the user's inbox
 * row (so the unread count drops to the messages newer than it), those messages are marked
 * {@code is_seen}, and the other user gets a seen receipt.
 *
 * <p>Receipts of group chats are {@link GroupReceipts}'.
 */
@ApplicationScoped
public class Receipts {

    private final PendingStore pending;
    private final ReceiptStore receipts;
    private final InboxRows inbox;
    private final EventPublisher publisher;
    private final GroupReceipts groupReceipts;

    public Receipts(PendingStore pending, ReceiptStore receipts, InboxRows inbox, EventPublisher publisher,
            GroupReceipts groupReceipts) {
        this.groupReceipts = groupReceipts;
        this.pending = pending;
        this.receipts = receipts;
        this.inbox = inbox;
        this.publisher = publisher;
    }

    /** Fails with {@link IllegalArgumentException} when the chat is not the user's chat with the sender. */
    public Uni<List<UUID>> delivered(DeliveredRequest request) {
        if (!ChatIds.isDirect(request.chatId())) {
            return groupReceipts.delivered(request);
        }
        return deliveredTogether(List.of(request)).get(0);
    }

    /**
     * {@link #delivered} for several one-to-one acknowledgements at once (a gateway's coalesced
     * receipts), with the same guarantees for each: their Cassandra writes share a few unlogged
     * batches ({@link ReceiptStore#markDeliveredTogether}), then each sender's receipt is published.
     *
     * @return one Uni per request, in the order given, answering the ids now delivered; one that is
     *     not the user's chat with the sender fails alone ({@link IllegalArgumentException}), a
     *     Cassandra failure fails all that had ids to write, a Kafka failure its own receipt only.
     *     All of them are one piece of work, done at the first subscription.
     */
    public List<Uni<List<UUID>>> deliveredTogether(List<DeliveredRequest> requests) {
        Uni<List<Acknowledged>> outcomes = Uni.join().all(requests.stream().map(this::genuineOf).toList()).andFailFast()
                .chain(genuine -> writeAndPublish(requests, genuine))
                .memoize().indefinitely();
        List<Uni<List<UUID>>> answers = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            int index = i;
            answers.add(outcomes.map(all -> all.get(index).idsOrThrow()));
        }
        return answers;
    }

    /** The ids of one acknowledgement that count, or why it failed. */
    private record Acknowledged(List<UUID> ids, Throwable failure) {
        List<UUID> idsOrThrow() {
            return Outcomes.valueOrThrow(ids, failure);
        }
    }

    private Uni<Acknowledged> genuineOf(DeliveredRequest request) {
        if (!ChatIds.isDirect(request.chatId()) || request.userId().equals(request.senderId())
                || !ChatIds.direct(request.userId(), request.senderId()).equals(request.chatId())) {
            return Uni.createFrom().item(new Acknowledged(null, new IllegalArgumentException("chat " + request.chatId()
                    + " is not the chat of " + request.userId() + " with " + request.senderId())));
        }
        return received(request, pending).map(ids -> new Acknowledged(ids, null))
                .onFailure().recoverWithItem(failure -> new Acknowledged(null, failure));
    }

    private Uni<List<Acknowledged>> writeAndPublish(List<DeliveredRequest> requests, List<Acknowledged> genuine) {
        List<ReceiptStore.Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            DeliveredRequest r = requests.get(i);
            if (genuine.get(i).failure() == null && !genuine.get(i).ids().isEmpty()) {
                deliveries.add(new ReceiptStore.Delivery(r.userId(), r.deviceId(), r.chatId(), genuine.get(i).ids()));
            }
        }
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(genuine);
        }
        return receipts.markDeliveredTogether(deliveries).chain(() -> {
            List<Uni<Acknowledged>> published = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                DeliveredRequest r = requests.get(i);
                Acknowledged a = genuine.get(i);
                published.add(a.failure() != null || a.ids().isEmpty() ? Uni.createFrom().item(a)
                        : publisher.receipt(new ReceiptEvent(ReceiptEvent.Kind.DELIVERED, r.chatId(), r.userId(),
                                r.senderId(), a.ids(), null)).replaceWith(a)
                                .onFailure().recoverWithItem(failure -> new Acknowledged(null, failure)));
            }
            return Uni.join().all(published).andFailFast();
        }).onFailure().recoverWithItem(failure -> genuine.stream()
                .map(a -> a.failure() != null || a.ids().isEmpty() ? a : new Acknowledged(null, failure)).toList());
    }

    /** Of the acknowledged ids, those the device received: vouched for by its gateway, or else pending for it. */
    static Uni<List<UUID>> received(DeliveredRequest request, PendingStore pending) {
        return request.pushedHere() ? Uni.createFrom().item(request.messageIds().stream().distinct().toList())
                : pending.pendingAmong(request.userId(), request.deviceId(), request.messageIds());
    }

    /** Empty when the user has no such chat. */
    public Uni<Optional<UUID>> seen(SeenRequest request) {
        return inbox.read(request.userId(), request.chatId()).chain(row -> {
            if (row.isEmpty()) {
                return Uni.createFrom().item(Optional.<UUID>empty());
            }
            UUID peer = row.get().peerId();
            List<UUID> seenNow = row.get().unreadIds().stream()
                    .filter(id -> TimeUuids.compare(id, request.upTo()) <= 0).toList();
            if (!ChatIds.isDirect(request.chatId())) {
                return groupReceipts.seen(request, row.get().unreadIds()).replaceWith(Optional.of(request.chatId()));
            }
            return receipts.markSeen(request.userId(), request.chatId(), request.upTo(), seenNow)
                    .chain(() -> publisher.receipt(new ReceiptEvent(ReceiptEvent.Kind.SEEN, request.chatId(),
                            request.userId(), peer, null, request.upTo())))
                    .replaceWith(Optional.of(peer));
        });
    }
}

package dev.chat.message.domain;

import dev.chat.common.events.ReceiptEvent;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.TimeUuids;
import dev.chat.common.internal.DeliveredRequest;
import dev.chat.common.internal.SeenRequest;
import dev.chat.message.events.EventPublisher;
import dev.chat.message.storage.InboxRows;
import dev.chat.message.storage.PendingStore;
import dev.chat.message.storage.ReadReceiptSettings;
import dev.chat.message.storage.ReceiptStore;
import io.smallrye.mutiny.Uni;
import dev.chat.common.errors.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
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
 * {@code is_seen}, and the other user gets a seen receipt; the last two only when both users have
 * read receipts on ({@link ReadReceiptSettings}, read for every one-to-one seen): otherwise the
 * unread count drops and nothing else happens, and the sender's messages stay delivered.
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
    private final ReadReceiptSettings readReceipts;

    public Receipts(PendingStore pending, ReceiptStore receipts, InboxRows inbox, EventPublisher publisher,
            GroupReceipts groupReceipts, ReadReceiptSettings readReceipts) {
        this.groupReceipts = groupReceipts;
        this.readReceipts = readReceipts;
        this.pending = pending;
        this.receipts = receipts;
        this.inbox = inbox;
        this.publisher = publisher;
    }

    /** Fails with a {@link Refusal} when the chat is not the user's chat with the sender, or not a group of the user's. */
    public Uni<List<UUID>> delivered(DeliveredRequest request) {
        return deliveredTogether(List.of(request)).get(0);
    }

    /**
     * {@link #delivered} for several acknowledgements at once (a gateway's coalesced receipts),
     * with the same guarantees for each. Those of one-to-one chats share a few unlogged batches of
     * Cassandra writes ({@link ReceiptStore#markDeliveredTogether}), then each sender's receipt is
     * published; those of groups are carried out together per group ({@link GroupReceipts#deliveredTogether}).
     *
     * @return one Uni per request, in the order given, answering the ids now delivered; one whose
     *     chat is not the user's fails alone (a {@link dev.chat.common.errors.Refusal}), a Cassandra failure
     *     fails all of its kind (one-to-one, or one group's) that had ids to write, a Kafka failure
     *     a one-to-one receipt alone. All of them are one piece of work, done at the first subscription.
     */
    public List<Uni<List<UUID>>> deliveredTogether(List<DeliveredRequest> requests) {
        List<Integer> directAt = new ArrayList<>();
        List<Integer> groupAt = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            UUID chat = requests.get(i).chatId();
            (chat != null && !ChatIds.isDirect(chat) ? groupAt : directAt).add(i);
        }
        List<Uni<List<UUID>>> answers = new ArrayList<>(Collections.nCopies(requests.size(), null));
        placeAt(answers, directAt, directTogether(directAt.stream().map(requests::get).toList()));
        placeAt(answers, groupAt, groupReceipts.deliveredTogether(groupAt.stream().map(requests::get).toList()));
        return answers;
    }

    private static <T> void placeAt(List<T> answers, List<Integer> positions, List<T> values) {
        for (int i = 0; i < positions.size(); i++) {
            answers.set(positions.get(i), values.get(i));
        }
    }

    private List<Uni<List<UUID>>> directTogether(List<DeliveredRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Uni<List<Acknowledgement>> outcomes = Uni.join().all(requests.stream().map(this::genuineOf).toList()).andFailFast()
                .chain(genuine -> writeAndPublish(requests, genuine))
                .memoize().indefinitely();
        return answersOf(outcomes, requests.size());
    }

    /** One answer per request from the outcomes of their work together. */
    static List<Uni<List<UUID>>> answersOf(Uni<List<Acknowledgement>> outcomes, int count) {
        List<Uni<List<UUID>>> answers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            answers.add(outcomes.map(all -> all.get(index).idsOrThrow()));
        }
        return answers;
    }

    private Uni<Acknowledgement> genuineOf(DeliveredRequest request) {
        if (request.chatId() == null || request.userId().equals(request.senderId())
                || !ChatIds.direct(request.userId(), request.senderId()).equals(request.chatId())) {
            return Uni.createFrom().item(Acknowledgement.failed(Refusal.invalid("chat " + request.chatId()
                    + " is not the chat of " + request.userId() + " with " + request.senderId())));
        }
        return received(request, pending).map(Acknowledgement::of).onFailure().recoverWithItem(Acknowledgement::failed);
    }

    private Uni<List<Acknowledgement>> writeAndPublish(List<DeliveredRequest> requests, List<Acknowledgement> genuine) {
        List<ReceiptStore.Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            DeliveredRequest r = requests.get(i);
            if (genuine.get(i).hasIdsToWrite()) {
                deliveries.add(new ReceiptStore.Delivery(r.userId(), r.deviceId(), r.chatId(), genuine.get(i).ids()));
            }
        }
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(genuine);
        }
        return receipts.markDeliveredTogether(deliveries).chain(() -> {
            List<Uni<Acknowledgement>> published = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                DeliveredRequest r = requests.get(i);
                Acknowledgement a = genuine.get(i);
                // Actions (reactions, edits, deletions) are not receipted to whoever took them.
                List<UUID> messages = a.hasIdsToWrite() ? a.ids().stream().filter(id -> !TimeUuids.isActionId(id)).toList()
                        : List.of();
                published.add(messages.isEmpty() ? Uni.createFrom().item(a)
                        : publisher.receipt(new ReceiptEvent(ReceiptEvent.Kind.DELIVERED, r.chatId(), r.userId(),
                                r.senderId(), messages, null)).replaceWith(a)
                                .onFailure().recoverWithItem(Acknowledgement::failed));
            }
            return Uni.join().all(published).andFailFast();
        }).onFailure().recoverWithItem(failure -> genuine.stream().map(a -> a.orWriteFailed(failure)).toList());
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
            return readReceipts.bothOn(request.userId(), peer).chain(told -> told
                    ? receipts.markSeen(request.userId(), request.chatId(), request.upTo(), seenNow)
                            .chain(() -> publisher.receipt(new ReceiptEvent(ReceiptEvent.Kind.SEEN, request.chatId(),
                                    request.userId(), peer, null, request.upTo())))
                    : receipts.clearUnread(request.userId(), request.chatId(), request.upTo(), seenNow))
                    .replaceWith(Optional.of(peer));
        });
    }
}

package dev.chat.message.domain;

import dev.chat.common.events.ReceiptEvent;
import dev.chat.common.ids.TimeUuids;
import dev.chat.common.internal.DeliveredRequest;
import dev.chat.common.internal.SeenRequest;
import dev.chat.message.events.EventPublisher;
import dev.chat.message.storage.GroupMessageStore;
import dev.chat.message.storage.GroupStore;
import dev.chat.message.storage.PendingStore;
import dev.chat.message.storage.ReceiptStore;
import io.smallrye.mutiny.Uni;
import dev.chat.common.errors.Refusal;
import dev.chat.common.protocol.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Receipts of group messages, kept as two positions per member ({@link GroupStore.Positions}).
 *
 * <p>A member's {@code delivered} clears its device's pending rows and moves its delivered
 * position; {@code seen} clears its unread ids and moves both positions. A message has been
 * delivered to (seen by) everyone when every current member's position is at or past it. Whenever
 * a receipt moves that group-wide position forward, every member is told "up to here" (a
 * {@code delivered} or {@code seen} frame with {@code group: true}): each client marks its own
 * messages up to it. The group-wide position is computed before and after the write, so of two
 * receipts that complete a message at once, at least one announces it; an announcement may come
 * twice and is idempotent.
 *
 * <p>Limit: a member's position is the newest message any of its devices acknowledged. Messages
 * reach a device in order, so this is exact except when a device acknowledges out of order.
 */
@ApplicationScoped
public class GroupReceipts {

    /** Who has received and who has seen one message, among current members other than its sender. */
    public record MessageReceipts(UUID messageId, UUID senderId, List<UUID> deliveredTo, List<UUID> seenBy) {
    }

    private final GroupStore groups;
    private final GroupService membership;
    private final GroupMessageStore messages;
    private final PendingStore pending;
    private final ReceiptStore receipts;
    private final EventPublisher publisher;

    public GroupReceipts(GroupStore groups, GroupService membership, GroupMessageStore messages, PendingStore pending,
            ReceiptStore receipts, EventPublisher publisher) {
        this.groups = groups;
        this.membership = membership;
        this.messages = messages;
        this.pending = pending;
        this.receipts = receipts;
        this.publisher = publisher;
    }

    /**
     * Members' {@code delivered} receipts of group messages, several at once (a gateway's coalesced
     * receipts), with the guarantees of one: per group, the group row is read once, the positions
     * are read once before and once after all of its receipts are written, and the group-wide
     * position is announced at most once. So a batch costs a few requests per group however many
     * members acknowledge in it, not a read of every member's position per receipt.
     *
     * @return one Uni per request, in the order given, answering the ids now delivered; a receipt
     *     of a user who is not a member fails alone (a {@link dev.chat.common.errors.Refusal}), a Cassandra
     *     or Kafka failure fails the receipts of that group that had ids to write. All of them are
     *     one piece of work, done at the first subscription.
     */
    public List<Uni<List<UUID>>> deliveredTogether(List<DeliveredRequest> requests) {
        Map<UUID, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            byGroup.computeIfAbsent(requests.get(i).chatId(), group -> new ArrayList<>()).add(i);
        }
        List<Uni<List<UUID>>> answers = new ArrayList<>(Collections.nCopies(requests.size(), null));
        byGroup.forEach((groupId, positions) -> {
            List<DeliveredRequest> ofGroup = positions.stream().map(requests::get).toList();
            List<Uni<List<UUID>>> answered = Receipts.answersOf(deliveredInGroup(groupId, ofGroup).memoize().indefinitely(),
                    ofGroup.size());
            for (int i = 0; i < positions.size(); i++) {
                answers.set(positions.get(i), answered.get(i));
            }
        });
        return answers;
    }

    private Uni<List<Acknowledgement>> deliveredInGroup(UUID groupId, List<DeliveredRequest> requests) {
        return groups.find(groupId).chain(found -> {
            Group group = found.orElse(null);
            List<Uni<Acknowledgement>> genuine = requests.stream().map(r -> group == null || !group.isMember(r.userId())
                    ? Uni.createFrom().item(Acknowledgement.failed(notAMember(r.userId(), groupId)))
                    : Receipts.received(r, pending).map(Acknowledgement::of).onFailure().recoverWithItem(Acknowledgement::failed))
                    .toList();
            return Uni.join().all(genuine).andFailFast().chain(acknowledged -> {
                List<ReceiptStore.Delivery> deliveries = new ArrayList<>();
                for (int i = 0; i < requests.size(); i++) {
                    DeliveredRequest r = requests.get(i);
                    if (acknowledged.get(i).hasIdsToWrite()) {
                        deliveries.add(new ReceiptStore.Delivery(r.userId(), r.deviceId(), groupId, acknowledged.get(i).ids()));
                    }
                }
                if (deliveries.isEmpty()) {
                    return Uni.createFrom().item(acknowledged);
                }
                return announcing(group, ReceiptEvent.Kind.DELIVERED, GroupStore.Positions::deliveredUpTo,
                        receipts.markGroupDelivered(groupId, deliveries))
                        .replaceWith(acknowledged)
                        .onFailure().recoverWithItem(failure -> acknowledged.stream().map(a -> a.orWriteFailed(failure)).toList());
            });
        });
    }

    private static Refusal notAMember(UUID userId, UUID groupId) {
        return Refusal.notFound(ErrorCode.INVALID_FIELD, "no chat " + groupId + " among yours");
    }

    /** {@code unread} are the user's unread ids of the group. */
    public Uni<Void> seen(SeenRequest request, Set<UUID> unread) {
        List<UUID> seenNow = unread.stream().filter(id -> TimeUuids.compare(id, request.upTo()) <= 0).toList();
        return member(request.chatId(), request.userId()).chain(group -> announcing(group, ReceiptEvent.Kind.SEEN,
                GroupStore.Positions::seenUpTo,
                receipts.markGroupSeen(request.userId(), group.groupId(), request.upTo(), seenNow)));
    }

    /** For a member: who of the other current members has received and seen a message of the group. */
    public Uni<MessageReceipts> of(UUID groupId, UUID reader, UUID messageId) {
        return membership.read(groupId, reader).chain(group -> messages.find(groupId, messageId, null).chain(message -> {
            if (message.isEmpty()) {
                throw Refusal.notFound(null, "no message " + messageId + " in group " + groupId);
            }
            UUID sender = message.get().senderId();
            return groups.positions(groupId).map(positions -> new MessageReceipts(messageId, sender,
                    reached(group, sender, positions, GroupStore.Positions::deliveredUpTo, messageId),
                    reached(group, sender, positions, GroupStore.Positions::seenUpTo, messageId)));
        }));
    }

    private Uni<Group> member(UUID groupId, UUID userId) {
        return groups.find(groupId).map(group -> {
            if (group.isEmpty() || !group.get().isMember(userId)) {
                throw notAMember(userId, groupId);
            }
            return group.get();
        });
    }

    /** Runs {@code write}, then tells every member if the group-wide position moved forward. */
    private Uni<Void> announcing(Group group, ReceiptEvent.Kind kind, Function<GroupStore.Positions, UUID> position,
            Uni<Void> write) {
        return groups.positions(group.groupId()).chain(before -> write
                .chain(() -> groups.positions(group.groupId()))
                .chain(after -> {
                    UUID was = everyone(group.members().keySet(), before, position);
                    UUID now = everyone(group.members().keySet(), after, position);
                    if (now == null || (was != null && TimeUuids.compare(now, was) <= 0)) {
                        return Uni.createFrom().voidItem();
                    }
                    return publisher.receipt(ReceiptEvent.everyMember(kind, group.groupId(), now,
                            List.copyOf(group.members().keySet())));
                }));
    }

    /** The newest message every member has reached; null while any member has reached none. */
    static UUID everyone(Collection<UUID> members, Map<UUID, GroupStore.Positions> positions,
            Function<GroupStore.Positions, UUID> position) {
        UUID lowest = null;
        for (UUID member : members) {
            GroupStore.Positions p = positions.get(member);
            UUID reached = p == null ? null : position.apply(p);
            if (reached == null) {
                return null;
            }
            if (lowest == null || TimeUuids.compare(reached, lowest) < 0) {
                lowest = reached;
            }
        }
        return lowest;
    }

    private static List<UUID> reached(Group group, UUID sender, Map<UUID, GroupStore.Positions> positions,
            Function<GroupStore.Positions, UUID> position, UUID messageId) {
        return group.members().keySet().stream().filter(member -> !member.equals(sender)).filter(member -> {
            GroupStore.Positions p = positions.get(member);
            UUID at = p == null ? null : position.apply(p);
            return at != null && TimeUuids.compare(at, messageId) >= 0;
        }).sorted().toList();
    }
}

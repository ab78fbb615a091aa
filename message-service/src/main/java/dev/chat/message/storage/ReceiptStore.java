package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.common.ids.TimeUuids;
import dev.chat.support.cassandra.Cql;
import dev.chat.support.cassandra.PartitionBatches;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes receipts: the delivered and seen flags, pending rows done with, unread ids seen.
 *
 * <p>No logged batches: each receipt is two steps, in an order that makes a failure between them
 * harmless. The flags or positions are written first, then the rows that made the receipt count
 * (the pending rows, the unread ids) are removed. Every write is idempotent; should the second
 * step fail, those rows are still there: the request fails, the message is pushed to the device
 * again (on its next connect at the latest), and its repeated acknowledgement completes both. A
 * logged batch would make the two steps atomic at the price of Cassandra's batch log (a write and
 * a delete more per receipt), and atomicity adds nothing here.
 */
@Startup
@ApplicationScoped
public class ReceiptStore {

    private static final int BATCHES_IN_FLIGHT = 8;

    private final QuarkusCqlSession session;
    private final PreparedStatement deletePending;
    private final PreparedStatement markDelivered;
    private final PreparedStatement markSeen;
    private final PreparedStatement removeUnread;
    private final PreparedStatement advanceDelivered;
    private final PreparedStatement advanceSeen;

    public ReceiptStore(QuarkusCqlSession session) {
        this.session = session;
        this.deletePending = session.prepare(
                "DELETE FROM pending_messages WHERE user_id = ? AND device_id = ? AND message_id IN ?");
        this.markDelivered = session.prepare(
                "UPDATE messages SET is_delivered = true WHERE chat_id = ? AND bucket = ? AND message_id = ?");
        this.markSeen = session.prepare("UPDATE messages SET is_delivered = true, is_seen = true"
                + " WHERE chat_id = ? AND bucket = ? AND message_id = ?");
        this.removeUnread = session.prepare("UPDATE user_inbox SET unread_message_ids = unread_message_ids - ?,"
                + " seen_up_to = ? WHERE user_id = ? AND chat_id = ?");
        this.advanceDelivered = session.prepare("UPDATE group_members USING TIMESTAMP ? SET delivered_up_to = ?"
                + " WHERE group_id = ? AND user_id = ?");
        this.advanceSeen = session.prepare("UPDATE group_members USING TIMESTAMP ? SET delivered_up_to = ?, seen_up_to = ?"
                + " WHERE group_id = ? AND user_id = ?");
    }

    /**
     * Members' devices are done with these group messages (one acknowledgement or a gateway's
     * coalesced ones): each member's delivered position moves up to the newest of its messages,
     * all in one single-partition batch (the group's {@code group_members} partition), then the
     * pending rows go in a few unlogged batches across partitions. Positions are written with the
     * message's own time as write time, so an older receipt arriving late never moves one back.
     * Should the second step fail, the positions stay moved and the rows stay pending; the
     * message is pushed again and its repeated acknowledgement completes both.
     */
    public Uni<Void> markGroupDelivered(UUID groupId, List<Delivery> deliveries) {
        List<BoundStatement> positions = new ArrayList<>(deliveries.size());
        List<BoundStatement> rows = new ArrayList<>(deliveries.size());
        for (Delivery d : deliveries) {
            UUID newest = d.messageIds().stream().max(TimeUuids::compare).orElseThrow();
            positions.add(advanceDelivered.bind(micros(newest), newest, groupId, d.userId()));
            rows.add(deletePending.bind(d.userId(), d.deviceId(), d.messageIds()));
        }
        return Cql.runAll(session, PartitionBatches.of(positions, session.getContext()), BATCHES_IN_FLIGHT)
                .chain(() -> Cql.runAll(session, PartitionBatches.acrossPartitions(rows, session.getContext()),
                        BATCHES_IN_FLIGHT));
    }

    /** A member has seen the group up to {@code upTo}: both positions move up to it, then the unread ids up to it go. */
    public Uni<Void> markGroupSeen(UUID userId, UUID groupId, UUID upTo, List<UUID> seenIds) {
        return Cql.run(session, advanceSeen.bind(micros(upTo), upTo, upTo, groupId, userId))
                .chain(() -> clearUnread(userId, groupId, upTo, seenIds));
    }

    private static long micros(UUID timeBased) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, TimeUuids.instantOf(timeBased));
    }

    /** One device's acknowledgement of messages of one chat, all of them pending for it. */
    public record Delivery(UUID userId, String deviceId, UUID chatId, List<UUID> messageIds) {
    }

    /**
     * Devices are done with messages of one-to-one chats (all pending for them), several devices
     * and chats at once (a gateway's coalesced receipts): every message is marked delivered, then
     * every pending row goes, each step as a few unlogged batches across partitions
     * ({@link PartitionBatches#acrossPartitions}) instead of a request per receipt. An action's id
     * (a reaction, edit or deletion) has only its pending row to delete. All of them
     * succeed or the Uni fails, and every write may be made again.
     */
    public Uni<Void> markDeliveredTogether(List<Delivery> deliveries) {
        List<BoundStatement> flags = new ArrayList<>();
        List<BoundStatement> rows = new ArrayList<>();
        for (Delivery d : deliveries) {
            for (UUID id : d.messageIds()) {
                if (!TimeUuids.isActionId(id)) { // an action has no row of its own to mark
                    flags.add(markDelivered.bind(d.chatId(), MessageBuckets.bucketOf(d.chatId(), id), id));
                }
            }
            rows.add(deletePending.bind(d.userId(), d.deviceId(), d.messageIds()));
        }
        return Cql.runAll(session, PartitionBatches.acrossPartitions(flags, session.getContext()), BATCHES_IN_FLIGHT)
                .chain(() -> Cql.runAll(session, PartitionBatches.acrossPartitions(rows, session.getContext()),
                        BATCHES_IN_FLIGHT));
    }

    /** The user has seen the chat up to {@code upTo}; {@code seenIds} are the unread ids that covers: they are marked seen, then leave the unread set. */
    public Uni<Void> markSeen(UUID userId, UUID chatId, UUID upTo, List<UUID> seenIds) {
        return inEachPartition(chatId, seenIds, markSeen).chain(() -> clearUnread(userId, chatId, upTo, seenIds));
    }

    /**
     * The user has read the chat up to {@code upTo}: {@code seenIds} leave their unread set and
     * their read position moves to it. Nothing is marked seen: alone, this is a read with read
     * receipts off.
     */
    public Uni<Void> clearUnread(UUID userId, UUID chatId, UUID upTo, List<UUID> seenIds) {
        return Cql.run(session, removeUnread.bind(Set.copyOf(seenIds), upTo, userId, chatId)).replaceWithVoid();
    }

    /**
     * Runs {@code update} (bound to chat, bucket, message id) for every id: single-partition
     * batches per message bucket ({@link PartitionBatches}, bounded however many ids a "seen"
     * covers), the buckets side by side; fails if any fails. A single-partition batch is one
     * mutation for Cassandra, so an acknowledgement of a whole catch-up page costs a write per
     * bucket, not one per message.
     */
    private Uni<Void> inEachPartition(UUID chatId, List<UUID> messageIds, PreparedStatement update) {
        Map<Integer, List<BoundStatement>> byBucket = new TreeMap<>();
        for (UUID id : messageIds) {
            int bucket = MessageBuckets.bucketOf(chatId, id);
            byBucket.computeIfAbsent(bucket, b -> new ArrayList<>()).add(update.bind(chatId, bucket, id));
        }
        List<Statement<?>> batches = new ArrayList<>();
        byBucket.values().forEach(writes -> batches.addAll(PartitionBatches.of(writes, session.getContext())));
        return Cql.runAll(session, batches, BATCHES_IN_FLIGHT);
    }
}

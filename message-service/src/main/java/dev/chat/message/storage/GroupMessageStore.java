package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.TimeUuids;
import dev.chat.common.protocol.SystemEvent;
import dev.chat.message.domain.GroupMessage;
import dev.chat.support.cassandra.AttachmentColumn;
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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a group message in two steps: {@link #store} the message once (message row, bucket index
 * row and the sender's send id, one logged batch), then {@link #fanOut} to the members: a pending
 * row per device of each member, and, for a system message (a membership change), each member's
 * inbox row.
 *
 * <p>A member's message writes no inbox rows: inbox-service derives a group's last message and a
 * member's unread count when the inbox is read, from the group's newest messages and the
 * member's read position ({@code user_inbox.seen_up_to}), as docs/groups.md explains. That takes
 * one write per member off every message (about half of a group message's writes). System
 * messages still write every member's row: they create it (the group appears in the inbox),
 * place the read position of a member who joins just before the message that adds them (so the
 * group's earlier messages are not unread for them), and leave a removed member's row as it was
 * when they left, which their inbox keeps showing.
 *
 * <p>Pending rows go out as unlogged batches across partitions
 * ({@link PartitionBatches#acrossPartitions}: a request per 256 rows, not one per row),
 * {@value #BATCHES_IN_FLIGHT} at a time. Every fan-out write is idempotent (same keys, set
 * additions, the message's own time as write time), so a fan-out can be run again after a
 * failure, and a pending row a device has acknowledged meanwhile stays deleted
 * ({@link PendingRow#writeTime}); {@link #find} gives back a stored message for that.
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class GroupMessageStore {

    private static final int BATCHES_IN_FLIGHT = 4;

    private final QuarkusCqlSession session;
    private final ChatBucketIndex buckets;
    private final PendingStore pending;
    private final PreparedStatement insertMessage;
    private final PreparedStatement insertClientSend;
    private final PreparedStatement updateInbox;
    private final PreparedStatement updateOwnInbox;
    private final PreparedStatement joinInbox;
    private final PreparedStatement selectMessage;
    private final PreparedStatement senderHasIt;
    private final AttachmentStore attachments;

    public GroupMessageStore(QuarkusCqlSession session, PendingStore pending, ChatBucketIndex buckets,
            AttachmentStore attachments) {
        this.attachments = attachments;
        this.session = session;
        this.pending = pending;
        this.buckets = buckets;
        this.insertMessage = session.prepare("INSERT INTO messages (chat_id, bucket, message_id, sender_id,"
                + " client_message_id, body, kind, subject_id, reply_to, attachment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.insertClientSend = session.prepare("INSERT INTO client_sends"
                + " (sender_id, client_message_id, message_id, chat_id) VALUES (?, ?, ?, ?)");
        this.updateInbox = session.prepare("UPDATE user_inbox USING TIMESTAMP ? SET is_group = true,"
                + " last_message_id = ?, last_sender_id = ?, last_message_preview = ?,"
                + " unread_message_ids = unread_message_ids + ? WHERE user_id = ? AND chat_id = ?");
        this.updateOwnInbox = session.prepare("UPDATE user_inbox USING TIMESTAMP ? SET is_group = true,"
                + " last_message_id = ?, last_sender_id = ?, last_message_preview = ? WHERE user_id = ? AND chat_id = ?");
        this.joinInbox = session.prepare("UPDATE user_inbox USING TIMESTAMP ? SET is_group = true,"
                + " last_message_id = ?, last_sender_id = ?, last_message_preview = ?,"
                + " unread_message_ids = unread_message_ids + ?, seen_up_to = ? WHERE user_id = ? AND chat_id = ?");
        this.senderHasIt = session.prepare("UPDATE group_members USING TIMESTAMP ? SET delivered_up_to = ?,"
                + " seen_up_to = ? WHERE group_id = ? AND user_id = ?");
        this.selectMessage = session.prepare("SELECT sender_id, client_message_id, body, kind, subject_id, reply_to, attachment FROM messages"
                + " WHERE chat_id = ? AND bucket = ? AND message_id = ?");
    }

    /**
     * Stores the message once; a retried send then finds its id through {@code client_sends}. A
     * member's own message counts as delivered to and seen by them (their receipt positions).
     */
    public Uni<Void> store(GroupMessage m) {
        ChatBucketIndex.ChatBucket bucket = buckets.bucketOf(m.groupId(), m.messageId());
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.LOGGED)
                .addStatement(Cql.unsetNulls(insertMessage.bind(m.groupId(), bucket.bucket(), m.messageId(), m.senderId(),
                        m.clientMessageId(), m.body(), kind(m.system()), m.subjectId(), m.replyTo(),
                        AttachmentColumn.write(m.attachment()))));
        if (m.attachment() != null) {
            attachments.references(m.attachment().id(), m.groupId(), m.messageId()).forEach(batch::addStatement);
        }
        if (m.clientMessageId() != null) {
            batch.addStatement(insertClientSend.bind(m.senderId(), m.clientMessageId(), m.messageId(), m.groupId()));
        }
        if (m.system() == null) {
            batch.addStatement(senderHasIt.bind(ChronoUnit.MICROS.between(Instant.EPOCH, m.sentAt()), m.messageId(),
                    m.messageId(), m.groupId(), m.senderId()));
        }
        buckets.rowIfNew(bucket).ifPresent(batch::addStatement);
        return Cql.run(session, batch.build()).invoke(() -> buckets.written(bucket)).replaceWithVoid();
    }

    /**
     * Writes a pending row for each device of each recipient (for the sender: its devices other
     * than the sending one) and, for a system message, each recipient's inbox row (unread for all
     * but the sender; a member who joins with it has read up to just before it).
     *
     * @param devices every recipient and its devices (an empty list: the user's unclaimed row)
     */
    public Uni<Void> fanOut(GroupMessage m, Map<UUID, List<String>> devices) {
        PendingRow row = pendingRow(m);
        List<BoundStatement> writes = new ArrayList<>();
        devices.forEach((user, userDevices) -> {
            boolean sender = user.equals(m.senderId());
            if (m.system() != null) {
                writes.add(inboxRow(m, user));
            }
            List<String> targets = userDevices.isEmpty() && !sender ? List.of(PendingStore.UNCLAIMED) : userDevices;
            for (String device : targets) {
                if (!(sender && device.equals(m.senderDeviceId()))) {
                    writes.add(pending.insert(user, device, row));
                }
            }
        });
        return Cql.runAll(session, PartitionBatches.acrossPartitions(writes, session.getContext()), BATCHES_IN_FLIGHT);
    }

    /** A system message's write of one member's inbox row. */
    private BoundStatement inboxRow(GroupMessage m, UUID user) {
        long writeTime = ChronoUnit.MICROS.between(Instant.EPOCH, m.sentAt());
        String preview = m.preview();
        if (user.equals(m.senderId())) {
            return updateOwnInbox.bind(writeTime, m.messageId(), m.senderId(), preview, user, m.groupId());
        }
        boolean joins = m.system() == SystemEvent.CREATED || (m.system() == SystemEvent.ADDED && user.equals(m.subjectId()));
        return joins
                ? joinInbox.bind(writeTime, m.messageId(), m.senderId(), preview, Set.of(m.messageId()),
                        TimeUuids.justBefore(m.messageId()), user, m.groupId())
                : updateInbox.bind(writeTime, m.messageId(), m.senderId(), preview, Set.of(m.messageId()), user, m.groupId());
    }

    /** The message as a pending row. */
    public static PendingRow pendingRow(GroupMessage m) {
        return new PendingRow(m.messageId(), m.groupId(), m.senderId(), m.body(), kind(m.system()), m.subjectId(),
                m.replyTo(), null, AttachmentColumn.write(m.attachment()));
    }

    /** A stored message of the group, to run its fan-out again after an interrupted send. */
    public Uni<Optional<GroupMessage>> find(UUID groupId, UUID messageId, String senderDeviceId) {
        int bucket = buckets.bucketOf(groupId, messageId).bucket();
        return Cql.run(session, selectMessage.bind(groupId, bucket, messageId)).map(rs -> {
            Row row = rs.one();
            if (row == null) {
                return Optional.empty();
            }
            String kind = row.getString("kind");
            return Optional.of(new GroupMessage(groupId, messageId, row.getUuid("sender_id"), senderDeviceId,
                    row.getString("client_message_id"), row.getString("body"),
                    SystemEvent.fromWire(kind), row.getUuid("subject_id"), row.getUuid("reply_to"),
                    AttachmentColumn.read(row.getString("attachment"))));
        });
    }

    private static String kind(SystemEvent system) {
        return system == null ? null : system.wire();
    }
}

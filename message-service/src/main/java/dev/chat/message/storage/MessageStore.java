package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.common.protocol.Previews;
import dev.chat.message.domain.StoredMessage;
import dev.chat.support.cassandra.AttachmentColumn;
import dev.chat.support.cassandra.Cql;
import dev.chat.support.cassandra.PartitionBatches;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a one-to-one message with everything that changes with it: the message row, both users'
 * inbox rows, a pending row for each of the recipient's devices (or the unclaimed row when the
 * recipient has none), the record of the sender's client message id and the chat's bucket index
 * entry.
 *
 * <p>The rows go in one logged batch: Cassandra applies all of them or, after a coordinator
 * failure, replays the batch until all are applied, so an inbox never shows a message that is not
 * stored and no stored message lacks its pending rows. Messages sent together (a gateway's
 * coalesced operations, {@link #storeTogether}) share logged batches: the batch log is written once
 * per batch, not once per message, which halves Cassandra's work per message (docs/benchmarks.md,
 * *request shapes*); atomicity then covers all the messages of a batch. Cassandra refuses a batch over several
 * partitions larger than {@code batch_size_fail_threshold} (50 KiB by default), and each pending
 * row carries the body again: pending rows that would take the batch past
 * {@link #LOGGED_BATCH_BUDGET} bytes (a long body to a user with several devices) are written
 * right after it instead, before the store completes. Should the process die between the two, the
 * sender has no ack and retries; the retry finds the send stored and writes the pending rows
 * again ({@link #rewritePending}), which changes nothing where they exist.
 *
 * <p>The inbox rows are written with the message's own time as write time, so the newest message
 * is the preview whatever order concurrent writes arrive in, and a retried write changes nothing.
 * The same holds for the whole message written again under its id (two attempts of one send,
 * {@code MessageIds}): the rows are the same, the message row carries no receipt flags to reset,
 * and the pending and unread entries lose to the receipts that removed them, which came later.
 * The bucket index row comes from {@link ChatBucketIndex}.
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class MessageStore {

    /**
     * Bytes of statements one logged batch may carry, as {@link PartitionBatches#thresholdSizeOf}
     * counts them (the stored data Cassandra measures, with a margin): well below Cassandra's default
     * {@code batch_size_fail_threshold} of 50 KiB. Above {@code batch_size_warn_threshold}
     * (5 KiB by default) Cassandra logs a warning per batch: the local stack raises it to this
     * budget, and docs/deploy.md asks the same of production clusters.
     */
    static final int LOGGED_BATCH_BUDGET = 32 * 1024;
    private static final int OVERFLOW_WRITES_IN_FLIGHT = 8;

    private final QuarkusCqlSession session;
    private final PendingStore pending;
    private final PreparedStatement insertMessage;
    private final PreparedStatement updateRecipientInbox;
    private final PreparedStatement updateSenderInbox;
    private final PreparedStatement insertClientSend;
    private final PreparedStatement selectMessage;
    private final ChatBucketIndex buckets;
    private final AttachmentStore attachments;

    public MessageStore(QuarkusCqlSession session, PendingStore pending, ChatBucketIndex buckets, AttachmentStore attachments) {
        this.attachments = attachments;
        this.session = session;
        this.pending = pending;
        this.buckets = buckets;
        // No receipt flags: absent reads as false, and a message written again never resets them.
        this.insertMessage = session.prepare("INSERT INTO messages"
                + " (chat_id, bucket, message_id, sender_id, client_message_id, body, reply_to, attachment)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        this.updateRecipientInbox = session.prepare("UPDATE user_inbox USING TIMESTAMP ?"
                + " SET peer_id = ?, is_group = false, last_message_id = ?, last_sender_id = ?, last_message_preview = ?,"
                + " unread_message_ids = unread_message_ids + ? WHERE user_id = ? AND chat_id = ?");
        this.updateSenderInbox = session.prepare("UPDATE user_inbox USING TIMESTAMP ?"
                + " SET peer_id = ?, is_group = false, last_message_id = ?, last_sender_id = ?, last_message_preview = ?"
                + " WHERE user_id = ? AND chat_id = ?");
        this.insertClientSend = session.prepare("INSERT INTO client_sends"
                + " (sender_id, client_message_id, message_id, chat_id) VALUES (?, ?, ?, ?)");
        this.selectMessage = session.prepare(
                "SELECT sender_id, body, reply_to, attachment FROM messages WHERE chat_id = ? AND bucket = ? AND message_id = ?");
    }

    /**
     * Stores several messages with as few logged batches as the size budget allows: messages are
     * taken in order, and each joins the current batch while the batch stays within
     * {@link #LOGGED_BATCH_BUDGET}. Messages that share a batch are stored all or none, so their
     * Unis succeed or fail together; a message that alone exceeds the budget gets a batch of its own
     * and writes its remaining pending rows after it, as described above. The batches go to
     * Cassandra side by side.
     *
     * @return one Uni per message, in the order given; each completes when all of its rows are
     *     durable; the Unis of messages that share a batch are one Uni, which writes the batch at its
     *     first subscription and remembers the outcome
     */
    public List<Uni<Void>> storeTogether(List<Outgoing> messages) {
        List<Uni<Void>> stored = new ArrayList<>(messages.size());
        BatchBuilder current = new BatchBuilder();
        for (Outgoing message : messages) {
            MessageRows rows = rowsOf(message);
            if (!current.isEmpty() && !current.fits(rows)) {
                current.write(stored);
                current = new BatchBuilder();
            }
            current.add(rows);
        }
        if (!current.isEmpty()) {
            current.write(stored);
        }
        return stored;
    }

    /** A message to store, with the devices of its recipient (empty: the recipient has none yet). */
    public record Outgoing(StoredMessage message, List<String> recipientDevices) {
    }

    /** One message's rows: those that must share its logged batch, and its pending rows, each with its encoded size. */
    private record MessageRows(List<BoundStatement> core, int coreBytes, List<BoundStatement> pending, int[] pendingBytes,
            ChatBucketIndex.ChatBucket bucket) {
        int bytes() {
            return coreBytes + Arrays.stream(pendingBytes).sum();
        }
    }

    private MessageRows rowsOf(Outgoing outgoing) {
        StoredMessage m = outgoing.message();
        long writeTime = ChronoUnit.MICROS.between(Instant.EPOCH, m.sentAt());
        String preview = Previews.of(null, m.body(), m.attachment());
        ChatBucketIndex.ChatBucket bucket = buckets.bucketOf(m.chatId(), m.messageId());
        List<BoundStatement> core = new ArrayList<>(List.of(
                Cql.unsetNulls(insertMessage.bind(m.chatId(), bucket.bucket(), m.messageId(), m.senderId(), m.clientMessageId(),
                        m.body(), m.replyTo(), AttachmentColumn.write(m.attachment()))),
                updateRecipientInbox.bind(writeTime, m.senderId(), m.messageId(), m.senderId(), preview,
                        Set.of(m.messageId()), m.recipientId(), m.chatId()),
                updateSenderInbox.bind(writeTime, m.recipientId(), m.messageId(), m.senderId(), preview,
                        m.senderId(), m.chatId()),
                insertClientSend.bind(m.senderId(), m.clientMessageId(), m.messageId(), m.chatId())));
        buckets.rowIfNew(bucket).ifPresent(core::add);
        if (m.attachment() != null) {
            core.addAll(attachments.references(m.attachment().id(), m.chatId(), m.messageId()));
        }
        List<BoundStatement> pendingRows = pendingRows(m, outgoing.recipientDevices());
        int[] pendingBytes = pendingRows.stream().mapToInt(this::sizeOf).toArray();
        return new MessageRows(core, core.stream().mapToInt(this::sizeOf).sum(), pendingRows, pendingBytes, bucket);
    }

    private int sizeOf(BoundStatement statement) {
        return PartitionBatches.thresholdSizeOf(statement, session.getContext());
    }

    /** The messages of one logged batch, and the pending rows of its one oversized message that follow it. */
    private final class BatchBuilder {
        private final BatchStatementBuilder batch = BatchStatement.builder(BatchType.LOGGED);
        private final List<BoundStatement> overflow = new ArrayList<>();
        private final List<ChatBucketIndex.ChatBucket> written = new ArrayList<>();
        private int messages;
        private int bytes;

        boolean isEmpty() {
            return messages == 0;
        }

        boolean fits(MessageRows rows) {
            return overflow.isEmpty() && bytes + rows.bytes() <= LOGGED_BATCH_BUDGET;
        }

        void add(MessageRows rows) {
            messages++;
            written.add(rows.bucket());
            rows.core().forEach(batch::addStatement);
            bytes += rows.coreBytes();
            for (int i = 0; i < rows.pending().size(); i++) {
                BoundStatement row = rows.pending().get(i);
                int size = rows.pendingBytes()[i];
                if (overflow.isEmpty() && bytes + size <= LOGGED_BATCH_BUDGET) {
                    batch.addStatement(row);
                    bytes += size;
                } else {
                    overflow.add(row); // only for the batch's last message: fits() admits nothing after an overflow
                }
            }
        }

        void write(List<Uni<Void>> stored) {
            Uni<Void> done = Cql.run(session, batch.build())
                    .chain(() -> Cql.runAll(session, overflow, OVERFLOW_WRITES_IN_FLIGHT))
                    .invoke(() -> written.forEach(buckets::written))
                    .memoize().indefinitely();
            for (int i = 0; i < messages; i++) {
                stored.add(done);
            }
        }
    }

    /** The stored sender and body of a message of the chat, to complete a retried send. */
    public Uni<Optional<StoredMessage>> find(UUID chatId, UUID messageId, UUID recipientId, String clientMessageId) {
        return Cql.run(session, selectMessage.bind(chatId, MessageBuckets.bucketOf(chatId, messageId), messageId))
                .map(rs -> {
                    Row row = rs.one();
                    return row == null ? Optional.empty() : Optional.of(new StoredMessage(chatId, messageId,
                            row.getUuid("sender_id"), recipientId, clientMessageId, row.getString("body"), row.getUuid("reply_to"),
                            AttachmentColumn.read(row.getString("attachment"))));
                });
    }

    /** Writes the message's pending rows again (a retried send): rows already there, or acknowledged, stay as they are. */
    public Uni<Void> rewritePending(StoredMessage m, List<String> recipientDevices) {
        return Cql.runAll(session, pendingRows(m, recipientDevices), OVERFLOW_WRITES_IN_FLIGHT);
    }

    /** The message as a pending row. */
    public static PendingRow pendingRow(StoredMessage m) {
        return new PendingRow(m.messageId(), m.chatId(), m.senderId(), m.body(), null, null, m.replyTo(), null,
                AttachmentColumn.write(m.attachment()));
    }

    private List<BoundStatement> pendingRows(StoredMessage m, List<String> recipientDevices) {
        PendingRow row = pendingRow(m);
        List<String> targets = recipientDevices.isEmpty() ? List.of(PendingStore.UNCLAIMED) : recipientDevices;
        return targets.stream().map(device -> pending.insert(m.recipientId(), device, row)).toList();
    }
}

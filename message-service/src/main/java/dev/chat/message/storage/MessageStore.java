package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.message.domain.StoredMessage;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a message with everything that changes with it: the message row, both users' inbox
 * rows, a pending row for each of the recipient's devices (or the unclaimed row when the recipient
 * has none yet), the record of the sender's client message id and the chat's bucket index entry.
 *
 * <p>All rows go in one logged batch: Cassandra applies all of them or, after a coordinator
 * failure, replays the batch until all are applied, so an inbox never shows a message that is not
 * stored and no stored message lacks its pending rows. The inbox rows are written with the
 * message's own time as write time, so the newest message is the preview whatever order
 * concurrent writes arrive in, and a retried write changes nothing.
 *
 * <p>The {@code chat_buckets} row is written with the first message of each bucket this process
 * stores, and skipped for the following ones (a bounded in-memory record): it is the same row every
 * time, so writing it again after a restart or from another instance is harmless, and it is only
 * recorded as written once its batch succeeded.
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class MessageStore {

    /** The device id of pending rows for a user who had no device when the message was stored. */
    public static final String UNCLAIMED = "";

    private final QuarkusCqlSession session;
    private final PreparedStatement insertMessage;
    private final PreparedStatement updateRecipientInbox;
    private final PreparedStatement updateSenderInbox;
    private final PreparedStatement insertPending;
    private final PreparedStatement insertClientSend;
    private final PreparedStatement insertBucket;
    private final Cache<ChatBucket, Boolean> bucketsWritten =
            Caffeine.newBuilder().maximumSize(100_000).build();

    private record ChatBucket(UUID chatId, int bucket) {
    }

    public MessageStore(QuarkusCqlSession session) {
        this.session = session;
        this.insertMessage = session.prepare("INSERT INTO messages"
                + " (chat_id, bucket, message_id, sender_id, client_message_id, body, is_delivered, is_seen)"
                + " VALUES (?, ?, ?, ?, ?, ?, false, false)");
        this.updateRecipientInbox = session.prepare("UPDATE user_inbox USING TIMESTAMP ?"
                + " SET peer_id = ?, is_group = false, last_message_id = ?, last_sender_id = ?, last_message_preview = ?,"
                + " unread_message_ids = unread_message_ids + ? WHERE user_id = ? AND chat_id = ?");
        this.updateSenderInbox = session.prepare("UPDATE user_inbox USING TIMESTAMP ?"
                + " SET peer_id = ?, is_group = false, last_message_id = ?, last_sender_id = ?, last_message_preview = ?"
                + " WHERE user_id = ? AND chat_id = ?");
        this.insertPending = session.prepare("INSERT INTO pending_messages"
                + " (user_id, device_id, message_id, chat_id, sender_id, body) VALUES (?, ?, ?, ?, ?, ?)");
        this.insertClientSend = session.prepare("INSERT INTO client_sends"
                + " (sender_id, client_message_id, message_id, chat_id) VALUES (?, ?, ?, ?)");
        this.insertBucket = session.prepare("INSERT INTO chat_buckets (chat_id, bucket) VALUES (?, ?)");
    }

    public Uni<Void> store(StoredMessage m, List<String> recipientDevices) {
        long writeTime = ChronoUnit.MICROS.between(Instant.EPOCH, m.sentAt());
        String preview = Previews.of(m.body());
        ChatBucket bucket = new ChatBucket(m.chatId(), MessageBuckets.bucketOf(m.chatId(), m.sentAt()));
        boolean newBucket = bucketsWritten.getIfPresent(bucket) == null;
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.LOGGED)
                .addStatement(insertMessage.bind(m.chatId(), bucket.bucket(),
                        m.messageId(), m.senderId(), m.clientMessageId(), m.body()))
                .addStatement(updateRecipientInbox.bind(writeTime, m.senderId(), m.messageId(), m.senderId(), preview,
                        Set.of(m.messageId()), m.recipientId(), m.chatId()))
                .addStatement(updateSenderInbox.bind(writeTime, m.recipientId(), m.messageId(), m.senderId(), preview,
                        m.senderId(), m.chatId()))
                .addStatement(insertClientSend.bind(m.senderId(), m.clientMessageId(), m.messageId(), m.chatId()));
        for (String device : recipientDevices.isEmpty() ? List.of(UNCLAIMED) : recipientDevices) {
            batch.addStatement(insertPending.bind(m.recipientId(), device, m.messageId(), m.chatId(), m.senderId(), m.body()));
        }
        if (newBucket) {
            batch.addStatement(insertBucket.bind(bucket.chatId(), bucket.bucket()));
        }
        return Cql.run(session, batch.build()).invoke(() -> {
            if (newBucket) {
                bucketsWritten.put(bucket, true);
            }
        }).replaceWithVoid();
    }
}

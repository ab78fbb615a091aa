package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.message.domain.StoredMessage;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
 * The bucket index row comes from {@link ChatBucketIndex}.
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
    private final ChatBucketIndex buckets;

    public MessageStore(QuarkusCqlSession session, ChatBucketIndex buckets) {
        this.session = session;
        this.buckets = buckets;
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
    }

    public Uni<Void> store(StoredMessage m, List<String> recipientDevices) {
        long writeTime = ChronoUnit.MICROS.between(Instant.EPOCH, m.sentAt());
        String preview = Previews.of(m.body());
        ChatBucketIndex.ChatBucket bucket = buckets.bucketOf(m.chatId(), m.messageId());
        Optional<BoundStatement> bucketRow = buckets.rowIfNew(bucket);
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
        bucketRow.ifPresent(batch::addStatement);
        return Cql.run(session, batch.build()).invoke(() -> buckets.written(bucket)).replaceWithVoid();
    }
}

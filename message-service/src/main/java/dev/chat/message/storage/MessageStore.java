package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.message.domain.StoredMessage;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * Writes a message and the two inbox rows it changes.
 *
 * <p>The three rows go in one logged batch: Cassandra then applies all of them or, after a
 * coordinator failure, replays the batch until all are applied, so an inbox never shows a message
 * that is not stored. The inbox rows are written with the message's own time as their write time,
 * so when messages of one chat are written concurrently the newest one is the inbox preview
 * whatever the order of arrival, and a retried write changes nothing.
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class MessageStore {

    private final QuarkusCqlSession session;
    private final PreparedStatement insertMessage;
    private final PreparedStatement updateRecipientInbox;
    private final PreparedStatement updateSenderInbox;

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
    }

    public Uni<Void> store(StoredMessage m) {
        long writeTime = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, m.sentAt());
        String preview = Previews.of(m.body());
        BatchStatement batch = BatchStatement.newInstance(BatchType.LOGGED,
                insertMessage.bind(m.chatId(), MessageBuckets.bucketOf(m.chatId(), m.sentAt()), m.messageId(),
                        m.senderId(), m.clientMessageId(), m.body()),
                updateRecipientInbox.bind(writeTime, m.senderId(), m.messageId(), m.senderId(), preview,
                        Set.of(m.messageId()), m.recipientId(), m.chatId()),
                updateSenderInbox.bind(writeTime, m.recipientId(), m.messageId(), m.senderId(), preview,
                        m.senderId(), m.chatId()));
        return Uni.createFrom().completionStage(() -> session.executeAsync(batch)).replaceWithVoid();
    }
}

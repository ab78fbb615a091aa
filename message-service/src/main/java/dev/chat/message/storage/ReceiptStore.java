package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.MessageBuckets;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Writes receipts: the delivered and seen flags, pending rows done with, unread ids seen. */
@Startup
@ApplicationScoped
public class ReceiptStore {

    private final QuarkusCqlSession session;
    private final PreparedStatement deletePending;
    private final PreparedStatement markDelivered;
    private final PreparedStatement markSeen;
    private final PreparedStatement clearUnread;

    public ReceiptStore(QuarkusCqlSession session) {
        this.session = session;
        this.deletePending = session.prepare(
                "DELETE FROM pending_messages WHERE user_id = ? AND device_id = ? AND message_id IN ?");
        this.markDelivered = session.prepare(
                "UPDATE messages SET is_delivered = true WHERE chat_id = ? AND bucket = ? AND message_id = ?");
        this.markSeen = session.prepare("UPDATE messages SET is_delivered = true, is_seen = true"
                + " WHERE chat_id = ? AND bucket = ? AND message_id = ?");
        this.clearUnread = session.prepare("UPDATE user_inbox SET unread_message_ids = unread_message_ids - ?,"
                + " seen_up_to = ? WHERE user_id = ? AND chat_id = ?");
    }

    /** The device is done with {@code messageIds} (all pending for it): one logged batch. */
    public Uni<Void> markDelivered(UUID userId, String deviceId, UUID chatId, List<UUID> messageIds) {
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.LOGGED)
                .addStatement(deletePending.bind(userId, deviceId, messageIds));
        for (UUID id : messageIds) {
            batch.addStatement(markDelivered.bind(chatId, MessageBuckets.bucketOf(chatId, id), id));
        }
        return Cql.run(session, batch.build()).replaceWithVoid();
    }

    /** The user has seen the chat up to {@code upTo}; {@code seenIds} are the unread ids that covers. */
    public Uni<Void> markSeen(UUID userId, UUID chatId, UUID upTo, List<UUID> seenIds) {
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.LOGGED)
                .addStatement(clearUnread.bind(Set.copyOf(seenIds), upTo, userId, chatId));
        for (UUID id : seenIds) {
            batch.addStatement(markSeen.bind(chatId, MessageBuckets.bucketOf(chatId, id), id));
        }
        return Cql.run(session, batch.build()).replaceWithVoid();
    }
}

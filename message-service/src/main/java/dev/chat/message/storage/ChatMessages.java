package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.common.ids.TimeUuids;
import dev.chat.common.protocol.Attachment;
import dev.chat.support.cassandra.AttachmentColumn;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Looks up one message of a chat by its id, for what a reply or an action needs to know of the
 * message it names: one single-row read in the partition its id's time decides.
 */
@Startup // prepares its statement at start-up, never on an event-loop thread
@ApplicationScoped
public class ChatMessages {

    /**
     * A message of the chat as replies and actions see it.
     *
     * @param system a group's system event (lower case), or null for a member's message
     * @param deleted whether it was deleted for everyone
     * @param attachmentId the attachment it carries, or null
     */
    public record Found(UUID messageId, UUID senderId, Instant sentAt, String system, boolean deleted, UUID attachmentId) {
    }

    private final QuarkusCqlSession session;
    private final PreparedStatement select;

    public ChatMessages(QuarkusCqlSession session) {
        this.session = session;
        this.select = session.prepare(
                "SELECT sender_id, kind, deleted_at, attachment FROM messages WHERE chat_id = ? AND bucket = ? AND message_id = ?");
    }

    private static UUID attachmentIdOf(String json) {
        Attachment attachment = AttachmentColumn.read(json);
        return attachment == null ? null : attachment.id();
    }

    /** The message {@code messageId} of the chat; empty when the chat has none (an action's id is never one). */
    public Uni<Optional<Found>> find(UUID chatId, UUID messageId) {
        if (!TimeUuids.isMessageId(messageId) || TimeUuids.isActionId(messageId)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Cql.run(session, select.bind(chatId, MessageBuckets.bucketOf(chatId, messageId), messageId)).map(rs -> {
            Row row = rs.one();
            // A row without a sender is no message: receipts alone never make one, but be sure.
            return row == null || row.isNull("sender_id") ? Optional.empty()
                    : Optional.of(new Found(messageId, row.getUuid("sender_id"), TimeUuids.instantOf(messageId),
                            row.getString("kind"), !row.isNull("deleted_at"), attachmentIdOf(row.getString("attachment"))));
        });
    }
}

package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import dev.chat.common.ids.TimeUuids;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code attachments} rows: one per upload slot, written when the slot is handed out together
 * with its entry in {@code unreferenced_attachments} (one logged batch), so that an upload no
 * message ever references is found and removed.
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class AttachmentStore {

    /**
     * An attachment as stored.
     *
     * @param sha256 the SHA-256 digest of its bytes the uploader declared (lower-case hex)
     * @param chatId the chat of the message that sent it; null until one does
     * @param messageId that message; null until one does
     */
    public record Attachment(UUID attachmentId, UUID ownerId, String contentType, long size, String sha256,
            UUID chatId, UUID messageId) {

        /** When its slot was handed out: the time inside its time-based id. */
        public Instant createdAt() {
            return TimeUuids.instantOf(attachmentId);
        }

        /** The object's key in the bucket. */
        public String key() {
            return attachmentId.toString();
        }
    }

    private final QuarkusCqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement queue;
    private final PreparedStatement select;
    private final PreparedStatement reference;
    private final PreparedStatement unqueue;
    private final PreparedStatement delete;
    private final PreparedStatement queuedIn;

    public AttachmentStore(QuarkusCqlSession session) {
        this.session = session;
        this.insert = session.prepare("INSERT INTO attachments (attachment_id, owner_id, content_type, size, sha256, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)");
        this.queue = session.prepare("INSERT INTO unreferenced_attachments (hour, attachment_id) VALUES (?, ?)");
        this.reference = session.prepare("UPDATE attachments SET chat_id = ?, message_id = ? WHERE attachment_id = ?");
        this.unqueue = session.prepare("DELETE FROM unreferenced_attachments WHERE hour = ? AND attachment_id = ?");
        this.delete = session.prepare("DELETE FROM attachments WHERE attachment_id = ?");
        this.queuedIn = session.prepare("SELECT attachment_id FROM unreferenced_attachments WHERE hour = ?");
        this.select = session.prepare("SELECT owner_id, content_type, size, sha256, created_at, chat_id, message_id"
                + " FROM attachments WHERE attachment_id = ?");
    }

    /**
     * The hour an upload slot is queued under until a message references it: that of its id,
     * which is time-based and made when the slot is handed out.
     */
    static int hourOf(UUID attachmentId) {
        return hourOf(TimeUuids.instantOf(attachmentId));
    }

    /**
     * The writes that make message {@code messageId} of chat {@code chatId} the one that sent the
     * attachment, to go into the message's own logged batch: who may download it follows from then
     * on, and it leaves the unreferenced queue.
     */
    public List<BoundStatement> references(UUID attachmentId, UUID chatId, UUID messageId) {
        return List.of(reference.bind(chatId, messageId, attachmentId), unqueue.bind(hourOf(attachmentId), attachmentId));
    }

    /** The attachments queued as unreferenced in the hour {@code hour} (hours since the epoch). */
    public Uni<List<UUID>> queuedIn(int hour) {
        return Cql.all(session, queuedIn.bind(hour), row -> row.getUuid("attachment_id"));
    }

    /** The hour (since the epoch) of {@code at}. */
    public static int hourOf(Instant at) {
        return (int) (at.getEpochSecond() / Duration.ofHours(1).toSeconds());
    }

    /** Takes an attachment off the unreferenced queue (a message carries it after all). */
    public Uni<Void> unqueue(UUID attachmentId) {
        return Cql.run(session, unqueue.bind(hourOf(attachmentId), attachmentId)).replaceWithVoid();
    }

    /** Forgets an attachment whose object is gone (its message was deleted for everyone, or none ever carried it). */
    public Uni<Void> delete(UUID attachmentId) {
        return Cql.run(session, BatchStatement.builder(BatchType.LOGGED).addStatement(delete.bind(attachmentId))
                .addStatement(unqueue.bind(hourOf(attachmentId), attachmentId)).build()).replaceWithVoid();
    }

    /** Records a new upload slot, queued as unreferenced. */
    public Uni<Void> insert(Attachment a) {
        return Cql.run(session, BatchStatement.builder(BatchType.LOGGED)
                .addStatement(insert.bind(a.attachmentId(), a.ownerId(), a.contentType(), a.size(), a.sha256(), a.createdAt()))
                .addStatement(queue.bind(hourOf(a.attachmentId()), a.attachmentId())).build()).replaceWithVoid();
    }

    public Uni<Optional<Attachment>> find(UUID attachmentId) {
        return Cql.run(session, select.bind(attachmentId)).map(rs -> {
            Row row = rs.one();
            return row == null ? Optional.empty() : Optional.of(new Attachment(attachmentId, row.getUuid("owner_id"),
                    row.getString("content_type"), row.getLong("size"), row.getString("sha256"),
                    row.getUuid("chat_id"), row.getUuid("message_id")));
        });
    }
}

package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.TimeUuids;
import dev.chat.common.internal.PendingMessage;
import dev.chat.common.internal.PendingPage;
import dev.chat.common.protocol.MessageAction;
import dev.chat.support.cassandra.AttachmentColumn;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * The {@code pending_messages} rows of devices: written with each message, read page by page when
 * a device connects, deleted when it acknowledges.
 *
 * <p>Every row is written with its message's own time as write time ({@link PendingRow#writeTime}),
 * so writing a row again is harmless: it changes nothing while the row is pending, and nothing
 * once the device has acknowledged it. The rows of a user who had no device when a message was
 * stored live under device {@link #UNCLAIMED}; {@link UnclaimedMessages} moves them.
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class PendingStore {

    /** The device id of pending rows for a user who had no device when the message was stored. */
    public static final String UNCLAIMED = "";

    static final String COLUMNS = "message_id, chat_id, sender_id, body, kind, subject_id, reply_to, target_id, attachment";
    /** How many {@link #COLUMNS} there are. */
    static final int COLUMN_COUNT = 9;

    private final QuarkusCqlSession session;
    private final PreparedStatement firstPage;
    private final PreparedStatement pageAfter;
    private final PreparedStatement among;
    private final PreparedStatement insert;
    private final PreparedStatement deleteRows;

    public PendingStore(QuarkusCqlSession session) {
        this.session = session;
        String select = "SELECT " + COLUMNS + " FROM pending_messages WHERE user_id = ? AND device_id = ?";
        this.firstPage = session.prepare(select + " LIMIT ?");
        this.pageAfter = session.prepare(select + " AND message_id > ? LIMIT ?");
        this.among = session.prepare(
                "SELECT message_id FROM pending_messages WHERE user_id = ? AND device_id = ? AND message_id IN ?");
        this.insert = session.prepare("INSERT INTO pending_messages (user_id, device_id, " + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
        this.deleteRows = session.prepare(
                "DELETE FROM pending_messages USING TIMESTAMP ? WHERE user_id = ? AND device_id = ? AND message_id = ?");
    }

    /** Up to {@code limit} pending messages of the device after {@code after} (null: from the oldest). */
    public Uni<PendingPage> page(UUID userId, String deviceId, UUID after, int limit) {
        BoundStatement query = after == null ? firstPage.bind(userId, deviceId, limit + 1)
                : pageAfter.bind(userId, deviceId, after, limit + 1);
        return Cql.all(session, query.setPageSize(limit + 1), PendingStore::toMessage).map(messages -> {
            boolean more = messages.size() > limit;
            return new PendingPage(more ? messages.subList(0, limit) : messages, more);
        });
    }

    /** Of {@code ids}, those pending for the device. */
    public Uni<List<UUID>> pendingAmong(UUID userId, String deviceId, List<UUID> ids) {
        return Cql.all(session, among.bind(userId, deviceId, ids), row -> row.getUuid("message_id"));
    }

    /** The write of the message's pending row for one device (to run alone or in a batch). */
    public BoundStatement insert(UUID userId, String deviceId, PendingRow row) {
        return Cql.unsetNulls(insert.bind(userId, deviceId, row.messageId(), row.chatId(), row.senderId(), row.body(), row.kind(),
                row.subjectId(), row.replyTo(), row.targetId(), row.attachment(), row.writeTime()));
    }

    /**
     * The delete of message {@code messageId}'s pending row for one device, as of {@code writeTime}
     * (microseconds): a message deleted for everyone leaves no copy of its body in the rows of
     * devices that had not received it.
     */
    public BoundStatement delete(UUID userId, String deviceId, UUID messageId, long writeTime) {
        return deleteRows.bind(writeTime, userId, deviceId, messageId);
    }

    private static PendingMessage toMessage(Row row) {
        UUID id = row.getUuid("message_id");
        UUID chatId = row.getUuid("chat_id");
        String kind = row.getString("kind");
        boolean action = MessageAction.fromWire(kind) != null;
        return new PendingMessage(id, chatId, row.getUuid("sender_id"), row.getString("body"), TimeUuids.instantOf(id),
                !ChatIds.isDirect(chatId), action ? null : kind, row.getUuid("subject_id"), action ? kind : null,
                row.getUuid("target_id"), row.getUuid("reply_to"), AttachmentColumn.read(row.getString("attachment")));
    }
}

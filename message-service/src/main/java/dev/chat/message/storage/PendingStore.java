package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.TimeUuids;
import dev.chat.common.internal.PendingMessage;
import dev.chat.common.internal.PendingPage;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads a device's pending messages, oldest first, and hands a user's unclaimed ones to a device. */
@Startup
@ApplicationScoped
public class PendingStore {

    private final QuarkusCqlSession session;
    private final PreparedStatement firstPage;
    private final PreparedStatement pageAfter;
    private final PreparedStatement among;
    private final PreparedStatement insert;
    private final PreparedStatement deletePartition;

    public PendingStore(QuarkusCqlSession session) {
        this.session = session;
        String columns = "SELECT message_id, chat_id, sender_id, body, kind, subject_id FROM pending_messages"
                + " WHERE user_id = ? AND device_id = ?";
        this.firstPage = session.prepare(columns + " LIMIT ?");
        this.pageAfter = session.prepare(columns + " AND message_id > ? LIMIT ?");
        this.among = session.prepare(
                "SELECT message_id FROM pending_messages WHERE user_id = ? AND device_id = ? AND message_id IN ?");
        this.insert = session.prepare("INSERT INTO pending_messages"
                + " (user_id, device_id, message_id, chat_id, sender_id, body, kind, subject_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        this.deletePartition = session.prepare("DELETE FROM pending_messages WHERE user_id = ? AND device_id = ?");
    }

    /** Up to {@code limit} pending messages of the device after {@code after} (null: from the oldest). */
    public Uni<PendingPage> page(UUID userId, String deviceId, UUID after, int limit) {
        return Cql.run(session, after == null ? firstPage.bind(userId, deviceId, limit + 1)
                        : pageAfter.bind(userId, deviceId, after, limit + 1))
                .map(rs -> {
                    List<PendingMessage> messages = new ArrayList<>();
                    for (Row row : rs.currentPage()) {
                        UUID id = row.getUuid("message_id");
                        UUID chatId = row.getUuid("chat_id");
                        messages.add(new PendingMessage(id, chatId, row.getUuid("sender_id"), row.getString("body"),
                                TimeUuids.instantOf(id), !ChatIds.isDirect(chatId), row.getString("kind"),
                                row.getUuid("subject_id")));
                    }
                    boolean more = messages.size() > limit;
                    return new PendingPage(more ? messages.subList(0, limit) : messages, more);
                });
    }

    /** Of {@code ids}, those pending for the device. */
    public Uni<List<UUID>> pendingAmong(UUID userId, String deviceId, List<UUID> ids) {
        return Cql.run(session, among.bind(userId, deviceId, ids)).map(rs -> {
            List<UUID> found = new ArrayList<>();
            for (Row row : rs.currentPage()) {
                found.add(row.getUuid("message_id"));
            }
            return found;
        });
    }

    /**
     * Moves the messages stored for the user before it had any device into this device's pending
     * rows (copy, then one partition delete). Idempotent: a repeated call finds nothing to move.
     */
    public Uni<Void> claimUnclaimed(UUID userId, String deviceId) {
        return Cql.run(session, firstPage.bind(userId, MessageStore.UNCLAIMED, 10_000)).chain(rs -> {
            BatchStatementBuilder batch = BatchStatement.builder(BatchType.LOGGED);
            int rows = copyInto(rs, batch, userId, deviceId);
            if (rows == 0) {
                return Uni.createFrom().voidItem();
            }
            batch.addStatement(deletePartition.bind(userId, MessageStore.UNCLAIMED));
            return Cql.run(session, batch.build()).replaceWithVoid();
        });
    }

    private int copyInto(AsyncResultSet rs, BatchStatementBuilder batch, UUID userId, String deviceId) {
        int rows = 0;
        for (Row row : rs.currentPage()) {
            batch.addStatement(insert.bind(userId, deviceId, row.getUuid("message_id"), row.getUuid("chat_id"),
                    row.getUuid("sender_id"), row.getString("body"), row.getString("kind"), row.getUuid("subject_id")));
            rows++;
        }
        return rows;
    }
}

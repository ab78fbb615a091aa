package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reads one inbox row, for marking a chat seen and for knowing a one-to-one chat's last message. */
@Startup
@ApplicationScoped
public class InboxRows {

    /** The other party of the chat (null for a group), the ids the user has not seen, and the chat's last message as the row has it. */
    public record InboxRow(UUID peerId, Set<UUID> unreadIds, UUID lastMessageId) {
    }

    private final QuarkusCqlSession session;
    private final PreparedStatement select;

    public InboxRows(QuarkusCqlSession session) {
        this.session = session;
        this.select = session.prepare(
                "SELECT peer_id, is_group, unread_message_ids, last_message_id FROM user_inbox WHERE user_id = ? AND chat_id = ?");
    }

    public Uni<Optional<InboxRow>> read(UUID userId, UUID chatId) {
        return Cql.run(session, select.bind(userId, chatId)).map(rs -> {
            Row row = rs.one();
            return row == null || (row.getUuid("peer_id") == null && !row.getBoolean("is_group")) ? Optional.empty()
                    : Optional.of(new InboxRow(row.getUuid("peer_id"), row.getSet("unread_message_ids", UUID.class),
                            row.getUuid("last_message_id")));
        });
    }
}

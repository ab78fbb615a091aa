package dev.chat.inbox.storage;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The chat-list settings on a user's inbox rows ({@link ChatListSettings}): read for the whole
 * partition, written one column per changed setting. The columns are the user's alone: message
 * writes never touch them, and nothing deletes inbox rows.
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class ChatSettingsStore {

    private final QuarkusCqlSession session;
    private final PreparedStatement selectSettings;
    private final PreparedStatement setArchived;
    private final PreparedStatement setPinnedAt;
    private final PreparedStatement setMutedUntil;
    private final PreparedStatement setMarkedUnread;

    public ChatSettingsStore(QuarkusCqlSession session) {
        this.session = session;
        this.selectSettings = session.prepare(
                "SELECT chat_id, archived, pinned_at, muted_until, marked_unread FROM user_inbox WHERE user_id = ?");
        this.setArchived = session.prepare("UPDATE user_inbox SET archived = ? WHERE user_id = ? AND chat_id = ?");
        this.setPinnedAt = session.prepare("UPDATE user_inbox SET pinned_at = ? WHERE user_id = ? AND chat_id = ?");
        this.setMutedUntil = session.prepare("UPDATE user_inbox SET muted_until = ? WHERE user_id = ? AND chat_id = ?");
        this.setMarkedUnread = session.prepare("UPDATE user_inbox SET marked_unread = ? WHERE user_id = ? AND chat_id = ?");
    }

    /** The settings of every chat in the user's inbox, as of {@code now}. */
    public Uni<Map<UUID, ChatListSettings>> settingsOf(UUID userId, Instant now) {
        return Cql.all(session, selectSettings.bind(userId), row -> row).map(rows -> {
            Map<UUID, ChatListSettings> all = new HashMap<>();
            rows.forEach(row -> all.put(row.getUuid("chat_id"), settingsOf(row, now)));
            return all;
        });
    }

    /** The settings columns of an inbox row that selected them, as of {@code now}. */
    static ChatListSettings settingsOf(Row row, Instant now) {
        return ChatListSettings.stored(row.getBoolean("archived"), row.getInstant("pinned_at"),
                row.getInstant("muted_until"), row.getBoolean("marked_unread"), now);
    }

    /**
     * Writes the settings that differ between {@code before} and {@code after}, together (one
     * partition: all or none).
     */
    public Uni<Void> save(UUID userId, UUID chatId, ChatListSettings before, ChatListSettings after) {
        List<BoundStatement> writes = new ArrayList<>(4);
        if (before.archived() != after.archived()) {
            writes.add(setArchived.bind(after.archived(), userId, chatId));
        }
        if (!Objects.equals(before.pinnedAt(), after.pinnedAt())) {
            writes.add(setPinnedAt.bind(after.pinnedAt(), userId, chatId));
        }
        if (!Objects.equals(before.mutedThrough(), after.mutedThrough())) {
            writes.add(setMutedUntil.bind(after.mutedThrough(), userId, chatId));
        }
        if (before.markedUnread() != after.markedUnread()) {
            writes.add(setMarkedUnread.bind(after.markedUnread(), userId, chatId));
        }
        if (writes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Cql.run(session, BatchStatement.newInstance(BatchType.UNLOGGED).addAll(writes)).replaceWithVoid();
    }
}

package dev.chat.inbox.storage;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The messages a user starred ({@code starred_messages}): one partition per user, newest message
 * first. A row names a message and its chat, nothing of what it says; whether the user may still
 * see it is decided where it is read ({@code domain/Stars}).
 *
 * <p>Guarantees: starring and unstarring are idempotent single-row writes; the latest of two
 * concurrent ones wins.
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class StarredMessages {

    /** One starred message: which one, and in which chat. */
    public record Star(UUID chatId, UUID messageId) {
    }

    private final QuarkusCqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement delete;
    private final PreparedStatement newest;
    private final PreparedStatement olderThan;
    private final PreparedStatement between;

    public StarredMessages(QuarkusCqlSession session) {
        this.session = session;
        this.insert = session.prepare("INSERT INTO starred_messages (user_id, message_id, chat_id) VALUES (?, ?, ?)");
        this.delete = session.prepare("DELETE FROM starred_messages WHERE user_id = ? AND message_id = ?");
        this.newest = session.prepare("SELECT chat_id, message_id FROM starred_messages WHERE user_id = ? LIMIT ?");
        this.olderThan = session.prepare(
                "SELECT chat_id, message_id FROM starred_messages WHERE user_id = ? AND message_id < ? LIMIT ?");
        this.between = session.prepare("SELECT chat_id, message_id FROM starred_messages"
                + " WHERE user_id = ? AND message_id >= ? AND message_id <= ?");
    }

    public Uni<Void> star(UUID userId, UUID chatId, UUID messageId) {
        return Cql.run(session, insert.bind(userId, messageId, chatId)).replaceWithVoid();
    }

    public Uni<Void> unstar(UUID userId, UUID messageId) {
        return Cql.run(session, delete.bind(userId, messageId)).replaceWithVoid();
    }

    /** Up to {@code count} of the user's stars older than {@code before} (null: the newest), newest first. */
    public Uni<List<Star>> page(UUID userId, UUID before, int count) {
        var statement = before == null ? newest.bind(userId, count) : olderThan.bind(userId, before, count);
        return Cql.all(session, statement.setPageSize(count), StarredMessages::starOf);
    }

    /**
     * Which of {@code messageIds} (of one chat) the user starred: one read of the id range they
     * span, whatever chats the stars in it belong to.
     */
    public Uni<Set<UUID>> starredAmong(UUID userId, UUID chatId, List<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        IdSpan span = IdSpan.of(messageIds);
        return Cql.all(session, between.bind(userId, span.oldest(), span.newest()), StarredMessages::starOf)
                .map(stars -> stars.stream().filter(s -> s.chatId().equals(chatId)).map(Star::messageId)
                        .collect(Collectors.toUnmodifiableSet()));
    }

    private static Star starOf(Row row) {
        return new Star(row.getUuid("chat_id"), row.getUuid("message_id"));
    }
}

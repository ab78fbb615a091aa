package dev.chat.inbox.storage;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.TimeUuids;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * "Clear chat" and "Delete chat": the marks ({@link ClearMarks}) on a user's own inbox row of a
 * chat ({@code cleared_through}, {@code deleted_through}).
 *
 * <p>Guarantees: a mark covers every message whose id is of the clear's millisecond or older; each
 * is one single-row write whose write time is the clear's own time, so the latest clear wins
 * whatever order two devices' clears arrive in. Deleting also resets the chat's list settings
 * (archived, pinned, muted, marked unread) in the same write, so a deleted chat holds no pin and
 * comes back, with its next message, as a new chat. Callers write only rows that exist
 * ({@link #marksOf}): an update would otherwise create one.
 *
 * <p>Limit: the mark is taken from this service's clock, so a message stamped by message-service
 * at the same moment can fall on either side of it.
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class ClearedChats {

    private final QuarkusCqlSession session;
    private final PreparedStatement selectMarks;
    private final PreparedStatement markCleared;
    private final PreparedStatement markDeleted;

    public ClearedChats(QuarkusCqlSession session) {
        this.session = session;
        this.selectMarks = session.prepare(
                "SELECT cleared_through, deleted_through FROM user_inbox WHERE user_id = ? AND chat_id = ?");
        this.markCleared = session.prepare(
                "UPDATE user_inbox USING TIMESTAMP ? SET cleared_through = ? WHERE user_id = ? AND chat_id = ?");
        this.markDeleted = session.prepare("UPDATE user_inbox USING TIMESTAMP ? SET cleared_through = ?, deleted_through = ?,"
                + " archived = null, pinned_at = null, muted_until = null, marked_unread = null WHERE user_id = ? AND chat_id = ?");
    }

    /** The user's marks on the chat; empty when the chat is not in the user's inbox. */
    public Uni<Optional<ClearMarks>> marksOf(UUID userId, UUID chatId) {
        return Cql.run(session, selectMarks.bind(userId, chatId)).map(rs -> Optional.ofNullable(rs.one()).map(ClearMarks::of));
    }

    /** Clears every message up to {@code at} from the user's view of the chat. */
    public Uni<Void> clear(UUID userId, UUID chatId, Instant at) {
        return Cql.run(session, markCleared.bind(writeTime(at), TimeUuids.endOf(at), userId, chatId)).replaceWithVoid();
    }

    /** Clears as {@link #clear} does, leaves the chat out of the list until a newer message and resets its settings. */
    public Uni<Void> delete(UUID userId, UUID chatId, Instant at) {
        UUID through = TimeUuids.endOf(at);
        return Cql.run(session, markDeleted.bind(writeTime(at), through, through, userId, chatId)).replaceWithVoid();
    }

    private static long writeTime(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }
}

package dev.chat.inbox.storage;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.TimeUuids;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * "Delete for me": the messages a user removed from their own view of a chat
 * ({@code hidden_messages}), and on their inbox row the newest of them ({@code last_hidden_id}),
 * so that the inbox can leave out a preview the user removed. Nobody else's view changes.
 *
 * <p>Guarantees: hiding is idempotent and both writes are one logged batch, so the row and the
 * marker never disagree for long; the marker is written with the hidden message's own time as its
 * write time, so that it always names the newest message hidden, whatever order hides arrive in.
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class HiddenMessages {

    private final QuarkusCqlSession session;
    private final PreparedStatement insertHidden;
    private final PreparedStatement markNewest;
    private final PreparedStatement selectBetween;

    public HiddenMessages(QuarkusCqlSession session) {
        this.session = session;
        this.insertHidden = session.prepare("INSERT INTO hidden_messages (user_id, chat_id, message_id) VALUES (?, ?, ?)");
        this.markNewest = session.prepare(
                "UPDATE user_inbox USING TIMESTAMP ? SET last_hidden_id = ? WHERE user_id = ? AND chat_id = ?");
        this.selectBetween = session.prepare("SELECT message_id FROM hidden_messages"
                + " WHERE user_id = ? AND chat_id = ? AND message_id >= ? AND message_id <= ?");
    }

    /** Removes the message from the user's view of the chat. */
    public Uni<Void> hide(UUID userId, UUID chatId, UUID messageId) {
        long writeTime = ChronoUnit.MICROS.between(Instant.EPOCH, TimeUuids.instantOf(messageId));
        return Cql.run(session, BatchStatement.newInstance(BatchType.LOGGED)
                        .add(insertHidden.bind(userId, chatId, messageId))
                        .add(markNewest.bind(writeTime, messageId, userId, chatId)))
                .replaceWithVoid();
    }

    /** Which of {@code messageIds} (of one chat) the user removed from their view. */
    public Uni<Set<UUID>> hiddenAmong(UUID userId, UUID chatId, List<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        IdSpan span = IdSpan.of(messageIds);
        return Cql.all(session, selectBetween.bind(userId, chatId, span.oldest(), span.newest()), row -> row.getUuid("message_id"))
                .map(HashSet::new);
    }
}

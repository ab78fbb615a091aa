package dev.chat.inbox.storage;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.ChatIds;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may read a chat's history. A one-to-one chat: its two users, each of whom has an inbox row
 * for it. A group: its current members, as the group row lists them; a removed member loses
 * access at once (to what was said before the removal too: their devices keep what they
 * received).
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class ChatAccess {

    private final ClearedChats cleared;
    private final QuarkusCqlSession session;
    private final PreparedStatement selectMembers;

    public ChatAccess(ClearedChats cleared, QuarkusCqlSession session) {
        this.cleared = cleared;
        this.session = session;
        this.selectMembers = session.prepare("SELECT members FROM groups WHERE group_id = ?");
    }

    public Uni<Boolean> mayRead(UUID userId, UUID chatId) {
        // Every participant of a one-to-one chat has an inbox row for it, which holds the clear marks.
        return ChatIds.isDirect(chatId) ? cleared.marksOf(userId, chatId).map(Optional::isPresent) : isMember(userId, chatId);
    }

    /**
     * Where the user's view of the chat starts ({@link ClearMarks}), when they may read it; empty
     * when they may not. One read for a one-to-one chat, two side by side for a group.
     */
    public Uni<Optional<ClearMarks>> viewOf(UUID userId, UUID chatId) {
        Uni<Optional<ClearMarks>> marks = cleared.marksOf(userId, chatId);
        if (ChatIds.isDirect(chatId)) {
            return marks;
        }
        return Uni.combine().all().unis(isMember(userId, chatId), marks).asTuple()
                .map(found -> found.getItem1() ? Optional.of(found.getItem2().orElse(ClearMarks.NONE)) : Optional.empty());
    }

    /** Whether the user is a member of the group now. */
    public Uni<Boolean> isMember(UUID userId, UUID groupId) {
        return Cql.run(session, selectMembers.bind(groupId)).map(rs -> {
            Row row = rs.one();
            return row != null && row.getMap("members", UUID.class, String.class).containsKey(userId);
        });
    }
}

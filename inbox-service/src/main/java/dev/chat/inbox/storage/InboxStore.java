package dev.chat.inbox.storage;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.TimeUuids;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.mutiny.Multi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a user's inbox: one partition per user, one row per chat, in {@link InboxPosition}'s order
 * (the pinned chats first, then the newest conversation first). The
 * line of a group the user is in is brought up to date from the group's messages
 * ({@link GroupConversations}), {@value #GROUPS_IN_FLIGHT} groups at a time. A chat the user
 * deleted is left out until a newer message arrives, and what the user cleared or deleted for
 * themselves shows no preview and counts as read ({@link ClearMarks}, {@link HiddenMessages}).
 *
 * <p>The partition is read whole and sorted here, because the order (by last message) changes with
 * every message and Cassandra cannot cluster by a column that is updated. A user's chats are at
 * most thousands of rows, which one partition read serves.
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class InboxStore {

    private static final Comparator<InboxEntry> ORDER = Comparator.comparing(InboxPosition::of);

    static final int GROUPS_IN_FLIGHT = 16;

    private final QuarkusCqlSession session;
    private final GroupConversations groups;
    private final PreparedStatement selectInbox;

    public InboxStore(QuarkusCqlSession session, GroupConversations groups) {
        this.session = session;
        this.groups = groups;
        this.selectInbox = session.prepare("SELECT chat_id, peer_id, is_group, last_message_id, last_sender_id,"
                + " last_message_preview, unread_message_ids, seen_up_to, archived, pinned_at, muted_until, marked_unread,"
                + " last_hidden_id,"
                + " cleared_through, deleted_through"
                + " FROM user_inbox WHERE user_id = ?");
    }

    public Uni<List<InboxEntry>> inboxOf(UUID userId) {
        Instant now = Instant.now();
        return Cql.all(session, selectInbox.bind(userId), row -> ReadRow.of(row, now))
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUni(row -> (row.stored().entry().group() ? groups.current(userId, row.stored())
                                : Uni.createFrom().item(row.stored().entry())).map(row::shown))
                        .merge(GROUPS_IN_FLIGHT)
                        .select().where(Optional::isPresent).map(Optional::get)
                        .collect().asList())
                .map(entries -> {
                    List<InboxEntry> sorted = new ArrayList<>(entries);
                    sorted.sort(ORDER);
                    return sorted;
                });
    }

    /**
     * An inbox row as read, with what the user removed from their own view: the newest message
     * they deleted for themselves ({@link HiddenMessages}) and their clear marks ({@link ClearMarks},
     * already applied to the stored row's unread messages and read position).
     */
    private record ReadRow(GroupConversations.StoredRow stored, UUID lastHiddenId, ClearMarks marks) {

        static ReadRow of(Row row, Instant now) {
            ClearMarks marks = ClearMarks.of(row);
            return new ReadRow(marks.applyTo(toStoredRow(row, now)), row.getUuid("last_hidden_id"), marks);
        }

        /**
         * The entry as its user sees it: absent while the chat is deleted; without its preview when
         * its last message is one the user deleted for themselves or cleared.
         */
        Optional<InboxEntry> shown(InboxEntry e) {
            if (marks.delisted(e)) {
                return Optional.empty();
            }
            return Optional.of(lastHiddenId != null && lastHiddenId.equals(e.lastMessageId()) ? e.withoutPreview() : marks.shown(e));
        }
    }

    private static GroupConversations.StoredRow toStoredRow(Row row, Instant now) {
        UUID last = row.getUuid("last_message_id");
        Set<UUID> unread = row.getSet("unread_message_ids", UUID.class);
        InboxEntry entry = new InboxEntry(row.getUuid("chat_id"), row.getUuid("peer_id"), row.getBoolean("is_group"), last,
                row.getUuid("last_sender_id"), row.getString("last_message_preview"),
                last == null ? null : TimeUuids.instantOf(last), unread.size(), ChatSettingsStore.settingsOf(row, now));
        return new GroupConversations.StoredRow(entry, row.getUuid("seen_up_to"), unread);
    }
}

package dev.chat.inbox.storage;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.common.ids.TimeUuids;
import dev.chat.common.protocol.Previews;
import dev.chat.common.protocol.SystemEvent;
import dev.chat.support.cassandra.AttachmentColumn;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;

/**
 * A group's line in a member's inbox, derived when the inbox is read: its newest message (id,
 * sender, preview) and the member's unread count, the messages of others after the member's read
 * position. Message-service writes no inbox row for a member's message to a group (that would be
 * one write per member per message); docs/groups.md weighs the two designs.
 *
 * <p>The read position is the row's {@code seen_up_to}, which a {@code seen} moves and joining the
 * group places just before the message that added the member. A row written before positions
 * were kept this way and never read since has none: then the unread ids it holds say where
 * reading stopped (the oldest of them is the first unread), or, when it holds none, its last
 * message was read.
 *
 * <p>Limits: the count stops at {@link #UNREAD_COUNTED} (a client shows "999+"); a user who is no
 * longer a member sees the row as it was written when they left (the system messages of their
 * leaving), since the group's later messages are not theirs to see.
 *
 * <p>Cost: three to four small reads per group (membership, the buckets since the position, the
 * newest message, the unread ids of each such bucket), made when the inbox is read.
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class GroupConversations {

    /** The most unread messages counted per group. */
    public static final int UNREAD_COUNTED = 1_000;

    /**
     * The most messages read to count them: a member's own messages are read but not counted, so
     * one who sent many of the newest messages needs more than {@link #UNREAD_COUNTED} read
     * (stopping at 1,000 read counted 750 for a member who sent a quarter of them: the chaos run,
     * docs/reliability.md).
     */
    static final int UNREAD_SCANNED = 10_000;

    private final QuarkusCqlSession session;
    private final PreparedStatement selectMember;
    private final PreparedStatement bucketsSince;
    private final PreparedStatement newestIn;
    private final PreparedStatement newerIn;

    public GroupConversations(QuarkusCqlSession session) {
        this.session = session;
        this.selectMember = session.prepare("SELECT user_id FROM group_members WHERE group_id = ? AND user_id = ?");
        this.bucketsSince = session.prepare("SELECT bucket FROM chat_buckets WHERE chat_id = ? AND bucket >= ?");
        this.newestIn = session.prepare(
                "SELECT message_id, sender_id, body, kind, deleted_at, attachment FROM messages WHERE chat_id = ? AND bucket = ? LIMIT 1");
        this.newerIn = session.prepare(
                "SELECT message_id, sender_id FROM messages WHERE chat_id = ? AND bucket = ? AND message_id > ? LIMIT ?");
    }

    /** A group row of the user's inbox as stored, with the columns that say where the user stopped reading. */
    public record StoredRow(InboxEntry entry, UUID seenUpTo, Set<UUID> unreadIds) {
    }

    /** The row brought up to date when the user is a member; as stored otherwise. */
    public Uni<InboxEntry> current(UUID userId, StoredRow row) {
        UUID groupId = row.entry().chatId();
        return Cql.exists(session, selectMember.bind(groupId, userId)).chain(member -> {
            UUID position = positionOf(row);
            if (!member || position == null) {
                return Uni.createFrom().item(row.entry());
            }
            return Cql.all(session, bucketsSince.bind(groupId, MessageBuckets.bucketOf(groupId, position)), r -> r.getInt("bucket"))
                    .chain(buckets -> buckets.isEmpty() ? Uni.createFrom().item(row.entry())
                            : Uni.combine().all().unis(newest(groupId, buckets.get(0)),
                                    unread(groupId, userId, position, buckets.iterator(), 0, 0))
                                    .asTuple().map(found -> found.getItem1() == null ? row.entry()
                                            : withNewest(row.entry(), found.getItem1(), found.getItem2())));
        });
    }

    /** Where the user stopped reading: everything after it is unread. */
    static UUID positionOf(StoredRow row) {
        if (row.seenUpTo() != null) {
            return row.seenUpTo();
        }
        return row.unreadIds().stream().min(TimeUuids::compare).map(TimeUuids::justBefore)
                .orElse(row.entry().lastMessageId());
    }

    private Uni<Row> newest(UUID groupId, int bucket) {
        return Cql.run(session, newestIn.bind(groupId, bucket)).map(rs -> rs.one());
    }

    /**
     * Others' messages after the position, counted up to {@link #UNREAD_COUNTED} among at most
     * {@link #UNREAD_SCANNED} read, bucket by bucket newest first; {@code read} and {@code counted}
     * are the messages read and counted so far.
     */
    private Uni<Integer> unread(UUID groupId, UUID userId, UUID position, Iterator<Integer> buckets, int read, int counted) {
        if (!buckets.hasNext() || counted >= UNREAD_COUNTED || read >= UNREAD_SCANNED) {
            return Uni.createFrom().item(Math.min(counted, UNREAD_COUNTED));
        }
        int wanted = UNREAD_SCANNED - read;
        return Cql.all(session, newerIn.bind(groupId, buckets.next(), position, wanted).setPageSize(UNREAD_COUNTED),
                        r -> r.getUuid("sender_id"))
                .chain(senders -> unread(groupId, userId, position, buckets, read + senders.size(),
                        counted + (int) senders.stream().filter(sender -> !userId.equals(sender)).count()));
    }

    private static InboxEntry withNewest(InboxEntry stored, Row newest, int unread) {
        UUID id = newest.getUuid("message_id");
        SystemEvent system = SystemEvent.fromWire(newest.getString("kind"));
        String preview = !newest.isNull("deleted_at") ? Previews.DELETED
                : Previews.of(system, newest.getString("body"), AttachmentColumn.read(newest.getString("attachment")));
        return new InboxEntry(stored.chatId(), stored.peerId(), true, id, newest.getUuid("sender_id"), preview,
                TimeUuids.instantOf(id), unread, stored.settings());
    }
}

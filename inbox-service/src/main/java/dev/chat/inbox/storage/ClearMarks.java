package dev.chat.inbox.storage;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.chat.common.ids.TimeUuids;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Where a user's own view of a chat starts after "Clear chat" or "Delete chat"
 * ({@link ClearedChats}): the messages up to the mark are gone from that user's history, preview
 * and unread count on all their devices, and nobody else's.
 *
 * @param clearedThrough the newest message id cleared (by either), or null
 * @param deletedThrough the same when the chat was deleted: it then stays out of the user's chat
 *     list until a message newer than the mark arrives; null when it never was
 */
public record ClearMarks(UUID clearedThrough, UUID deletedThrough) {

    /** A chat never cleared. */
    public static final ClearMarks NONE = new ClearMarks(null, null);

    static ClearMarks of(Row row) {
        return new ClearMarks(row.getUuid("cleared_through"), row.getUuid("deleted_through"));
    }

    /** Whether the message is one the user cleared from their view. */
    public boolean cleared(UUID messageId) {
        return clearedThrough != null && messageId != null && TimeUuids.compare(messageId, clearedThrough) <= 0;
    }

    /** Whether the chat stays out of the user's list: deleted, and no message has arrived since. */
    boolean delisted(InboxEntry entry) {
        return deletedThrough != null
                && (entry.lastMessageId() == null || TimeUuids.compare(entry.lastMessageId(), deletedThrough) <= 0);
    }

    /** The entry as its user sees it: without a preview when its last message was cleared. */
    InboxEntry shown(InboxEntry entry) {
        return cleared(entry.lastMessageId()) ? entry.withoutPreview() : entry;
    }

    /**
     * The stored row with every cleared message counted as read: the unread ids newer than the
     * mark only, and a group's read position moved up to the mark when it was before it.
     */
    GroupConversations.StoredRow applyTo(GroupConversations.StoredRow row) {
        if (clearedThrough == null) {
            return row;
        }
        Set<UUID> unread = row.unreadIds().stream().filter(id -> !cleared(id)).collect(Collectors.toUnmodifiableSet());
        UUID position = GroupConversations.positionOf(row);
        UUID readUpTo = position == null || TimeUuids.compare(position, clearedThrough) < 0 ? clearedThrough : position;
        return new GroupConversations.StoredRow(row.entry().withUnreadCount(unread.size()), readUpTo, unread);
    }
}

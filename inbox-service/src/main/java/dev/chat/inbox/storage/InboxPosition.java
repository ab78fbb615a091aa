package dev.chat.inbox.storage;

import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * Where a conversation stands in the inbox order: the pinned chats first, the latest pinned first,
 * then the others by their last message, newest first; ties by chat id, so that no two
 * conversations share a position.
 *
 * @param pinnedAt when the chat was pinned, or null
 * @param lastMessageAt its last message's time, or null (such chats come last)
 */
public record InboxPosition(Instant pinnedAt, Instant lastMessageAt, UUID chatId) implements Comparable<InboxPosition> {

    private static final Comparator<InboxPosition> ORDER =
            Comparator.comparing(InboxPosition::pinnedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(InboxPosition::lastMessageAt, Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(InboxPosition::chatId);

    public static InboxPosition of(InboxEntry entry) {
        return new InboxPosition(entry.settings().pinnedAt(), entry.lastMessageAt(), entry.chatId());
    }

    /** Negative when this position comes before {@code other} in the inbox. */
    @Override
    public int compareTo(InboxPosition other) {
        return ORDER.compare(this, other);
    }
}

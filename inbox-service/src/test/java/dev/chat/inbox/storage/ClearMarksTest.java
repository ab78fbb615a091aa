package dev.chat.inbox.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.common.ids.TimeUuids;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClearMarksTest {

    private static final Instant CLEARED_AT = Instant.parse("2026-12-07T12:00:00Z");
    private static final UUID BEFORE = TimeUuids.startOf(CLEARED_AT.minusSeconds(1));
    private static final UUID SAME_MILLISECOND = TimeUuids.justBefore(TimeUuids.startOf(CLEARED_AT.plusMillis(1)));
    private static final UUID AFTER = TimeUuids.startOf(CLEARED_AT.plusMillis(1));
    private static final ClearMarks CLEARED = new ClearMarks(TimeUuids.endOf(CLEARED_AT), null);
    private static final ClearMarks DELETED = new ClearMarks(TimeUuids.endOf(CLEARED_AT), TimeUuids.endOf(CLEARED_AT));

    @Test
    void aClearCoversItsWholeMillisecondAndNothingLater() {
        assertTrue(CLEARED.cleared(BEFORE));
        assertTrue(CLEARED.cleared(SAME_MILLISECOND));
        assertFalse(CLEARED.cleared(AFTER));
        assertFalse(ClearMarks.NONE.cleared(BEFORE));
    }

    @Test
    void clearedUnreadMessagesNoLongerCountAndTheReadPositionMovesUpToTheMark() {
        GroupConversations.StoredRow row = row(AFTER, null, Set.of(BEFORE, AFTER));

        GroupConversations.StoredRow applied = CLEARED.applyTo(row);

        assertEquals(Set.of(AFTER), applied.unreadIds());
        assertEquals(1, applied.entry().unreadCount());
        assertEquals(CLEARED.clearedThrough(), applied.seenUpTo(), "the oldest unread was before the mark");
        assertSame(row, ClearMarks.NONE.applyTo(row));
    }

    @Test
    void aReadPositionAfterTheMarkStaysWhereItIs() {
        GroupConversations.StoredRow row = row(AFTER, AFTER, Set.of());
        assertEquals(AFTER, CLEARED.applyTo(row).seenUpTo());
    }

    @Test
    void aDeletedChatIsListedAgainOnlyWithAMessageNewerThanTheDeletion() {
        assertFalse(DELETED.delisted(row(AFTER, null, Set.of()).entry()));
        assertTrue(DELETED.delisted(row(BEFORE, null, Set.of()).entry()));
        assertTrue(DELETED.delisted(row(null, null, Set.of()).entry()), "a chat without messages");
        assertFalse(CLEARED.delisted(row(BEFORE, null, Set.of()).entry()), "cleared, not deleted: it stays listed");
    }

    @Test
    void aClearedLastMessageShowsNoPreviewButKeepsItsPlace() {
        InboxEntry shown = CLEARED.shown(row(BEFORE, null, Set.of()).entry());
        assertNull(shown.lastMessagePreview());
        assertEquals(TimeUuids.instantOf(BEFORE), shown.lastMessageAt());
        assertEquals("hi", CLEARED.shown(row(AFTER, null, Set.of()).entry()).lastMessagePreview());
    }

    private static GroupConversations.StoredRow row(UUID last, UUID seenUpTo, Set<UUID> unread) {
        InboxEntry entry = new InboxEntry(UUID.randomUUID(), UUID.randomUUID(), false, last, UUID.randomUUID(),
                last == null ? null : "hi", last == null ? null : TimeUuids.instantOf(last), unread.size(), ChatListSettings.NONE);
        return new GroupConversations.StoredRow(entry, seenUpTo, unread);
    }
}

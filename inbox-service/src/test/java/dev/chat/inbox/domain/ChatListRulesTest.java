package dev.chat.inbox.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.common.errors.Refusal;
import dev.chat.inbox.domain.SettingsChange.Mute;
import dev.chat.inbox.storage.ChatListSettings;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChatListRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Instant EARLIER = NOW.minusSeconds(3600);

    @Test
    void pinningStampsTheTimeOnceAndTakesTheChatOutOfTheArchive() {
        ChatListSettings archived = new ChatListSettings(true, null, null, false);
        assertEquals(new ChatListSettings(false, NOW, null, false),
                ChatListRules.apply(archived, new SettingsChange(null, true, null, null), 0, NOW));

        ChatListSettings again = ChatListRules.apply(new ChatListSettings(false, EARLIER, null, false),
                new SettingsChange(null, true, null, null), 2, NOW);
        assertEquals(EARLIER, again.pinnedAt(), "pinning a pinned chat keeps its place");
    }

    @Test
    void archivingUnpinsAndUnarchivingLeavesThePinAlone() {
        ChatListSettings pinned = new ChatListSettings(false, EARLIER, null, false);
        assertEquals(new ChatListSettings(true, null, null, false),
                ChatListRules.apply(pinned, new SettingsChange(true, null, null, null), 0, NOW));
        assertEquals(pinned, ChatListRules.apply(pinned, new SettingsChange(false, null, null, null), 0, NOW));
        assertEquals(ChatListSettings.NONE, ChatListRules.apply(pinned, new SettingsChange(null, false, null, null), 0, NOW));
    }

    @Test
    void aFourthPinIsRefusedButAPinnedChatMayBePinnedAgain() {
        Refusal refusal = assertThrows(Refusal.class,
                () -> ChatListRules.apply(ChatListSettings.NONE, new SettingsChange(null, true, null, null), 3, NOW));
        assertEquals(Refusal.Kind.CONFLICT, refusal.kind());
        assertEquals("at most 3 chats can be pinned: unpin one first", refusal.getMessage());

        ChatListSettings pinned = new ChatListSettings(false, EARLIER, null, false);
        assertEquals(pinned, ChatListRules.apply(pinned, new SettingsChange(null, true, null, null), 3, NOW));
    }

    @Test
    void mutesRunForTheirLengthOrAlwaysAndOffEndsThem() {
        assertEquals(NOW.plus(Duration.ofHours(8)), ChatListRules.apply(ChatListSettings.NONE,
                new SettingsChange(null, null, Mute.EIGHT_HOURS, null), 0, NOW).mutedUntil());
        assertEquals(NOW.plus(Duration.ofDays(7)), ChatListRules.apply(ChatListSettings.NONE,
                new SettingsChange(null, null, Mute.ONE_WEEK, null), 0, NOW).mutedUntil());

        ChatListSettings always = ChatListRules.apply(ChatListSettings.NONE, new SettingsChange(null, null, Mute.ALWAYS, null), 0, NOW);
        assertTrue(always.muted());
        assertNull(always.mutedUntil(), "always has no end to show");
        assertFalse(ChatListRules.apply(always, new SettingsChange(null, null, Mute.OFF, null), 0, NOW).muted());
        assertTrue(ChatListRules.apply(always, new SettingsChange(true, null, null, null), 0, NOW).muted(),
                "a change that names no mute keeps it");
    }

    @Test
    void aMarkAsUnreadStaysThroughOtherChangesUntilItIsCleared() {
        ChatListSettings marked = ChatListRules.apply(ChatListSettings.NONE, new SettingsChange(null, null, null, true), 0, NOW);
        assertTrue(marked.markedUnread());
        ChatListSettings archived = ChatListRules.apply(marked, new SettingsChange(true, null, Mute.ALWAYS, null), 0, NOW);
        assertTrue(archived.markedUnread(), "a change that names no mark keeps it");
        assertFalse(ChatListRules.apply(archived, new SettingsChange(null, null, null, false), 0, NOW).markedUnread());
    }

    @Test
    void anEmptyChangeAndArchivingWhilePinningAreRefusedAsInvalid() {
        Refusal empty = assertThrows(Refusal.class,
                () -> ChatListRules.apply(ChatListSettings.NONE, new SettingsChange(null, null, null, null), 0, NOW));
        assertEquals(Refusal.Kind.INVALID, empty.kind());
        Refusal both = assertThrows(Refusal.class,
                () -> ChatListRules.apply(ChatListSettings.NONE, new SettingsChange(true, true, null, null), 0, NOW));
        assertEquals("a chat cannot be archived and pinned at once: archiving a chat unpins it", both.getMessage());
    }
}

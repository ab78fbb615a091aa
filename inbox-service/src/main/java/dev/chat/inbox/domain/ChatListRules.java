package dev.chat.inbox.domain;

import dev.chat.common.errors.Refusal;
import dev.chat.inbox.storage.ChatListSettings;
import java.time.Instant;

/**
 * The rules of a chat list's settings, as WhatsApp users know them: at most {@value #MAX_PINNED}
 * pinned chats; archiving a chat unpins it and pinning one brings it back from the archive, so a
 * chat is never both; pinning a pinned chat again keeps its place; a mark as unread stays through
 * every other change until it is cleared. Pure: the caller reads and writes.
 */
final class ChatListRules {

    static final int MAX_PINNED = 3;

    private ChatListRules() {
    }

    /**
     * The settings after {@code change}.
     *
     * @param pinnedElsewhere how many of the user's other chats are pinned
     * @throws Refusal INVALID for an empty change or one that both archives and pins; CONFLICT for
     *     a pin beyond {@value #MAX_PINNED}
     */
    static ChatListSettings apply(ChatListSettings current, SettingsChange change, int pinnedElsewhere, Instant now) {
        if (change.isEmpty()) {
            throw Refusal.invalid("nothing to change: give archived, pinned, mute or markedUnread");
        }
        if (Boolean.TRUE.equals(change.archived()) && Boolean.TRUE.equals(change.pinned())) {
            throw Refusal.invalid("a chat cannot be archived and pinned at once: archiving a chat unpins it");
        }
        boolean archived = change.archived() == null ? current.archived() : change.archived();
        Instant pinnedAt = Boolean.TRUE.equals(change.archived()) ? null : current.pinnedAt();
        if (Boolean.TRUE.equals(change.pinned()) && pinnedAt == null) {
            if (pinnedElsewhere >= MAX_PINNED) {
                throw new Refusal(Refusal.Kind.CONFLICT, null,
                        "at most " + MAX_PINNED + " chats can be pinned: unpin one first");
            }
            pinnedAt = now;
        }
        if (Boolean.TRUE.equals(change.pinned())) {
            archived = false;
        } else if (Boolean.FALSE.equals(change.pinned())) {
            pinnedAt = null;
        }
        boolean markedUnread = change.markedUnread() == null ? current.markedUnread() : change.markedUnread();
        return new ChatListSettings(archived, pinnedAt, mutedThrough(current, change.mute(), now), markedUnread);
    }

    private static Instant mutedThrough(ChatListSettings current, SettingsChange.Mute mute, Instant now) {
        if (mute == null) {
            return current.mutedThrough();
        }
        return switch (mute) {
            case OFF -> null;
            case ALWAYS -> ChatListSettings.ALWAYS;
            default -> now.plus(mute.length());
        };
    }
}

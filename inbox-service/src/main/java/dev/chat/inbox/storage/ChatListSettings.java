package dev.chat.inbox.storage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * How one chat shows in its user's chat list: archived, pinned, muted, marked unread. Kept on the
 * user's inbox row of the chat, so every device of the user sees the same list.
 *
 * @param archived left out of the main list ({@code GET /v1/inbox?archived=false}); new messages
 *     do not bring it back, as WhatsApp keeps archived chats archived
 * @param pinnedAt when it was pinned, or null; pinned chats come first, the latest pinned first
 * @param mutedThrough until when it is muted, {@link #ALWAYS} for always, or null; a mute that
 *     has run out is read as none
 * @param markedUnread the user marked it unread ("Mark as unread"): a client shows it as unread,
 *     whatever its unread count, until the user opens it and the client clears the mark
 */
public record ChatListSettings(boolean archived, Instant pinnedAt, @JsonIgnore Instant mutedThrough, boolean markedUnread) {

    /** The stored end of a mute chosen as "always". */
    public static final Instant ALWAYS = Instant.parse("9999-12-31T23:59:59Z");

    /** A chat whose settings were never changed. */
    public static final ChatListSettings NONE = new ChatListSettings(false, null, null, false);

    /** The settings as stored, read at {@code now}: a mute that ended before it is none. */
    static ChatListSettings stored(boolean archived, Instant pinnedAt, Instant mutedUntil, boolean markedUnread, Instant now) {
        return new ChatListSettings(archived, pinnedAt, mutedUntil != null && mutedUntil.isAfter(now) ? mutedUntil : null,
                markedUnread);
    }

    @JsonIgnore
    public boolean pinned() {
        return pinnedAt != null;
    }

    @JsonProperty
    public boolean muted() {
        return mutedThrough != null;
    }

    /** When the mute ends; null when it is not muted or muted always. */
    @JsonProperty
    public Instant mutedUntil() {
        return ALWAYS.equals(mutedThrough) ? null : mutedThrough;
    }
}

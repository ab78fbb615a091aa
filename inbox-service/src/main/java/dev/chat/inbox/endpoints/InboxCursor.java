package dev.chat.inbox.endpoints;

import dev.chat.common.ids.TimeUuids;
import dev.chat.inbox.storage.InboxEntry;
import dev.chat.inbox.storage.InboxPosition;
import jakarta.ws.rs.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The opaque position after an inbox entry ({@link InboxPosition}: pinned time, last message time,
 * chat id), so that the next page starts exactly after it even when two chats share a time.
 * Cursors given out before chats could be pinned (last message id and chat id) are still read.
 */
record InboxCursor(InboxPosition position) {

    private static final String VERSION = "2";
    private static final String NONE = "-";

    static InboxCursor after(InboxEntry entry) {
        return new InboxCursor(InboxPosition.of(entry));
    }

    String encode() {
        String text = String.join("/", VERSION, text(position.pinnedAt()), text(position.lastMessageAt()),
                position.chatId().toString());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static InboxCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("/");
            if (parts.length == 2) { // lastMessageId/chatId
                return new InboxCursor(new InboxPosition(null, TimeUuids.instantOf(UUID.fromString(parts[0])),
                        UUID.fromString(parts[1])));
            }
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException(cursor);
            }
            return new InboxCursor(new InboxPosition(instant(parts[1]), instant(parts[2]), UUID.fromString(parts[3])));
        } catch (RuntimeException e) {
            throw new BadRequestException("'" + cursor + "' is not a cursor this service gave out");
        }
    }

    /** Whether {@code entry} comes after this position in the inbox order. */
    boolean precedes(InboxEntry entry) {
        return position.compareTo(InboxPosition.of(entry)) < 0;
    }

    private static String text(Instant instant) {
        return instant == null ? NONE : instant.toString();
    }

    private static Instant instant(String text) {
        return NONE.equals(text) ? null : Instant.parse(text);
    }
}

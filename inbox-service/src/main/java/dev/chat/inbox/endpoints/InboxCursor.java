package dev.chat.inbox.endpoints;

import dev.chat.common.ids.TimeUuids;
import dev.chat.inbox.storage.InboxEntry;
import jakarta.ws.rs.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * The opaque position after an inbox entry: its last message id and its chat id, so that the next
 * page starts exactly after it in the newest-first order even when two chats share a time.
 */
record InboxCursor(UUID lastMessageId, UUID chatId) {

    static InboxCursor after(InboxEntry entry) {
        return new InboxCursor(entry.lastMessageId(), entry.chatId());
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((lastMessageId + "/" + chatId).getBytes(StandardCharsets.UTF_8));
    }

    static InboxCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("/");
            InboxCursor decoded = new InboxCursor(UUID.fromString(parts[0]), UUID.fromString(parts[1]));
            TimeUuids.instantOf(decoded.lastMessageId());
            return decoded;
        } catch (RuntimeException e) {
            throw new BadRequestException("'" + cursor + "' is not a cursor this service gave out");
        }
    }

    /** Whether {@code entry} comes after this position in the inbox order (newest first, then chat id). */
    boolean precedes(InboxEntry entry) {
        if (entry.lastMessageId() == null) {
            return true;
        }
        int byTime = TimeUuids.compare(entry.lastMessageId(), lastMessageId);
        return byTime < 0 || (byTime == 0 && entry.chatId().compareTo(chatId) > 0);
    }
}

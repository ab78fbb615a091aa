package dev.chat.common.events;

import java.util.UUID;

/**
 * A user changed their own view of a chat on one device (inbox-service: a chat-list setting,
 * delete chat, clear chat, delete for me, a star), published to {@link Topics#VIEWS} keyed by
 * user, so that their other devices read it again at once rather than at their next read.
 *
 * <p>A hint, not a state: the change is stored before it is published, the event carries no new
 * value, and a device that misses it (offline, or the publish failed) sees the change at its
 * next read of the inbox or the history.
 *
 * @param userId whose view changed
 * @param deviceId the device that made the change, which is not told; null: every device is
 * @param what {@link #CHAT}, {@link #HISTORY} or {@link #STARRED}
 * @param chatId the chat whose view changed
 * @param messageId the message concerned, for {@link #HISTORY} of one message and {@link #STARRED}; else null
 */
public record ViewChanged(UUID userId, String deviceId, String what, UUID chatId, UUID messageId) {

    /** The chat's line in the list: its settings, or the chat deleted from the list. */
    public static final String CHAT = "chat";

    /** The chat's messages as the user sees them: a message deleted for them, or the chat cleared. */
    public static final String HISTORY = "history";

    /** The user's starred messages: one starred or unstarred. */
    public static final String STARRED = "starred";
}

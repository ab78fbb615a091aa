package dev.chat.common.internal;

import java.util.List;

/**
 * message-service → gateway: one page of a device's pending messages, oldest first.
 *
 * @param more whether another page follows (ask again with {@code after} = the last id)
 */
public record PendingPage(List<PendingMessage> messages, boolean more) {
}

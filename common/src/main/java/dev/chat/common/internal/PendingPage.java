package dev.chat.common.internal;

import java.util.List;

/**
 * message-service → gateway: one page of a device's pending messages, oldest first.
 *
 * <p>The first request of a connection (no {@code after}) first moves the messages the user
 * received before having any device into the device's rows; when that takes longer than one
 * request may, the answer is an empty page with {@code more} set, and the gateway asks again
 * without {@code after}: the move goes on where it stopped.
 *
 * @param more whether another page follows (ask again with {@code after} = the last id; without
 *     it when this page is empty)
 */
public record PendingPage(List<PendingMessage> messages, boolean more) {
}

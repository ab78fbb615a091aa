package dev.chat.inbox.endpoints;

import dev.chat.inbox.storage.HistoryMessage;
import java.util.List;
import java.util.UUID;

/**
 * One page of a chat's history, newest first.
 *
 * @param nextBefore pass as {@code before} for the older page; null when there is nothing older
 * @param nextAfter pass as {@code after} for the newer page; null when this page is known to be
 *        the newest (see {@link ChatHistoryResource} for when that is known)
 */
public record HistoryPage(UUID chatId, List<HistoryMessage> messages, UUID nextBefore, UUID nextAfter) {
}
